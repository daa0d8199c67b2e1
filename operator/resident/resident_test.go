package resident

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

// restoreGC puts the test process's GC settings back after the test.
func restoreGC(t *testing.T) {
	gc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(gc); debug.SetMemoryLimit(limit) })
}

func TestTuneSetsTheDefaultsWhenTheEnvironmentHasNone(t *testing.T) {
	restoreGC(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")

	gc, limit := Tune()

	require.Equal(t, DefaultGCPercent, gc)
	require.Equal(t, int64(DefaultMemoryLimit), limit)
	require.Equal(t, DefaultGCPercent, debug.SetGCPercent(DefaultGCPercent))
}

func TestTuneLeavesWhatTheEnvironmentSets(t *testing.T) {
	restoreGC(t) // GC at 100, no limit: what GOGC=100 GOMEMLIMIT=off gave at start
	t.Setenv("GOGC", "100")
	t.Setenv("GOMEMLIMIT", "off")

	gc, limit := Tune()

	require.Equal(t, 100, gc)
	require.Equal(t, int64(math.MaxInt64), limit)
}
