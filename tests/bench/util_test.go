package bench

import (
	"bytes"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// opCounter counts the operations of the commit multistore's trace: KV reads
// that miss the block's cache, writes and deletes flushed at the end of the
// block and iterator steps, in every module.
type opCounter struct{ reads, writes, iters atomic.Int64 }

func (c *opCounter) Write(p []byte) (int, error) {
	for _, line := range bytes.Split(p, []byte("\n")) {
		switch {
		case bytes.Contains(line, []byte(`"operation":"read"`)):
			c.reads.Add(1)
		case bytes.Contains(line, []byte(`"operation":"write"`)), bytes.Contains(line, []byte(`"operation":"delete"`)):
			c.writes.Add(1)
		case bytes.Contains(line, []byte(`"operation":"iterKey"`)):
			c.iters.Add(1)
		}
	}
	return len(p), nil
}

func (c *opCounter) total() int64 { return c.reads.Load() + c.writes.Load() + c.iters.Load() }

func (c *opCounter) reset() { c.reads.Store(0); c.writes.Store(0); c.iters.Store(0) }

// nextBoundary commits one empty block at the next cycle boundary.
func nextBoundary(ta *apptesting.TestApp) {
	ta.NextBlock(cycle)
}

// attestCycle returns the cycle open for attestation and its members.
func attestCycle(tb testing.TB, ta *apptesting.TestApp) (uint64, []string) {
	tb.Helper()
	ctx := ta.Ctx()
	st, err := ta.NodeSelectionKeeper.CycleState.Get(ctx)
	require.NoError(tb, err)
	require.True(tb, st.AttestOpen, "no cycle open for attestation")
	rec, err := ta.NodeSelectionKeeper.CycleHistory.Get(ctx, st.AttestCycle)
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
