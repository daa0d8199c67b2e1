package keeper_test

import (
	"fmt"
	"testing"
	"time"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/storeops"
)

var benchFixtures = map[int]*fixture{}

// benchFixture returns a chain with n registered eligible genesis operators
// (built once per size and shared by the benchmarks).
func benchFixture(b *testing.B, n int) *fixture {
	if f, ok := benchFixtures[n]; ok {
		return f
	}
	f, _ := genesisWithOperators(b, n, nil)
	// commit like a real node does at the end of a block: IAVL iterators over a
	// large uncommitted working set are far slower than on disk state
	f.ctx.MultiStore().(storetypes.CommitMultiStore).Commit()
	benchFixtures[n] = f
	return f
}

// BenchmarkBeginBlocker measures a non-boundary block and a boundary block
// with 100, 10,000 and 100,000 registered eligible operators; store reads,
// writes and iterator steps are reported per block.
func BenchmarkBeginBlocker(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		for _, kind := range []string{"non-boundary", "boundary"} {
			b.Run(fmt.Sprintf("%s/operators=%d", kind, n), func(b *testing.B) {
				f := benchFixture(b, n)
				st := f.state()
				at := st.NextBoundary.Add(-time.Minute) // inside the current cycle
				if kind == "boundary" {
					at = st.NextBoundary
				}
				meter := storeops.NewMeter()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					// Every op processes the same block on a fresh branch of the
					// committed state, so ops are identical and sizes comparable.
					b.StopTimer()
					ctx, _ := f.ctx.WithBlockTime(at).WithGasMeter(meter).CacheContext()
					b.StartTimer()
					if err := f.k.BeginBlocker(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(meter.Reads)/float64(b.N), "reads/op")
				b.ReportMetric(float64(meter.Writes)/float64(b.N), "writes/op")
				b.ReportMetric(float64(meter.Iters)/float64(b.N), "iters/op")
			})
		}
	}
}
