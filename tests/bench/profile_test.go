package bench

import (
	"flag"
	"os"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// boundaryProfile is where BenchmarkBoundary100kOperators writes the CPU
// profile of its measured boundary blocks, and BenchmarkBoundary100Operators
// that of its own to the same name with "-100" appended (empty: no profile).
var boundaryProfile = flag.String("boundary.cpuprofile", "", "write a CPU profile of the boundary blocks of BenchmarkBoundary100kOperators to this file (of BenchmarkBoundary100Operators: this file + \"-100\")")

// boundaryDB is the database of the boundary benchmarks' apps: "memdb" (the
// default) or "goleveldb", a node's default backend, in a temporary directory
// removed when the benchmarks end.
var boundaryDB = flag.String("boundary.db", "memdb", "database of the boundary benchmarks' apps: memdb or goleveldb")

// boundaryApps are the apps of the boundary benchmarks by operator count,
// kept between the runs of a benchmark.
var boundaryApps = map[int]*apptesting.TestApp{}

// BenchmarkBoundary100kOperators is the boundary block (FinalizeBlock +
// Commit) with 100,000 registered operators and the default 10 seats, every
// member attested by the 9 others. One op is one boundary; the attestations
// of each cycle are written before it (inside the profile, outside the timer).
// With -boundary.cpuprofile it writes the CPU profile of its boundaries.
func BenchmarkBoundary100kOperators(b *testing.B) { benchBoundary(b, 100_000, *boundaryProfile) }

// BenchmarkBoundary100Operators is the same boundary with 100 registered
// operators: the baseline that shows what 100,000 operators add.
func BenchmarkBoundary100Operators(b *testing.B) {
	profile := ""
	if *boundaryProfile != "" {
		profile = *boundaryProfile + "-100"
	}
	benchBoundary(b, 100, profile)
}

// benchBoundary measures boundaries at the given number of operators. The
// testing package runs a benchmark once with b.N = 1 before the run with the
// requested count, so the app (minutes of genesis at 100,000 operators) is
// built once and reused: the second run goes on from the state the first left.
func benchBoundary(b *testing.B, operators int, profile string) {
	ta := boundaryApp(b, operators)
	if profile != "" {
		f, err := os.Create(profile)
		require.NoError(b, err)
		defer f.Close()
		require.NoError(b, pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	b.StopTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		writeAllAttestations(b, ta, 10)
		c0 := processCPU(b)
		b.StartTimer()
		nextBoundary(ta)
		b.StopTimer()
		cpu += processCPU(b) - c0
	}
	// CPU time of the process (user + system, every thread) per boundary:
	// less sensitive than wall time to other processes on a shared machine.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	writeAllAttestations(b, ta, 10)
	ops := countBoundaryOps(b, ta)
	b.ReportMetric(float64(ops.Reads), "reads")
	b.ReportMetric(float64(ops.Writes), "writes")
	b.ReportMetric(float64(ops.Iters), "iter_steps")
}

// boundaryApp is the boundary benchmarks' app of the given size, built on
// first use and kept for the process.
func boundaryApp(b *testing.B, operators int) *apptesting.TestApp {
	ta := boundaryApps[operators]
	if ta == nil {
		ta = newApp(b, setup{operators: operators, db: boundaryAppDB(b)})
		nextBoundary(ta)
		boundaryApps[operators] = ta
	}
	ta.T = b
	return ta
}

// processCPU is the CPU time (user + system) the process has used.
func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	require.NoError(tb, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tempDirs are removed by TestMain when the benchmarks end.
var tempDirs []string

// boundaryAppDB opens the database -boundary.db names (nil: a fresh memdb).
func boundaryAppDB(tb testing.TB) dbm.DB {
	switch *boundaryDB {
	case "memdb":
		return nil
	case "goleveldb":
		dir, err := os.MkdirTemp("", "xmtpd-bench-db-")
		require.NoError(tb, err)
		tempDirs = append(tempDirs, dir)
		db, err := dbm.NewGoLevelDB("application", dir, nil)
		require.NoError(tb, err)
		return db
	}
	tb.Fatalf("-boundary.db %q: want memdb or goleveldb", *boundaryDB)
	return nil
}
