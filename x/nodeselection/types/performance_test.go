package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func att(attester string, uptimes map[string]uint32) types.Attestation {
	a := types.Attestation{Cycle: 3, Attester: attester}
	for _, o := range []string{"a", "b", "c", "d", "e", "f"} {
		if u, ok := uptimes[o]; ok {
			a.Observations = append(a.Observations, types.Observation{Operator: o, UptimeBps: u, WorkUnits: uint64(u)})
		}
	}
	return a
}

func all(u uint32, owners ...string) map[string]uint32 {
	m := map[string]uint32{}
	for _, o := range owners {
		m[o] = u
	}
	return m
}

func TestLowerMedianOddAndEven(t *testing.T) {
	m, _ := types.LowerMedian([]uint64{9, 1, 5})
	require.Equal(t, uint64(5), m) // sorted 1 5 9 -> index 1
	m, _ = types.LowerMedian([]uint64{40, 10, 30, 20})
	require.Equal(t, uint64(20), m) // sorted 10 20 30 40 -> index 1 (lower of 20, 30)
	_, ok := types.LowerMedian(nil)
	require.False(t, ok)
}

// Six members, all submit; two liars (e, f) report 0 for honest a and 10000
// for d, which really was down (the honest report 5000 for it). Observations
// about a: b c d say 10000, e f say 0 -> sorted 0 0 10000 10000 10000 -> 10000.
// About d: a b c say 5000, e f say 10000 -> 5000 5000 5000 10000 10000 -> 5000.
func TestSettleLyingMinorityCanNeitherFrameNorHide(t *testing.T) {
	// ARRANGE
	members := []string{"a", "b", "c", "d", "e", "f"}
	honest := map[string]uint32{"a": 10000, "b": 10000, "c": 10000, "d": 5000, "e": 10000, "f": 10000}
	liar := map[string]uint32{"a": 0, "b": 10000, "c": 10000, "d": 10000, "e": 10000, "f": 10000}
	atts := []types.Attestation{att("a", honest), att("b", honest), att("c", honest), att("d", honest), att("e", liar), att("f", liar)}

	// ACT
	res := types.SettlePerformance(3, members, atts, 9500)

	// ASSERT
	require.True(t, res.Summary.Attested)
	require.Equal(t, uint32(6), res.Summary.Submitters)
	require.Equal(t, uint32(10000), res.Records[0].UptimeBps, "a framed")
	require.Equal(t, uint32(5), res.Records[0].Observations)
	require.Equal(t, uint32(5000), res.Records[3].UptimeBps, "d hidden")
	require.Equal(t, uint64(5000), res.Records[3].WorkUnits)
	require.Equal(t, []string{"d"}, res.Summary.Downtime)
}

// Self-observations are ignored: d reporting itself at 10000 changes nothing.
func TestSettleIgnoresSelfObservation(t *testing.T) {
	members := []string{"a", "b", "c", "d"}
	low := all(9000, "d")
	atts := []types.Attestation{att("a", low), att("b", low), att("d", all(10000, "d"))}
	res := types.SettlePerformance(3, members, atts, 9500)
	require.Equal(t, uint32(9000), res.Records[3].UptimeBps)
	require.Equal(t, uint32(2), res.Records[3].Observations)
}

// Two of four submitted: not more than half, so not attested; every member
// gets uptime 10000, work 0, and no violation.
func TestSettleWithoutQuorumIsNotAttested(t *testing.T) {
	members := []string{"a", "b", "c", "d"}
	atts := []types.Attestation{att("a", all(0, "b", "c", "d")), att("b", all(0, "a", "c", "d"))}
	res := types.SettlePerformance(3, members, atts, 9500)
	require.False(t, res.Summary.Attested)
	require.Empty(t, res.Summary.Downtime)
	for _, r := range res.Records {
		require.Equal(t, uint32(10000), r.UptimeBps)
		require.Zero(t, r.WorkUnits)
		require.False(t, r.Attested)
	}
}

// Everyone observed at 9000: the cycle median 9000 < 9500 is an outage and
// nobody commits a violation; one member at 9000 among 10000s does.
func TestSettleOutageExemption(t *testing.T) {
	members := []string{"a", "b", "c"}
	down := all(9000, "a", "b", "c")
	res := types.SettlePerformance(3, members, []types.Attestation{att("a", down), att("b", down), att("c", down)}, 9500)
	require.True(t, res.Summary.Outage)
	require.Equal(t, uint32(9000), res.Summary.MedianUptimeBps)
	require.Empty(t, res.Summary.Downtime)

	one := map[string]uint32{"a": 10000, "b": 10000, "c": 9000}
	res = types.SettlePerformance(3, members, []types.Attestation{att("a", one), att("b", one), att("c", one)}, 9500)
	require.False(t, res.Summary.Outage)
	require.Equal(t, []string{"c"}, res.Summary.Downtime)
}

// Escalation: 1st 3000, 2nd 6000, 3rd 9000, 4th and later 9000; a violation
// after the window ended starts again at 1; replay skips excused ones.
func TestPenaltyEscalationWindowAndReplay(t *testing.T) {
	p := types.DefaultParams()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var s types.PenaltyState
	for i, want := range []uint32{3000, 6000, 9000, 9000} {
		s = types.NextPenalty(s, t0.Add(time.Duration(i)*24*time.Hour), p)
		require.Equal(t, uint32(i+1), s.Violations)
		require.Equal(t, want, s.WithholdBps)
	}
	require.Equal(t, t0.Add(3*24*time.Hour+p.PenaltyWindow), s.WindowEnd)
	require.Equal(t, types.PenaltyState{}, types.EffectivePenalty(s, s.WindowEnd))
	s = types.NextPenalty(s, s.WindowEnd, p)
	require.Equal(t, uint32(1), s.Violations)

	vs := []types.Violation{{Time: t0}, {Time: t0.Add(time.Hour), Excused: true}, {Time: t0.Add(2 * time.Hour)}}
	r := types.ReplayPenalty(vs, t0.Add(3*time.Hour), p)
	require.Equal(t, uint32(2), r.Violations)
	require.Equal(t, uint32(6000), r.WithholdBps)
	require.Equal(t, t0.Add(2*time.Hour+p.PenaltyWindow), r.WindowEnd)
}
