package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// completePayout runs a payout to `payees` operators at 10 transfers per
// block and returns the store operations (every module, storeops.Meter) of the block that
// completes it, the completed record and that block's events.
func completePayout(t *testing.T, payees int) (int64, types.PayoutRecord, sdk.Events) {
	f := newFixture(t)
	ops := f.operators(payees)
	p := types.DefaultParams()
	p.PayoutPeriod, p.MaxPayoutsPerBlock = 2*cycleLen, 10
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.fund(int64(payees) * 20_833_332)
	f.end(0, 1, ops...)
	f.end(1, 1, ops...) // rolls the period over and sends the first 10
	for block := 0; block < payees; block++ {
		f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(time.Second)).WithEventManager(sdk.NewEventManager())
		f.storeOps.Reset()
		require.NoError(t, f.k.BeginBlocker(f.ctx))
		ops := f.storeOps.Total()
		rec, err := f.k.Payouts.Get(f.ctx, 0)
		require.NoError(t, err)
		if rec.Complete {
			return ops, rec, f.ctx.EventManager().Events()
		}
	}
	t.Fatalf("payout to %d payees never completed", payees)
	return 0, types.PayoutRecord{}, nil
}

// TestPayoutCompletionWorkBounded: the block that completes a payout does
// the same store work for 15 payees as for 105 (both send 5 in it), and the
// record and the completion event still count every entry (SPEC 5.1).
func TestPayoutCompletionWorkBounded(t *testing.T) {
	// ACT
	small, smallRec, _ := completePayout(t, 15)
	large, largeRec, events := completePayout(t, 105)

	// ASSERT
	require.Equal(t, small, large, "store operations of the completing block grow with the payees")
	require.Equal(t, uint32(15), smallRec.EntryCount)
	require.Equal(t, uint32(105), largeRec.EntryCount)
	var done *types.EventPayoutCompleted
	for _, ev := range events {
		if ev.Type == "xmtp.rewards.v1.EventPayoutCompleted" {
			msg, err := sdk.ParseTypedEvent(abci.Event(ev))
			require.NoError(t, err)
			done = msg.(*types.EventPayoutCompleted)
		}
	}
	require.NotNil(t, done, "EventPayoutCompleted emitted by the completing block")
	require.Equal(t, uint32(105), done.Operators)
}

// TestMigrate2to3: every payout record gets the number of its stored entries.
func TestMigrate2to3(t *testing.T) {
	// ARRANGE: two version-2 records without entry_count, with 3 and 0 entries.
	f := newFixture(t)
	for id := uint64(0); id < 2; id++ {
		require.NoError(t, f.k.Payouts.Set(f.ctx, id, types.PayoutRecord{Id: id, TotalSent: math.ZeroInt(), TotalFailed: math.ZeroInt()}))
	}
	for _, name := range []string{"a", "b", "c"} {
		e := types.PayoutEntry{Owner: addr(name).String(), Address: addr(name).String(), Amount: math.NewInt(1), Sent: true}
		require.NoError(t, f.k.PayoutEntries.Set(f.ctx, collections.Join(uint64(0), addr(name)), e))
	}

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))

	// ASSERT
	for id, want := range map[uint64]uint32{0: 3, 1: 0} {
		rec, err := f.k.Payouts.Get(f.ctx, id)
		require.NoError(t, err)
		require.Equal(t, want, rec.EntryCount, "payout %d", id)
	}
}
