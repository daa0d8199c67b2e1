package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// buildInput gathers the inputs of the allocation of a cycle from the live
// state: its members (x/nodeselection), their performance, withholding and
// trackers. Cost is proportional to the cycle's members.
func (k *Keeper) buildInput(ctx context.Context, params types.Params, cycle uint64, budget math.Int, period uint64) (types.AllocationInput, types.CycleMeta, error) {
	rec, err := k.nsk.GetCycleRecord(ctx, cycle)
	if err != nil {
		return types.AllocationInput{}, types.CycleMeta{}, types.ErrRecordNotFound.Wrapf("nodeselection record of cycle %d: %s", cycle, err)
	}
	in := types.AllocationInput{
		Version:  types.CurrentAlgorithmVersion,
		Params:   params,
		Duration: rec.End.Sub(rec.Start),
		Budget:   budget,
		Backstop: math.ZeroInt(),
		Members:  make([]types.MemberInput, 0, len(rec.Members)),
	}
	meta := types.CycleMeta{Cycle: cycle, Start: rec.Start, End: rec.End, Period: period, Attested: len(rec.Members) > 0}
	for _, m := range rec.Members {
		owner, err := sdk.AccAddressFromBech32(m.Owner)
		if err != nil {
			return in, meta, err
		}
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return in, meta, err
		}
		uptime, work, attested, err := k.perf.Performance(ctx, cycle, m.Owner)
		if err != nil {
			return in, meta, err
		}
		meta.Attested = meta.Attested && attested
		var withhold uint32
		// The penalty in force at settlement (a window that ended is over even if
		// x/nodeselection has not closed it yet); none once the record is gone.
		if op, err := k.nsk.GetOperator(ctx, owner); err == nil {
			withhold = nodeselectiontypes.EffectivePenalty(op.Penalty, sdk.UnwrapSDKContext(ctx).BlockTime()).WithholdBps
		}
		in.Members = append(in.Members, types.MemberInput{
			Owner: m.Owner, UptimeBps: uptime, WorkUnits: work, WithholdBps: withhold,
			Arrears: acct.Arrears, PeriodCosts: acct.PeriodCosts, PeriodEarnings: acct.PeriodEarnings,
		})
	}
	return in, meta, nil
}

// settleCycle allocates budget(cycle) to the cycle's members (docs/protocol.md#allocation-v1) and
// applies the result: payables, arrears and trackers, treasury excess, record.
func (k *Keeper) settleCycle(ctx context.Context, params types.Params, prog *types.ProgressState, cycle uint64) error {
	budget, err := k.Budgets.Get(ctx, cycle)
	if err != nil {
		return err
	}
	in, meta, err := k.buildInput(ctx, params, cycle, budget, prog.Period)
	if err != nil {
		return err
	}
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
	}
	out, err := types.Allocate(in)
	if err != nil {
		return err
	}
	if !out.BackstopUsed.Equal(in.Backstop) {
		return types.ErrConservation.Wrapf("backstop drawn %s but used %s", in.Backstop, out.BackstopUsed)
	}

	for _, m := range out.Members {
		owner := sdk.MustAccAddressFromBech32(m.Owner)
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return err
		}
		acct.Payable = acct.Payable.Add(m.Credited)
		acct.Arrears = m.ArrearsAfter
		acct.PeriodCosts = m.PeriodCostsAfter
		acct.PeriodEarnings = m.PeriodEarningsAfter
		if err := k.setAccount(ctx, owner, acct); err != nil {
			return err
		}
		if err := k.Payees.Set(ctx, owner); err != nil {
			return err
		}
		if err := emit(ctx, &types.EventRewardsCredited{
			Cycle: cycle, Owner: m.Owner, CostsPaid: m.ArrearsPaid.Add(m.CostsPaid), Bonus: m.Bonus,
			Withheld: m.Withheld, Credited: m.Credited, Arrears: m.ArrearsAfter,
		}); err != nil {
			return err
		}
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
	if err := k.CycleRecords.Set(ctx, cycle, types.NewCycleRecord(meta, in, out)); err != nil {
		return err
	}
	prog.SettledAny, prog.LastSettledCycle = true, cycle
	return emit(ctx, &types.EventCycleSettled{
		Cycle: cycle, Members: uint32(len(out.Members)), Budget: in.Budget, Backstop: out.BackstopUsed,
		Credited: out.Credited, Withheld: out.Withheld, CapExcess: out.CapExcess, Dust: out.Dust, Carried: out.Carried,
	})
}

// sendExcess hands the cycle's cap excess, dust and withholding to x/treasury in one call.
func (k *Keeper) sendExcess(ctx context.Context, denom string, cycle uint64, out types.AllocationOutput) error {
	var parts []treasurytypes.ExcessPart
	for _, p := range []treasurytypes.ExcessPart{
		{Category: treasurytypes.CATEGORY_CAP_EXCESS, Amount: out.CapExcess},
		{Category: treasurytypes.CATEGORY_ROUNDING, Amount: out.Dust},
		{Category: treasurytypes.CATEGORY_WITHHELD, Amount: out.Withheld},
	} {
		if p.Amount.IsPositive() {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return k.tk.HandleExcess(ctx, types.ModuleName, cycle, denom, parts)
}
