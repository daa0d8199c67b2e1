package types

import (
	"context"
	"time"
)

// CycleTransition describes one processed cycle boundary.
type CycleTransition struct {
	// Ended is the record of the cycle that just ended: its scheduled start and
	// end (the scheduled start of NewCycle) and the members that served it.
	Ended CycleRecord
	// NewCycle is the number of the cycle that starts now; after a halt it may
	// be more than Ended.Cycle+1.
	NewCycle uint64
	// NewCycleStart is the scheduled start of NewCycle.
	NewCycleStart time.Time
	// NextBoundary is the scheduled start of the cycle after NewCycle.
	NextBoundary time.Time
}

// Duration is the scheduled length of the ended cycle (never block-time based).
func (t CycleTransition) Duration() time.Duration {
	return t.Ended.End.Sub(t.Ended.Start)
}

// CycleHooks is implemented by modules that act on cycle transitions
// (x/rewards). AfterCycleTransition is called exactly once per transition,
// after the active sets were rotated, in the BeginBlocker.
type CycleHooks interface {
	AfterCycleTransition(ctx context.Context, t CycleTransition) error
}

// Hooks is the module that pays operators (x/rewards) as x/nodeselection
// sees it: it acts on every cycle transition and keeps the operators' payout
// accounts. x/rewards reads x/nodeselection (records, performance), so it is
// built after it and installed here once (the SDK hooks pattern).
type Hooks interface {
	CycleHooks
	RewardsKeeper
}

// MultiCycleHooks calls several hooks in order.
type MultiCycleHooks []CycleHooks

// AfterCycleTransition calls every hook in order and stops at the first error.
func (m MultiCycleHooks) AfterCycleTransition(ctx context.Context, t CycleTransition) error {
	for _, h := range m {
		if err := h.AfterCycleTransition(ctx, t); err != nil {
			return err
		}
	}
	return nil
}
