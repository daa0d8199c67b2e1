package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

var _ nodeselectiontypes.CycleHooks = (*Keeper)(nil)

// AfterCycleTransition processes one cycle boundary (docs/protocol.md#rewards-money-flow), once per ended cycle:
// it settles every budgeted cycle before the ended one, turns the unassigned pool
// into the ended cycle's budget, and pays out when the payout period is over.
func (k *Keeper) AfterCycleTransition(ctx context.Context, t nodeselectiontypes.CycleTransition) error {
	prog, err := k.getProgress(ctx)
	if err != nil {
		return err
	}
	ended := t.Ended.Cycle
	if prog.Started && ended <= prog.LastEndedCycle {
		return nil // already processed: nothing twice
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if !prog.Started {
		prog.Started = true
		prog.PeriodStart = t.Ended.Start
	}

	// Settle first: a cycle without members returns its budget to the pool,
	// which then becomes part of the ended cycle's budget.
	iter, err := k.Budgets.Iterate(ctx, new(collections.Range[uint64]).EndExclusive(ended))
	if err != nil {
		return err
	}
	toSettle, err := iter.Keys()
	if err != nil {
		return err
	}
	for _, c := range toSettle {
		if err := k.settleCycle(ctx, params, &prog, c); err != nil {
			return err
		}
	}

	if err := k.assignBudget(ctx, ended); err != nil {
		return err
	}

	// A payout still sending (spread over blocks) delays the next rollover to
	// the first boundary after it completes.
	boundary := t.Ended.End
	if !prog.PayoutPending && !boundary.Before(prog.PeriodStart.Add(params.PayoutPeriod)) {
		if err := k.startPayout(ctx, params, &prog, boundary); err != nil {
			return err
		}
	}
	prog.LastEndedCycle = ended
	return k.Progress.Set(ctx, prog)
}

// assignBudget turns the whole unassigned pool into budget(cycle).
func (k *Keeper) assignBudget(ctx context.Context, cycle uint64) error {
	amt, err := k.getUnassigned(ctx)
	if err != nil {
		return err
	}
	if err := k.Budgets.Set(ctx, cycle, amt); err != nil {
		return err
	}
	if err := k.BudgetRecords.Set(ctx, cycle, amt); err != nil {
		return err
	}
	if err := k.UnassignedPool.Set(ctx, math.ZeroInt()); err != nil {
		return err
	}
	return events.Emit(ctx, &types.EventBudgetAssigned{Cycle: cycle, Amount: amt})
}
