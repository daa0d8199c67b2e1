package types

import "cosmossdk.io/math"

// clampWork is v2 step 2: work units above max_work_units count as max_work_units.
func clampWork(p Params, work uint64) uint64 {
	return min(work, p.MaxWorkUnits)
}

// tierOne returns, per input entry, the arrears and this cycle's fixed pay
// (zero for creditors), and the number of members (non-creditors).
func tierOne(in AllocationInput) (arrears, fixed []math.Int, members int) {
	f := fixedCost(in.Params, in.Duration)
	arrears = make([]math.Int, len(in.Members))
	fixed = make([]math.Int, len(in.Members))
	for i, m := range in.Members {
		arrears[i] = m.Arrears
		fixed[i] = math.ZeroInt()
		if !m.Creditor {
			fixed[i] = f
			members++
		}
	}
	return arrears, fixed, members
}

// shortfallV2 is what the backstop covers in v2: tier 1 only (all arrears and
// the members' fixed pay) above the budget; zero without members.
func shortfallV2(in AllocationInput) (math.Int, error) {
	if err := validateV2(in); err != nil {
		return math.Int{}, err
	}
	arrears, fixed, k := tierOne(in)
	if !in.Params.BasePayBackstop || k == 0 {
		return math.ZeroInt(), nil
	}
	owed := math.ZeroInt()
	for i := range arrears {
		owed = owed.Add(arrears[i]).Add(fixed[i])
	}
	if owed.LTE(in.Budget) {
		return math.ZeroInt(), nil
	}
	return owed.Sub(in.Budget), nil
}

func validateV2(in AllocationInput) error {
	if err := validateInput(in); err != nil {
		return err
	}
	seenCreditor := false
	for _, m := range in.Members {
		if m.Creditor {
			seenCreditor = true
		} else if seenCreditor {
			return ErrInvalidAmount.Wrapf("member %s follows a creditor; creditors come after the members", m.Owner)
		}
	}
	return nil
}

// allocateV2 is the allocation with the v2 rules (docs/protocol.md). Tier 1 (all arrears, then the
// members' fixed pay, each pro-rata when short) is the only tier the backstop
// covers; tier 2 (variable costs of clamped work) is paid from what is left
// of R, pro-rata when short, and never becomes arrears. Arrears paid are
// credited but do not count in E_i. Creditors get no bonus.
func allocateV2(in AllocationInput) (AllocationOutput, error) {
	if err := validateV2(in); err != nil {
		return AllocationOutput{}, err
	}
	zero := math.ZeroInt()
	out := AllocationOutput{BackstopUsed: zero, Credited: zero, Withheld: zero, CapExcess: zero, Dust: zero, Carried: zero}
	arrears, fixed, k := tierOne(in)
	if k == 0 {
		// Step 8: the budget waits in the pool; creditors wait for members.
		out.Carried = in.Budget
		out.Members = make([]MemberOutput, len(in.Members))
		for i, m := range in.Members {
			out.Members[i] = MemberOutput{
				Owner: m.Owner, Fixed: zero, Variable: zero, ArrearsPaid: zero, CostsPaid: zero, Bonus: zero,
				CapExcess: zero, Withheld: zero, Credited: zero, ArrearsAfter: m.Arrears,
				PeriodCostsAfter: m.PeriodCosts, PeriodEarningsAfter: m.PeriodEarnings,
			}
		}
		return out, CheckConservation(in, out)
	}
	variable := make([]math.Int, len(in.Members))
	for i, m := range in.Members {
		variable[i] = zero
		if !m.Creditor {
			variable[i] = variableCost(in.Params, clampWork(in.Params, m.WorkUnits))
		}
	}

	shortfall, err := shortfallV2(in)
	if err != nil {
		return AllocationOutput{}, err
	}
	out.BackstopUsed = math.MinInt(in.Backstop, shortfall)
	funds := in.Budget.Add(out.BackstopUsed)
	arrearsPaid, funds := payProRata(arrears, funds)
	fixedPaid, funds := payProRata(fixed, funds)
	varPaid, funds := payProRata(variable, funds)

	bonusEach := funds.QuoRaw(int64(k))
	out.Dust = funds.Sub(bonusEach.MulRaw(int64(k)))

	out.Members = make([]MemberOutput, len(in.Members))
	for i, m := range in.Members {
		o := MemberOutput{
			Owner: m.Owner, Fixed: fixed[i], Variable: variable[i], ArrearsPaid: arrearsPaid[i],
			CostsPaid: fixedPaid[i].Add(varPaid[i]), Bonus: zero, CapExcess: zero,
			ArrearsAfter:     arrears[i].Sub(arrearsPaid[i]).Add(fixed[i]).Sub(fixedPaid[i]),
			PeriodCostsAfter: m.PeriodCosts, PeriodEarningsAfter: m.PeriodEarnings,
		}
		if !m.Creditor {
			// Step 6 (v2): arrears paid are not in E_i.
			o.PeriodCostsAfter = m.PeriodCosts.Add(fixed[i]).Add(variable[i])
			earned := m.PeriodEarnings.Add(o.CostsPaid)
			headroom := math.MaxInt(zero, in.Params.ProfitCap.MulInt(o.PeriodCostsAfter).TruncateInt().Sub(earned))
			o.Bonus = math.MinInt(bonusEach, headroom)
			o.CapExcess = bonusEach.Sub(o.Bonus)
			o.PeriodEarningsAfter = earned.Add(o.Bonus)
		}
		gross := o.ArrearsPaid.Add(o.CostsPaid).Add(o.Bonus)
		o.Withheld = gross.MulRaw(int64(m.WithholdBps)).QuoRaw(10000)
		o.Credited = gross.Sub(o.Withheld)
		out.Members[i] = o
		out.Credited = out.Credited.Add(o.Credited)
		out.Withheld = out.Withheld.Add(o.Withheld)
		out.CapExcess = out.CapExcess.Add(o.CapExcess)
	}
	return out, CheckConservation(in, out)
}
