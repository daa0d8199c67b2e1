package bench

import (
	"sort"
	"testing"
	"time"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	"github.com/xmtp/xmtpd-chain/app/apptesting/storeops"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// countBoundaryOps runs the next boundary block's BeginBlocker and EndBlocker
// on a discarded branch of the committed state and counts its store accesses.
func countBoundaryOps(tb testing.TB, ta *apptesting.TestApp) *storeops.Meter {
	tb.Helper()
	ops := storeops.NewMeter()
	hdr := cmtproto.Header{Height: ta.Height + 1, Time: ta.Time.Add(cycle), ChainID: apptesting.ChainID}
	ctx, _ := ta.NewUncachedContext(false, hdr).CacheContext()
	ctx = ctx.WithGasMeter(ops).WithBlockGasMeter(storetypes.NewInfiniteGasMeter())
	_, err := ta.BeginBlocker(ctx)
	require.NoError(tb, err)
	_, err = ta.EndBlocker(ctx)
	require.NoError(tb, err)
	return ops
}

// nextBoundary commits one empty block at the next cycle boundary.
func nextBoundary(ta *apptesting.TestApp) {
	ta.NextBlock(cycle)
}

// attestCycle returns the cycle open for attestation and its members.
func attestCycle(tb testing.TB, ta *apptesting.TestApp) (uint64, []string) {
	tb.Helper()
	ctx := ta.Ctx()
	st, err := ta.NodeSelectionKeeper.CycleState().Get(ctx)
	require.NoError(tb, err)
	require.True(tb, st.AttestOpen, "no cycle open for attestation")
	rec, err := ta.NodeSelectionKeeper.CycleHistory().Get(ctx, st.AttestCycle)
	require.NoError(tb, err)
	owners := make([]string, len(rec.Members))
	for i, m := range rec.Members {
		owners[i] = m.Owner
	}
	return st.AttestCycle, owners
}

// observations of member i about the next n members (cyclically).
func observations(members []string, i, n int) []nstypes.Observation {
	obs := make([]nstypes.Observation, 0, n)
	for j := 1; j <= n && j < len(members); j++ {
		obs = append(obs, nstypes.Observation{Operator: members[(i+j)%len(members)], UptimeBps: 9_900 + uint32(j%100), WorkUnits: 1_000 + uint64(j)})
	}
	return obs
}

// percentile of sorted durations (p in 0..100).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	if i > 0 {
		i--
	}
	return sorted[i]
}

func sortDurations(d []time.Duration) { sort.Slice(d, func(i, j int) bool { return d[i] < d[j] }) }

// ownerIndex maps operator owner addresses to their test accounts.
func ownerIndex(ta *apptesting.TestApp) map[string]apptesting.Account {
	m := make(map[string]apptesting.Account, len(ta.Operators))
	for _, op := range ta.Operators {
		m[op.Addr.String()] = op
	}
	return m
}
