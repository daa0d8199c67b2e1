package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// PenaltyLookback bounds the violations that can count at now: one recorded
// at the lookback or later may still withhold, one recorded a moment before it
// never does, whatever came before it.
func TestPenaltyLookbackBoundsThePenaltyInForce(t *testing.T) {
	p := types.DefaultParams()
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	from := types.PenaltyLookback(now, p)
	require.True(t, from.Before(now))

	at := func(ts ...time.Time) []types.Violation {
		var vs []types.Violation
		for _, t := range ts {
			vs = append(vs, types.Violation{Time: t})
		}
		return vs
	}
	justIn := from.Add(time.Nanosecond)
	require.NotZero(t, types.ReplayPenalty(at(justIn), now, p).WithholdBps, "recorded just after the lookback")
	for _, before := range [][]time.Time{
		{from.Add(-time.Nanosecond)},
		{from.Add(-3 * time.Hour), from.Add(-2 * time.Hour), from.Add(-time.Nanosecond)},
		{from},
	} {
		require.Zero(t, types.ReplayPenalty(at(before...), now, p).WithholdBps, "all recorded at or before the lookback: %v", before)
	}
}
