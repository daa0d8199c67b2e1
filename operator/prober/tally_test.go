package prober_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/prober"
	"github.com/xmtp/xmtpd-chain/operator/store"
)

func TestUptimeBps(t *testing.T) {
	for _, tc := range []struct {
		answered, probes uint64
		want             uint32
	}{
		{0, 0, 0},       // nothing probed: no uptime to claim
		{10, 10, 10000}, // all answered
		{0, 10, 0},      // none answered
		{2, 3, 6666},    // rounded down, never up
		{29, 30, 9666},  // one miss in 30 is below 9700
		{19, 20, 9500},  // exactly min_uptime_bps
		{12, 10, 10000}, // answered cannot exceed probes
		{1 << 62, 1 << 62, 10000},
		{1<<62 - 1, 1 << 62, 9999},
	} {
		require.Equal(t, tc.want, prober.UptimeBps(tc.answered, tc.probes), "%d/%d", tc.answered, tc.probes)
	}
}

func TestCountAndWork(t *testing.T) {
	// ARRANGE
	p := &store.Peer{}
	// ACT: 3 answered probes and a miss; counter readings 100 (baseline), 130, 5 (a restart of the node), 25.
	for _, ok := range []bool{true, true, false, true} {
		prober.Count(p, ok)
	}
	for _, v := range []uint64{100, 130, 5, 25} {
		prober.AddWork(p, v)
	}
	// ASSERT
	require.Equal(t, uint64(4), p.Probes)
	require.Equal(t, uint64(3), p.Answered)
	require.Equal(t, uint32(7500), prober.UptimeBps(p.Answered, p.Probes))
	require.Equal(t, uint64(30+5+20), p.Work, "increase since the first reading, a counter reset counted whole")
}
