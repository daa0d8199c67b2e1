package types

import "cosmossdk.io/math"

// allocateV1 is docs/protocol.md#allocation-v1, steps 1-8.
func allocateV1(in AllocationInput) (AllocationOutput, error) {
	if err := validateInput(in); err != nil {
		return AllocationOutput{}, err
	}
	zero := math.ZeroInt()
	out := AllocationOutput{
		BackstopUsed: zero, Credited: zero, Withheld: zero, CapExcess: zero, Dust: zero, Carried: zero,
	}
	k := len(in.Members)
	// Step 8: no members, the budget stays in the pool.
	if k == 0 {
		out.Carried = in.Budget
		return out, nil
	}

	// Steps 1-3: costs owed.
	fixed := fixedCost(in.Params, in.Duration)
	arrears := make([]math.Int, k)
	costs := make([]math.Int, k)
	variable := make([]math.Int, k)
	for i, m := range in.Members {
		arrears[i] = m.Arrears
		variable[i] = variableCost(in.Params, m.WorkUnits)
		costs[i] = fixed.Add(variable[i])
	}

	// Step 4: the backstop covers at most the shortfall; arrears are paid first,
	// then this cycle's costs, each tier pro-rata when funds run short.
	shortfall, err := Shortfall(in)
	if err != nil {
		return AllocationOutput{}, err
	}
	out.BackstopUsed = math.MinInt(in.Backstop, shortfall)
	funds := in.Budget.Add(out.BackstopUsed)
	arrearsPaid, funds := payProRata(arrears, funds)
	costsPaid, funds := payProRata(costs, funds)

	// Step 5: even bonus split; dust to the treasury.
	bonusEach := funds.QuoRaw(int64(k))
	out.Dust = funds.Sub(bonusEach.MulRaw(int64(k)))

	out.Members = make([]MemberOutput, k)
	for i, m := range in.Members {
		paid := arrearsPaid[i].Add(costsPaid[i])
		// Step 6: profit cap per payout period.
		periodCosts := m.PeriodCosts.Add(costs[i])
		periodEarnings := m.PeriodEarnings.Add(paid)
		headroom := math.MaxInt(zero, in.Params.ProfitCap.MulInt(periodCosts).TruncateInt().Sub(periodEarnings))
		bonus := math.MinInt(bonusEach, headroom)
		excess := bonusEach.Sub(bonus)
		periodEarnings = periodEarnings.Add(bonus)
		// Step 7: withholding.
		gross := paid.Add(bonus)
		withheld := gross.MulRaw(int64(m.WithholdBps)).QuoRaw(10000)
		credited := gross.Sub(withheld)

		out.Members[i] = MemberOutput{
			Owner:               m.Owner,
			Fixed:               fixed,
			Variable:            variable[i],
			ArrearsPaid:         arrearsPaid[i],
			CostsPaid:           costsPaid[i],
			Bonus:               bonus,
			CapExcess:           excess,
			Withheld:            withheld,
			Credited:            credited,
			ArrearsAfter:        arrears[i].Sub(arrearsPaid[i]).Add(costs[i]).Sub(costsPaid[i]),
			PeriodCostsAfter:    periodCosts,
			PeriodEarningsAfter: periodEarnings,
		}
		out.Credited = out.Credited.Add(credited)
		out.Withheld = out.Withheld.Add(withheld)
		out.CapExcess = out.CapExcess.Add(excess)
	}
	return out, CheckConservation(in, out)
}

// CheckConservation verifies R + backstop = Σcredited + Σwithheld + Σcap excess
// + dust + carried, and that the totals equal the sums of the members.
func CheckConservation(in AllocationInput, out AllocationOutput) error {
	credited, withheld, excess := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	for _, m := range out.Members {
		if m.Credited.IsNegative() || m.Withheld.IsNegative() || m.CapExcess.IsNegative() || m.Bonus.IsNegative() {
			return ErrConservation.Wrapf("member %s has a negative amount", m.Owner)
		}
		credited = credited.Add(m.Credited)
		withheld = withheld.Add(m.Withheld)
		excess = excess.Add(m.CapExcess)
	}
	if !credited.Equal(out.Credited) || !withheld.Equal(out.Withheld) || !excess.Equal(out.CapExcess) {
		return ErrConservation.Wrap("totals differ from the sum of the members")
	}
	left := in.Budget.Add(out.BackstopUsed)
	right := credited.Add(withheld).Add(excess).Add(out.Dust).Add(out.Carried)
	if !left.Equal(right) {
		return ErrConservation.Wrapf("budget %s + backstop %s != credited %s + withheld %s + cap excess %s + dust %s + carried %s",
			in.Budget, out.BackstopUsed, credited, withheld, excess, out.Dust, out.Carried)
	}
	return nil
}
