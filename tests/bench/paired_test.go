package bench

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// BenchmarkBoundaryPaired measures the boundaries of the 100,000- and the
// 100-operator apps in alternation, in one process with both apps alive: each
// op is one boundary of each (the order swapped every op), so a load swing on
// the shared machine or a garbage collection hits both sizes alike. It
// reports the wall and CPU time per boundary of each size and their ratios
// (the goal of section 5 is ratio ≤ 1.1). With -boundary.cpuprofile it writes
// FILE-paired, its samples labelled operators=100000 / operators=100
// (`go tool pprof -tagfocus operators=100000 FILE-paired`).
func BenchmarkBoundaryPaired(b *testing.B) {
	apps := []*apptesting.TestApp{boundaryApp(b, 100_000), boundaryApp(b, 100)}
	labels := []string{"100000", "100"}
	if *boundaryProfile != "" {
		f, err := os.Create(*boundaryProfile + "-paired")
		require.NoError(b, err)
		defer f.Close()
		require.NoError(b, pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	var wall, cpu [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < 2; k++ {
			j := (i + k) % 2
			b.StopTimer()
			writeAllAttestations(b, apps[j], 10)
			b.StartTimer()
			c0, t0 := processCPU(b), time.Now()
			pprof.Do(context.Background(), pprof.Labels("operators", labels[j]), func(context.Context) {
				nextBoundary(apps[j])
			})
			wall[j] += time.Since(t0)
			cpu[j] += processCPU(b) - c0
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(wall[0].Nanoseconds())/n, "ns-100k/op")
	b.ReportMetric(float64(wall[1].Nanoseconds())/n, "ns-100/op")
	b.ReportMetric(float64(cpu[0].Nanoseconds())/n, "cpu-ns-100k/op")
	b.ReportMetric(float64(cpu[1].Nanoseconds())/n, "cpu-ns-100/op")
	b.ReportMetric(wall[0].Seconds()/wall[1].Seconds(), "ratio")
	b.ReportMetric(cpu[0].Seconds()/cpu[1].Seconds(), "cpu-ratio")
}
