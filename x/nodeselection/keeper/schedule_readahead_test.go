package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// A Schedule query beyond the stored cycles reads the queue ahead
// (queue_cache.go); whatever the read-ahead, it predicts exactly what the
// replay without read-ahead (the consensus path's reading) predicts, with
// ineligible entries in the queue and the scan wrapping around.
func TestScheduleReadAheadPredictsTheSame(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(2, 25).Draw(rt, "operators")
		k := rapid.IntRange(1, 5).Draw(rt, "K")
		bps := rapid.SampledFrom([]int{1000, 5000, 20000}).Draw(rt, "bps")
		f, owners := genesisWithOperators(rt, n, func(p *types.Params) {
			p.ActiveSetSize = uint32(k)
			p.MaxDailyTurnoverBps = uint32(bps)
		})
		// Some operators lose their NFT: ineligible entries the scans skip.
		for i := range owners {
			if rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("lose%d", i)) == 0 {
				require.NoError(rt, f.nft.Transfer(f.ctx, types.NFTClassID, fmt.Sprintf("op-%d", i+1), addr(1000+i)))
			}
		}
		cycles := uint32(rapid.IntRange(11, 60).Draw(rt, "cycles"))
		want, err := f.k.ScheduleReadAhead(f.ctx, cycles, 0)
		require.NoError(rt, err)
		require.Len(rt, want.Cycles, int(cycles))
		for _, ra := range []int{1, 2, 7, 64} {
			got, err := f.k.ScheduleReadAhead(f.ctx, cycles, ra)
			require.NoError(rt, err)
			require.Equal(rt, want, got, "read-ahead %d", ra)
		}
	})
}
