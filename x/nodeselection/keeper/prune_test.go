package keeper_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// A payback to an address the bank refuses emits an event, is moved one
// cycle later, and does not hold up the entries behind it, even with one
// payback per block.
func TestFailedPaybackDoesNotBlockLaterEntries(t *testing.T) {
	// ARRANGE: two leavers, the first one's address refuses coins; one payback per block.
	f, owners := genesisWithOperators(t, 12, func(p *types.Params) { p.MaxMaturedPerBlock = 1 })
	blocked, later := owners[10], owners[11]
	f.bank.AppendSendRestriction(func(_ context.Context, _, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
		if to.Equals(blocked) {
			return nil, errors.New("blocked address")
		}
		return to, nil
	})
	for _, o := range []sdk.AccAddress{blocked, later} {
		_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(o)})
		require.NoError(t, err)
	}
	done := genesisTime.Add(21 * 24 * time.Hour)

	// ACT: the first block after maturity tries the blocked one, the next pays the later one.
	f.at(done)
	failed := eventTypes(f.ctx)
	f.at(done.Add(5 * time.Second))

	// ASSERT
	require.Contains(t, failed, "xmtp.nodeselection.v1.EventUnbondingPaybackFailed")
	require.True(t, f.balance(blocked).IsZero())
	require.Equal(t, int64(minBond), f.balance(later).Int64(), "not held up by the failed entry")
	resp, err := f.q.Unbondings(f.ctx, &types.QueryUnbondingsRequest{Owner: f.str(blocked)})
	require.NoError(t, err)
	require.Len(t, resp.Entries, 1)
	require.Equal(t, done.Add(12*time.Hour), resp.Entries[0].CompletionTime, "retried one cycle_duration later")
	require.NoError(t, f.k.CheckInvariants(f.ctx), "the bond is still in escrow")
}

// Cycle history and violations outside a running window are pruned once
// older than record_retention, oldest first, at most max_prune_per_block per
// block; a violation of an operator whose window runs is kept.
func TestPruneCycleHistoryAndViolations(t *testing.T) {
	// ARRANGE: 1h cycles, 10h retention, 2 prunes per block; 6 boundaries;
	// violations of op1 (window will be over) and op2 (window still running).
	f, owners := genesisWithOperators(t, 4, func(p *types.Params) {
		p.CycleDuration, p.WaitingPeriod = time.Hour, time.Hour
		p.RecordRetention, p.MaxPrunePerBlock = 10*time.Hour, 2
		p.PenaltyWindow = 3 * time.Hour
	})
	record := func(o sdk.AccAddress) {
		_, err := f.msg.RecordViolation(f.ctx, &types.MsgRecordViolation{Authority: f.authority, Owner: f.str(o),
			Kind: types.VIOLATION_KIND_MISCONDUCT, Evidence: "test"})
		require.NoError(t, err)
	}
	record(owners[0])
	record(owners[1])
	for c := 1; c <= 6; c++ {
		f.at(genesisTime.Add(time.Duration(c) * time.Hour))
	}
	// op2 violates again just before the old violations expire: its window runs past them.
	f.at(genesisTime.Add(9*time.Hour + 30*time.Minute))
	record(owners[1])
	// the block at 9h30m processed the boundary due at 7h once: cycle 6 spans 6h-9h.
	require.Equal(t, []uint64{0, 1, 2, 3, 4, 5, 6}, cycleHistory(t, f))

	// ACT: 10h after genesis the violations at 0h are due; cycle 0 (ended 1h) is not yet.
	f.at(genesisTime.Add(10 * time.Hour))

	// ASSERT
	require.Len(t, violationsOf(t, f, owners[0]), 0, "op1's window ended: pruned")
	require.Len(t, violationsOf(t, f, owners[1]), 2, "op2's window runs: kept")
	require.Equal(t, []uint64{0, 1, 2, 3, 4, 5, 6, 9}, cycleHistory(t, f), "cycle 0 ended at 1h: not due before 11h")

	// ACT: at 14h cycles 0..3 (ended 1h..4h) are due: 2 per block, lowest first.
	f.at(genesisTime.Add(14 * time.Hour))
	require.Equal(t, []uint64{2, 3, 4, 5, 6, 9, 10}, cycleHistory(t, f), "bounded: 2 per block")
	f.at(genesisTime.Add(14*time.Hour + time.Second))
	require.Equal(t, []uint64{4, 5, 6, 9, 10}, cycleHistory(t, f))
	// op2's window ends 12h30m; afterwards its old violation (0h) is pruned, the 9h30m one is kept (not due).
	require.Len(t, violationsOf(t, f, owners[1]), 1)
}

func cycleHistory(t *testing.T, f *fixture) []uint64 {
	t.Helper()
	keys, err := f.k.CycleHistory().Iterate(f.ctx, nil)
	require.NoError(t, err)
	out, err := keys.Keys()
	require.NoError(t, err)
	return out
}

func violationsOf(t *testing.T, f *fixture, o sdk.AccAddress) []types.Violation {
	t.Helper()
	it, err := f.k.Violations().Iterate(f.ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](o))
	require.NoError(t, err)
	vs, err := it.Values()
	require.NoError(t, err)
	return vs
}
