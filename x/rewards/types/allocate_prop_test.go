package types_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/math"
	"pgregory.net/rapid"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// TestAllocateProperties checks, for random inputs of both algorithm versions,
// that money is conserved, that no bonus lifts earnings above the cap, that
// the even split is even and that nobody is paid more than owed; for v2 every
// member's output is also compared with refV2, the rules of SPEC 5.2 written
// out again from the raw draws (none of the code's intermediate values).
func TestAllocateProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		// ARRANGE
		p := types.DefaultParams()
		p.BasePay = math.NewInt(rapid.Int64Range(0, 1e13).Draw(rt, "base_pay"))
		varCost := rapid.Int64Range(0, 1e9).Draw(rt, "var_cost") // micro-uusdc per work unit
		p.VariableCostPerUnit = math.LegacyNewDecWithPrec(varCost, 6)
		p.ProfitCap = math.LegacyNewDecWithPrec(rapid.Int64Range(100, 400).Draw(rt, "cap"), 2)
		periodH := rapid.Int64Range(1, 2000).Draw(rt, "period_h")
		p.PayoutPeriod = time.Duration(periodH) * time.Hour
		p.BasePayBackstop = rapid.Bool().Draw(rt, "backstop_on")
		k := rapid.IntRange(0, 12).Draw(rt, "k")
		version := uint32(rapid.IntRange(1, 2).Draw(rt, "version"))
		p.MaxWorkUnits = rapid.Uint64Range(1, 2e9).Draw(rt, "max_work")
		durMin := rapid.Int64Range(0, 5000).Draw(rt, "d_min")
		in := types.AllocationInput{
			Version:  version,
			Params:   p,
			Duration: time.Duration(durMin) * time.Minute,
			Budget:   math.NewInt(rapid.Int64Range(0, 1e13).Draw(rt, "budget")),
			Backstop: math.ZeroInt(),
		}
		for j := 0; j < k; j++ {
			in.Members = append(in.Members, types.MemberInput{
				Owner:          fmt.Sprintf("op%d", j),
				UptimeBps:      uint32(rapid.IntRange(0, 10000).Draw(rt, "uptime")),
				WorkUnits:      rapid.Uint64Range(0, 1e9).Draw(rt, "work"),
				WithholdBps:    uint32(rapid.IntRange(0, 10000).Draw(rt, "withhold")),
				Arrears:        math.NewInt(rapid.Int64Range(0, 1e11).Draw(rt, "arrears")),
				PeriodCosts:    math.NewInt(rapid.Int64Range(0, 1e12).Draw(rt, "c")),
				PeriodEarnings: math.NewInt(rapid.Int64Range(0, 2e12).Draw(rt, "e")),
			})
		}
		creditors := 0
		if version == types.AlgorithmV2 {
			creditors = rapid.IntRange(0, 4).Draw(rt, "creditors")
		}
		for j := 0; j < creditors; j++ {
			in.Members = append(in.Members, types.MemberInput{
				Owner: fmt.Sprintf("cr%d", j), Creditor: true, UptimeBps: 10000,
				WithholdBps:    uint32(rapid.IntRange(0, 10000).Draw(rt, "cr_withhold")),
				Arrears:        math.NewInt(rapid.Int64Range(0, 1e11).Draw(rt, "cr_arrears")),
				PeriodCosts:    math.ZeroInt(),
				PeriodEarnings: math.ZeroInt(),
			})
		}
		shortfall, err := types.Shortfall(in)
		if err != nil {
			rt.Fatal(err)
		}
		if shortfall.IsPositive() {
			in.Backstop = math.NewInt(rapid.Int64Range(0, shortfall.Int64()*2).Draw(rt, "drawn"))
		}

		// ACT
		out, err := types.Allocate(in)

		// ASSERT
		if err != nil {
			rt.Fatalf("allocate: %v", err)
		}
		right := out.Credited.Add(out.Withheld).Add(out.CapExcess).Add(out.Dust).Add(out.Carried)
		if !in.Budget.Add(out.BackstopUsed).Equal(right) {
			rt.Fatalf("conservation: %s + %s != %s", in.Budget, out.BackstopUsed, right)
		}
		if out.BackstopUsed.GT(in.Backstop) || out.BackstopUsed.GT(shortfall) {
			rt.Fatalf("backstop used %s beyond drawn %s or shortfall %s", out.BackstopUsed, in.Backstop, shortfall)
		}
		if k > 0 && out.Dust.GTE(math.NewInt(int64(k+creditors))) {
			rt.Fatalf("dust %s >= K %d", out.Dust, k)
		}
		for j, m := range out.Members {
			mi := in.Members[j]
			cost := m.Fixed.Add(m.Variable)
			paid := m.ArrearsPaid.Add(m.CostsPaid)
			if m.ArrearsPaid.GT(mi.Arrears) || m.CostsPaid.GT(cost) {
				rt.Fatalf("%s paid more than owed", m.Owner)
			}
			if !m.Credited.Add(m.Withheld).Equal(paid.Add(m.Bonus)) {
				rt.Fatalf("%s credited + withheld != gross", m.Owner)
			}
			if mi.Creditor {
				if !m.Bonus.IsZero() || !cost.IsZero() || !m.ArrearsAfter.Equal(mi.Arrears.Sub(m.ArrearsPaid)) {
					rt.Fatalf("creditor %s got a bonus or costs: %+v", m.Owner, m)
				}
				continue
			}
			if !m.Bonus.Add(m.CapExcess).Equal(out.Members[0].Bonus.Add(out.Members[0].CapExcess)) {
				rt.Fatalf("uneven split")
			}
			capLimit := p.ProfitCap.MulInt(m.PeriodCostsAfter).TruncateInt()
			if m.Bonus.IsPositive() && m.PeriodEarningsAfter.GT(capLimit) {
				rt.Fatalf("%s earns %s above its cap %s", m.Owner, m.PeriodEarningsAfter, capLimit)
			}
			if version == types.AlgorithmV2 {
				continue // compared with refV2 below
			}
			owedAfter := mi.Arrears.Add(cost).Sub(paid)
			if !m.ArrearsAfter.Equal(owedAfter) {
				rt.Fatalf("%s arrears after %s, want %s", m.Owner, m.ArrearsAfter, owedAfter)
			}
			if !m.PeriodEarningsAfter.Equal(mi.PeriodEarnings.Add(paid).Add(m.Bonus)) {
				rt.Fatalf("%s E_i after", m.Owner)
			}
		}
		switch {
		case version == types.AlgorithmV2 && k > 0:
			checkV2(rt, out, refV2(in, varCost, durMin, periodH))
		case version == types.AlgorithmV2:
			// step 8: no members, the budget waits in the pool and creditors wait.
			if !out.Carried.Equal(in.Budget) || !out.Credited.IsZero() || !out.BackstopUsed.IsZero() {
				rt.Fatalf("no members: carried %s of budget %s, credited %s", out.Carried, in.Budget, out.Credited)
			}
			for j, m := range out.Members {
				if !m.ArrearsAfter.Equal(in.Members[j].Arrears) {
					rt.Fatalf("no members: creditor %s arrears changed", m.Owner)
				}
			}
		}
	})
}

// v2Ref is what SPEC 5.2 (v2) says one allocation pays.
type v2Ref struct {
	backstop, dust                                              math.Int
	fixed, variable, arrearsPaid, fixedPaid, varPaid, bonus     []math.Int
	capExcess, withheld, credited, arrearsAfter, cAfter, eAfter []math.Int
}

// proRata pays each owed amount in full when funds cover the total, else
// floor(owed_i * funds / total); it returns the payments and the rest.
func proRata(owed []math.Int, funds math.Int) ([]math.Int, math.Int) {
	total := math.ZeroInt()
	for _, o := range owed {
		total = total.Add(o)
	}
	paid := make([]math.Int, len(owed))
	rest := funds
	for i, o := range owed {
		paid[i] = o
		if funds.LT(total) {
			paid[i] = o.Mul(funds).Quo(total)
		}
		rest = rest.Sub(paid[i])
	}
	return paid, rest
}

// refV2 computes the v2 allocation from the raw draws: fixed =
// floor(base_pay * d_min / (period_h * 60)); variable = floor(min(work,
// max_work_units) * var_cost / 10^6); the backstop covers the tier-1
// shortfall (all arrears + members' fixed - budget) when on and K > 0; then
// all arrears, then fixed, then variable, each pro-rata when short, the floor
// rest passing on; bonus = floor(rest / K) capped at floor(cap * C) - E with
// E excluding arrears paid; withheld = floor(gross * bps / 10000).
func refV2(in types.AllocationInput, varCost, durMin, periodH int64) v2Ref {
	n, p := len(in.Members), in.Params
	zero := math.ZeroInt()
	r := v2Ref{backstop: zero, dust: zero}
	for _, sl := range []*[]math.Int{&r.fixed, &r.variable, &r.bonus, &r.capExcess, &r.withheld, &r.credited, &r.arrearsAfter, &r.cAfter, &r.eAfter} {
		*sl = make([]math.Int, n)
	}
	arrears := make([]math.Int, n)
	k := 0
	tierOne := zero
	for i, m := range in.Members {
		arrears[i], r.fixed[i], r.variable[i] = m.Arrears, zero, zero
		if !m.Creditor {
			k++
			r.fixed[i] = p.BasePay.MulRaw(durMin).QuoRaw(periodH * 60)
			work := m.WorkUnits
			if work > p.MaxWorkUnits {
				work = p.MaxWorkUnits
			}
			r.variable[i] = math.NewIntFromUint64(work).MulRaw(varCost).QuoRaw(1_000_000)
		}
		tierOne = tierOne.Add(m.Arrears).Add(r.fixed[i])
	}
	if k == 0 {
		panic("refV2 needs members")
	}
	if p.BasePayBackstop && tierOne.GT(in.Budget) {
		r.backstop = math.MinInt(in.Backstop, tierOne.Sub(in.Budget))
	}
	funds := in.Budget.Add(r.backstop)
	r.arrearsPaid, funds = proRata(arrears, funds)
	r.fixedPaid, funds = proRata(r.fixed, funds)
	r.varPaid, funds = proRata(r.variable, funds)
	each := funds.QuoRaw(int64(k))
	r.dust = funds.Sub(each.MulRaw(int64(k)))
	for i, m := range in.Members {
		r.bonus[i], r.capExcess[i], r.cAfter[i], r.eAfter[i] = zero, zero, m.PeriodCosts, m.PeriodEarnings
		costsPaid := r.fixedPaid[i].Add(r.varPaid[i])
		if !m.Creditor {
			r.cAfter[i] = m.PeriodCosts.Add(r.fixed[i]).Add(r.variable[i])
			earned := m.PeriodEarnings.Add(costsPaid)
			limit := p.ProfitCap.MulInt(r.cAfter[i]).TruncateInt()
			r.bonus[i] = each
			if earned.Add(each).GT(limit) {
				r.bonus[i] = math.MaxInt(zero, limit.Sub(earned))
			}
			r.capExcess[i] = each.Sub(r.bonus[i])
			r.eAfter[i] = earned.Add(r.bonus[i])
		}
		gross := r.arrearsPaid[i].Add(costsPaid).Add(r.bonus[i])
		r.withheld[i] = gross.MulRaw(int64(m.WithholdBps)).QuoRaw(10_000)
		r.credited[i] = gross.Sub(r.withheld[i])
		r.arrearsAfter[i] = m.Arrears.Sub(r.arrearsPaid[i]).Add(r.fixed[i]).Sub(r.fixedPaid[i])
	}
	return r
}

// checkV2 compares every v2 output with the reference.
func checkV2(rt *rapid.T, out types.AllocationOutput, r v2Ref) {
	eq := func(what string, got, want math.Int) {
		if !got.Equal(want) {
			rt.Fatalf("%s = %s, the rule gives %s", what, got, want)
		}
	}
	eq("backstop used", out.BackstopUsed, r.backstop)
	eq("dust", out.Dust, r.dust)
	for i, m := range out.Members {
		eq(m.Owner+" fixed", m.Fixed, r.fixed[i])
		eq(m.Owner+" variable (clamped work)", m.Variable, r.variable[i])
		eq(m.Owner+" arrears paid (first)", m.ArrearsPaid, r.arrearsPaid[i])
		eq(m.Owner+" costs paid (fixed, then variable)", m.CostsPaid, r.fixedPaid[i].Add(r.varPaid[i]))
		eq(m.Owner+" arrears after (unpaid fixed only)", m.ArrearsAfter, r.arrearsAfter[i])
		eq(m.Owner+" bonus", m.Bonus, r.bonus[i])
		eq(m.Owner+" cap excess", m.CapExcess, r.capExcess[i])
		eq(m.Owner+" withheld", m.Withheld, r.withheld[i])
		eq(m.Owner+" credited", m.Credited, r.credited[i])
		eq(m.Owner+" C_i after", m.PeriodCostsAfter, r.cAfter[i])
		eq(m.Owner+" E_i after (without arrears paid)", m.PeriodEarningsAfter, r.eAfter[i])
	}
}
