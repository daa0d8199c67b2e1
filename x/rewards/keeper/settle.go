package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// memberView says what a member performed and which withholding applies to it.
// Settlement reads settled performance and the penalty in force; the
// prediction of the next settlement settles the pending attestations.
type memberView interface {
	performance(ctx context.Context, cycle uint64, owner string) (uptime uint32, work uint64, attested bool, err error)
	withhold(owner string, op nodeselectiontypes.Operator, now time.Time) uint32
}

// settledView is the view of a settlement: x/nodeselection has settled the
// cycle's performance (and recorded its violations) earlier in the same boundary.
type settledView struct{ k *Keeper }

func (v settledView) performance(ctx context.Context, cycle uint64, owner string) (uint32, uint64, bool, error) {
	return v.k.nsk.Performance(ctx, cycle, owner)
}

func (settledView) withhold(_ string, op nodeselectiontypes.Operator, now time.Time) uint32 {
	return nodeselectiontypes.EffectivePenalty(op.Penalty, now).WithholdBps
}

// buildInput gathers the inputs of the allocation of a cycle from the live
// state: its members (x/nodeselection), their performance, withholding and
// trackers, and with v2 up to max_creditors_per_cycle creditors. Cost is
// proportional to the cycle's members plus max_creditors_per_cycle.
func (k *Keeper) buildInput(ctx context.Context, params types.Params, cycle uint64, budget math.Int, period uint64, view memberView) (types.AllocationInput, types.CycleMeta, error) {
	rec, err := k.nsk.GetCycleRecord(ctx, cycle)
	if err != nil {
		return types.AllocationInput{}, types.CycleMeta{}, types.ErrRecordNotFound.Wrapf("nodeselection record of cycle %d: %s", cycle, err)
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	in := types.AllocationInput{
		Version:  params.AlgorithmVersion,
		Params:   params,
		Duration: rec.End.Sub(rec.Start),
		Budget:   budget,
		Backstop: math.ZeroInt(),
		Members:  make([]types.MemberInput, 0, len(rec.Members)),
	}
	meta := types.CycleMeta{Cycle: cycle, Start: rec.Start, End: rec.End, Period: period, Attested: len(rec.Members) > 0}
	isMember := make(map[string]bool, len(rec.Members))
	for _, m := range rec.Members {
		owner, err := sdk.AccAddressFromBech32(m.Owner)
		if err != nil {
			return in, meta, err
		}
		isMember[m.Owner] = true
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return in, meta, err
		}
		if acct.Period != period { // trackers of an earlier period: reset lazily
			acct.PeriodCosts, acct.PeriodEarnings = math.ZeroInt(), math.ZeroInt()
		}
		uptime, work, attested, err := view.performance(ctx, cycle, m.Owner)
		if err != nil {
			return in, meta, err
		}
		meta.Attested = meta.Attested && attested
		in.Members = append(in.Members, types.MemberInput{
			Owner: m.Owner, UptimeBps: uptime, WorkUnits: work, WithholdBps: k.withholdOf(ctx, owner, view, now),
			Arrears: acct.Arrears, PeriodCosts: acct.PeriodCosts, PeriodEarnings: acct.PeriodEarnings,
		})
	}
	if in.Version == types.AlgorithmV2 && len(rec.Members) > 0 {
		creditors, err := k.creditors(ctx, params, isMember, view, now)
		if err != nil {
			return in, meta, err
		}
		in.Members = append(in.Members, creditors...)
	}
	return in, meta, nil
}

// withholdOf is the withholding of owner under view; none once its record is gone.
func (k *Keeper) withholdOf(ctx context.Context, owner sdk.AccAddress, view memberView, now time.Time) uint32 {
	op, err := k.nsk.GetOperator(ctx, owner)
	if err != nil {
		return 0
	}
	return view.withhold(owner.String(), op, now)
}

// creditors returns the non-members with arrears, oldest debt first, at most
// max_creditors_per_cycle of them. The index walk visits at most the members
// plus that many entries.
func (k *Keeper) creditors(ctx context.Context, params types.Params, isMember map[string]bool, view memberView, now time.Time) ([]types.MemberInput, error) {
	iter, err := k.Creditors.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var out []types.MemberInput
	for scanned := 0; iter.Valid() && len(out) < int(params.MaxCreditorsPerCycle) && scanned < len(isMember)+int(params.MaxCreditorsPerCycle); iter.Next() {
		scanned++
		key, err := iter.Key()
		if err != nil {
			return nil, err
		}
		owner := key.K2()
		if isMember[owner.String()] {
			continue
		}
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return nil, err
		}
		z := math.ZeroInt()
		out = append(out, types.MemberInput{
			Owner: owner.String(), UptimeBps: nodeselectiontypes.MaxUptimeBps, WithholdBps: k.withholdOf(ctx, owner, view, now),
			Arrears: acct.Arrears, PeriodCosts: z, PeriodEarnings: z, Creditor: true,
		})
	}
	return out, nil
}

// settleCycle allocates budget(cycle) to the cycle's members (docs/protocol.md, allocation) and
// applies the result: payables, arrears and trackers, treasury excess, record.
func (k *Keeper) settleCycle(ctx context.Context, params types.Params, prog *types.ProgressState, cycle uint64) error {
	budget, err := k.Budgets.Get(ctx, cycle)
	if err != nil {
		return err
	}
	in, meta, err := k.buildInput(ctx, params, cycle, budget, prog.Period, settledView{k})
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	meta.SettledAt, meta.SettledHeight = sdkCtx.BlockTime(), sdkCtx.BlockHeight()
	shortfall, err := types.Shortfall(in)
	if err != nil {
		return err
	}
	if shortfall.IsPositive() {
		drawn, err := k.tk.DrawBackstop(ctx, types.ModuleName, params.RewardDenom, shortfall)
		if err != nil {
			return err
		}
		if drawn.IsNegative() || drawn.GT(shortfall) {
			return types.ErrConservation.Wrapf("treasury drew backstop %s for a shortfall of %s", drawn, shortfall)
		}
		in.Backstop = drawn
		if drawn.IsPositive() {
			id, ok, err := k.tk.LastSpendID(ctx)
			if err != nil {
				return err
			}
			meta.BackstopSpend, meta.BackstopSpendID = ok, id
		}
	}
	out, err := types.Allocate(in)
	if err != nil {
		return err
	}
	if !out.BackstopUsed.Equal(in.Backstop) {
		return types.ErrConservation.Wrapf("backstop drawn %s but used %s", in.Backstop, out.BackstopUsed)
	}
	if err := k.applyAllocation(ctx, cycle, prog, out); err != nil {
		return err
	}
	if err := k.sendExcess(ctx, params.RewardDenom, cycle, out); err != nil {
		return err
	}
	if out.Carried.IsPositive() {
		if err := k.addUnassigned(ctx, out.Carried); err != nil {
			return err
		}
	}
	if err := k.Budgets.Remove(ctx, cycle); err != nil {
		return err
	}
	if err := k.setRecord(ctx, types.NewCycleRecord(meta, in, out)); err != nil {
		return err
	}
	prog.SettledAny, prog.LastSettledCycle = true, cycle
	return events.Emit(ctx, &types.EventCycleSettled{
		Cycle: cycle, Members: uint32(len(out.Members)), Budget: in.Budget, Backstop: out.BackstopUsed,
		Credited: out.Credited, Withheld: out.Withheld, CapExcess: out.CapExcess, Dust: out.Dust, Carried: out.Carried,
	})
}

// applyAllocation credits every member and creditor, stores arrears (with
// their age) and trackers, remembers the payout address, and adds the payee.
func (k *Keeper) applyAllocation(ctx context.Context, cycle uint64, prog *types.ProgressState, out types.AllocationOutput) error {
	period := prog.Period
	for _, m := range out.Members {
		owner := sdk.MustAccAddressFromBech32(m.Owner)
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return err
		}
		if err := k.sendPending(ctx, owner, &acct, prog); err != nil {
			return err
		}
		switch {
		case !m.ArrearsAfter.IsPositive():
			acct.ArrearsSince = 0
		case !acct.Arrears.IsPositive():
			acct.ArrearsSince = cycle
		}
		acct.Payable = acct.Payable.Add(m.Credited)
		acct.Arrears = m.ArrearsAfter
		acct.PeriodCosts, acct.PeriodEarnings, acct.Period = m.PeriodCostsAfter, m.PeriodEarningsAfter, period
		if op, err := k.nsk.GetOperator(ctx, owner); err == nil && op.PayoutAddress != "" {
			acct.PayoutAddress = op.PayoutAddress
		} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.setAccount(ctx, owner, acct); err != nil {
			return err
		}
		if err := k.addPayee(ctx, period, owner); err != nil {
			return err
		}
		if err := events.Emit(ctx, &types.EventRewardsCredited{
			Cycle: cycle, Owner: m.Owner, CostsPaid: m.ArrearsPaid.Add(m.CostsPaid), Bonus: m.Bonus,
			Withheld: m.Withheld, Credited: m.Credited, Arrears: m.ArrearsAfter,
		}); err != nil {
			return err
		}
	}
	return nil
}
