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
// the even split is even and that nobody is paid more than owed.
func TestAllocateProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		// ARRANGE
		p := types.DefaultParams()
		p.BasePay = math.NewInt(rapid.Int64Range(0, 1e13).Draw(rt, "base_pay"))
		p.VariableCostPerUnit = math.LegacyNewDecWithPrec(rapid.Int64Range(0, 1e9).Draw(rt, "var_cost"), 6)
		p.ProfitCap = math.LegacyNewDecWithPrec(rapid.Int64Range(100, 400).Draw(rt, "cap"), 2)
		p.PayoutPeriod = time.Duration(rapid.Int64Range(1, 2000).Draw(rt, "period_h")) * time.Hour
		p.BasePayBackstop = rapid.Bool().Draw(rt, "backstop_on")
		k := rapid.IntRange(0, 12).Draw(rt, "k")
		version := uint32(rapid.IntRange(1, 2).Draw(rt, "version"))
		p.MaxWorkUnits = rapid.Uint64Range(1, 2e9).Draw(rt, "max_work")
		in := types.AllocationInput{
			Version:  version,
			Params:   p,
			Duration: time.Duration(rapid.Int64Range(0, 5000).Draw(rt, "d_min")) * time.Minute,
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
			earned, owedAfter := paid, mi.Arrears.Add(cost).Sub(paid)
			if version == types.AlgorithmV2 {
				// v2: arrears paid are not earnings of this period; unpaid variable is not arrears.
				earned = m.CostsPaid
				// arrears after = arrears - arrears paid + unpaid fixed; the rest of
				// costs paid is variable, which is never carried.
				unpaidFixed := m.ArrearsAfter.Sub(mi.Arrears.Sub(m.ArrearsPaid))
				varPaid := m.CostsPaid.Sub(m.Fixed.Sub(unpaidFixed))
				if unpaidFixed.IsNegative() || unpaidFixed.GT(m.Fixed) || varPaid.IsNegative() || varPaid.GT(m.Variable) {
					rt.Fatalf("%s: unpaid fixed %s, variable paid %s of %s", m.Owner, unpaidFixed, varPaid, m.Variable)
				}
				owedAfter = m.ArrearsAfter
				if m.Variable.GT(m.Fixed.Add(m.Variable)) || mi.WorkUnits > p.MaxWorkUnits && !m.Variable.Equal(p.VariableCostPerUnit.MulInt(math.NewIntFromUint64(p.MaxWorkUnits)).TruncateInt()) {
					rt.Fatalf("%s variable %s not clamped", m.Owner, m.Variable)
				}
			}
			if !m.ArrearsAfter.Equal(owedAfter) {
				rt.Fatalf("%s arrears after %s, want %s", m.Owner, m.ArrearsAfter, owedAfter)
			}
			if !m.PeriodEarningsAfter.Equal(mi.PeriodEarnings.Add(earned).Add(m.Bonus)) {
				rt.Fatalf("%s E_i after", m.Owner)
			}
		}
	})
}
