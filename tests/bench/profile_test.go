package bench

import (
	"flag"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// boundaryProfile is where BenchmarkBoundary100kOperators writes the CPU
// profile of its measured boundary blocks (empty: no profile).
var boundaryProfile = flag.String("boundary.cpuprofile", "", "write a CPU profile of the boundary blocks of BenchmarkBoundary100kOperators to this file")

// boundary100k is the app of BenchmarkBoundary100kOperators, kept between its runs.
var boundary100k *apptesting.TestApp

// BenchmarkBoundary100kOperators is the boundary block (FinalizeBlock +
// Commit) with 100,000 registered operators and the default 10 seats, every
// member attested by the 9 others. One op is one boundary; the attestations
// of each cycle are written before it (inside the profile, outside the timer).
//
// The testing package runs a benchmark once with b.N = 1 before the run with
// the requested count, so the app (minutes of genesis at this size) is built
// once and reused: the second run goes on from the state the first left.
func BenchmarkBoundary100kOperators(b *testing.B) {
	if boundary100k == nil {
		boundary100k = newApp(b, setup{operators: 100_000})
		nextBoundary(boundary100k)
	}
	ta := boundary100k
	ta.T = b
	if *boundaryProfile != "" {
		f, err := os.Create(*boundaryProfile)
		require.NoError(b, err)
		defer f.Close()
		require.NoError(b, pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	var elapsed time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		writeAllAttestations(b, ta, 10)
		start := time.Now()
		b.StartTimer()
		nextBoundary(ta)
		b.StopTimer()
		elapsed += time.Since(start)
	}
	writeAllAttestations(b, ta, 10)
	ops := countBoundaryOps(b, ta)
	b.ReportMetric(float64(ops.reads), "reads")
	b.ReportMetric(float64(ops.writes), "writes")
	b.ReportMetric(float64(ops.iters), "iter_steps")
}
