package bench

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// BenchmarkActiveSetBoundary measures the boundary block (FinalizeBlock +
// Commit) that settles a cycle of K members, each attested by all K-1 others
// (K(K-1) observations), with a funded pool so that rewards are credited.
// The attestations are written into the store outside the timer (as if
// delivered during the cycle); one op is one boundary block.
func BenchmarkActiveSetBoundary(b *testing.B) {
	for _, k := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("K=%d", k), func(b *testing.B) {
			ta := newApp(b, setup{operators: k, seats: uint32(k)})
			ta.MustDeliver(ta.Admin, time.Second, &rewardstypes.MsgFundRewardPool{Sender: ta.Admin.Addr.String(),
				Amount: sdk.NewCoin(app.RewardDenom, apptesting.AccountUSDC.QuoRaw(2))})
			nextBoundary(ta)
			var elapsed time.Duration
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				writeAllAttestations(b, ta, k)
				start := time.Now()
				b.StartTimer()
				nextBoundary(ta)
				b.StopTimer()
				elapsed += time.Since(start)
			}
			// The same boundary once more on a discarded branch, with the store
			// accesses counted (the timed blocks ran without the counter).
			writeAllAttestations(b, ta, k)
			ops := countBoundaryOps(b, ta)
			settled, err := ta.RewardsKeeper.CycleRecords.Get(ta.Ctx(), lastSettled(b, ta))
			require.NoError(b, err)
			require.Len(b, settled.Members, k, "every member settled with a reward record")
			perMember := float64(elapsed.Nanoseconds()) / float64(b.N) / float64(k)
			b.ReportMetric(perMember, "ns/member")
			b.ReportMetric(float64(ops.Total())/float64(k), "store_ops/member")
			b.ReportMetric(float64(ops.Reads), "reads")
			b.ReportMetric(float64(ops.Writes), "writes")
			b.ReportMetric(float64(ops.Iters), "iter_steps")
		})
	}
}

// writeAllAttestations stores, for the cycle open for attestation, one
// attestation per member observing every other member.
func writeAllAttestations(tb testing.TB, ta *apptesting.TestApp, k int) {
	tb.Helper()
	c, members := attestCycle(tb, ta)
	require.Len(tb, members, k)
	ctx := ta.NewUncachedContext(false, cmtproto.Header{Height: ta.Height, Time: ta.Time, ChainID: apptesting.ChainID})
	for i, m := range members {
		addr, err := sdk.AccAddressFromBech32(m)
		require.NoError(tb, err)
		att := nstypes.Attestation{Cycle: c, Attester: m, Observations: observations(members, i, k-1)}
		require.NoError(tb, ta.NodeSelectionKeeper.SetAttestation(ctx, collections.Join(c, addr), att))
	}
}

// lastSettled is the newest cycle with a rewards record.
func lastSettled(tb testing.TB, ta *apptesting.TestApp) uint64 {
	tb.Helper()
	var last uint64
	found := false
	err := ta.RewardsKeeper.CycleRecords.Walk(ta.Ctx(), new(collections.Range[uint64]).Descending(), func(c uint64, _ rewardstypes.CycleRecord) (bool, error) {
		last, found = c, true
		return true, nil
	})
	require.NoError(tb, err)
	require.True(tb, found, "no cycle settled")
	return last
}
