package types

import (
	"time"

	"cosmossdk.io/math"
)

// WithholdFor is the withholding for the count-th violation of a running
// window (docs/protocol.md#violations-and-penalties): withhold_bps[count-1] for the 1st to 3rd, and the last
// entry (withhold_bps[2], 9000 by default) from the 4th on; 0 for no violation.
func WithholdFor(count uint32, p Params) uint32 {
	if count == 0 || len(p.WithholdBps) == 0 {
		return 0
	}
	i := int(count) - 1
	if i >= len(p.WithholdBps) {
		i = len(p.WithholdBps) - 1
	}
	return p.WithholdBps[i]
}

// SlashThreshold is the violation count from which the bond is slashed and the operator jailed.
const SlashThreshold = 4

// EffectivePenalty is the penalty in force at now: the stored state, or
// nothing when its window ended at or before now.
func EffectivePenalty(s PenaltyState, now time.Time) PenaltyState {
	if s.Violations == 0 || !now.Before(s.WindowEnd) {
		return PenaltyState{}
	}
	return s
}

// PenaltyLookback is the earliest recording time of a violation that can
// still count in the penalty in force at now: the window of a violation
// recorded at t ends at t + penalty_window (NextPenalty) and is over at or
// after its end (EffectivePenalty), so a violation recorded before
// now - penalty_window cannot hold a withholding at now.
func PenaltyLookback(now time.Time, p Params) time.Time {
	return now.Add(-p.PenaltyWindow)
}

// NextPenalty is the penalty after a violation at time at: the window restarts
// at at + penalty_window; the count grows when the previous window was still
// running, else starts again at 1.
func NextPenalty(s PenaltyState, at time.Time, p Params) PenaltyState {
	s = EffectivePenalty(s, at)
	s.Violations++
	s.WindowEnd = at.Add(p.PenaltyWindow)
	s.WithholdBps = WithholdFor(s.Violations, p)
	return s
}

// ReplayPenalty recomputes the penalty in force at now from an operator's
// violations in the order they were recorded, skipping excused ones. Used
// when a violation is excused.
func ReplayPenalty(vs []Violation, now time.Time, p Params) PenaltyState {
	var s PenaltyState
	for _, v := range vs {
		if v.Excused {
			continue
		}
		s = NextPenalty(s, v.Time, p)
	}
	return EffectivePenalty(s, now)
}

// SlashAmount is floor(amount * slash_bps / 10000).
func SlashAmount(amount math.Int, bps uint32) math.Int {
	return amount.MulRaw(int64(bps)).QuoRaw(10000)
}

// RaiseCredit adds step to credit, capped at 1.
func RaiseCredit(credit, step math.LegacyDec) math.LegacyDec {
	c := credit.Add(step)
	if c.GT(math.LegacyOneDec()) {
		return math.LegacyOneDec()
	}
	return c
}
