package types_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// v2 builds a v2 input with the default params (fixed 16666666 for 12h, cap 1.25).
func v2(budget int64, members ...types.MemberInput) types.AllocationInput {
	in := input(budget, members...)
	in.Version = types.AlgorithmV2
	return in
}

func creditor(owner string, arrears int64) types.MemberInput {
	m := member(owner)
	m.Arrears, m.Creditor = i(arrears), true
	return m
}

func worker(owner string, work uint64) types.MemberInput {
	m := member(owner)
	m.WorkUnits = work
	return m
}

// withVar sets variable_cost_per_unit (and max_work_units when max > 0).
func withVar(in types.AllocationInput, perUnit string, max uint64) types.AllocationInput {
	in.Params.VariableCostPerUnit = math.LegacyMustNewDecFromStr(perUnit)
	if max > 0 {
		in.Params.MaxWorkUnits = max
	}
	return in
}

func TestAllocateV2(t *testing.T) {
	noBackstop := func(in types.AllocationInput) types.AllocationInput { in.Params.BasePayBackstop = false; return in }
	tests := []struct {
		name    string
		in      types.AllocationInput
		members []want
		totals  totals
	}{
		{
			// Same as v1 without arrears or variable costs: B = 1e8 - 2*16666666 = 66666668,
			// b = 33333334, headroom floor(1.25*16666666) - 16666666 = 4166666, excess 29166668.
			name: "surplus, no arrears: v1 and v2 agree",
			in:   v2(100_000_000, member("a"), member("b")),
			members: []want{
				{0, fixed12h, headroom12h, 29166668, 0, 20833332, 0, fixed12h, 20833332},
				{0, fixed12h, headroom12h, 29166668, 0, 20833332, 0, fixed12h, 20833332},
			},
			totals: totals{0, 41666664, 0, 58333336, 0, 0},
		},
		{
			// a is owed 10000000 arrears. Paid: 10000000 + 2*16666666; B = 56666668, b = 28333334.
			// E_a' = 16666666 (arrears not counted), so a keeps its full headroom 4166666:
			// credited 10000000 + 16666666 + 4166666 = 30833332, excess 28333334 - 4166666 = 24166668.
			// (v1 would count the arrears: E' = 26666666 > cap 20833332, bonus 0.)
			name: "arrears paid do not count in E_i",
			in: func() types.AllocationInput {
				a := member("a")
				a.Arrears = i(10_000_000)
				return v2(100_000_000, a, member("b"))
			}(),
			members: []want{
				{10_000_000, fixed12h, headroom12h, 24166668, 0, 30833332, 0, fixed12h, 20833332},
				{0, fixed12h, headroom12h, 24166668, 0, 20833332, 0, fixed12h, 20833332},
			},
			totals: totals{0, 51666664, 0, 48333336, 0, 0},
		},
		{
			// var 1 per unit (max_work_units raised to 1e9): var_a = 10000000, var_b = 30000000.
			// Tier 1 needs 33333332 <= R = 53333333, so no backstop. Tier 2 gets 20000001 of 40000000:
			// a floor(10e6*20000001/40e6) = 5000000, b floor(30e6*20000001/40e6) = 15000000, left 1;
			// b = floor(1/2) = 0, dust 1. Unpaid variable is not arrears. C_a' = 26666666, E_a' = 21666666.
			name: "tier 2 short: pro-rata from R only, not carried, remainder is dust",
			in:   withVar(v2(53_333_333, worker("a", 10_000_000), worker("b", 30_000_000)), "1", 1_000_000_000),
			members: []want{
				{0, 21_666_666, 0, 0, 0, 21_666_666, 0, 26_666_666, 21_666_666},
				{0, 31_666_666, 0, 0, 0, 31_666_666, 0, 46_666_666, 31_666_666},
			},
			totals: totals{0, 53_333_332, 0, 0, 1, 0},
		},
		{
			// R = 20000000 with var_a = 1000000: the backstop covers tier 1 only,
			// 33333332 - 20000000 = 13333332; nothing is left for tier 2, so a's variable goes unpaid.
			// C_a' = 16666666 + 1000000 = 17666666, E_a' = 16666666.
			name: "backstop covers base pay only, never variable costs",
			in: func() types.AllocationInput {
				in := withVar(v2(20_000_000, worker("a", 1_000_000), member("b")), "1", 0)
				in.Backstop = i(13_333_332)
				return in
			}(),
			members: []want{
				{0, fixed12h, 0, 0, 0, fixed12h, 0, 17_666_666, fixed12h},
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
			},
			totals: totals{13_333_332, 33_333_332, 0, 0, 0, 0},
		},
		{
			// No backstop, R = 10000001: arrears 5000000 paid first, 5000001 left for 2*16666666:
			// each floor(16666666*5000001/33333332) = 2500000, left 1 -> tier 2 (none) -> B = 1, dust 1.
			// Arrears after: a 16666666 - 2500000 = 14166666, b the same. E' = 2500000 (arrears excluded).
			name: "tier 1 short: pro-rata, unpaid base pay stays arrears",
			in: func() types.AllocationInput {
				a := member("a")
				a.Arrears = i(5_000_000)
				return noBackstop(v2(10_000_001, a, member("b")))
			}(),
			members: []want{
				{5_000_000, 2_500_000, 0, 0, 0, 7_500_000, 14_166_666, fixed12h, 2_500_000},
				{0, 2_500_000, 0, 0, 0, 2_500_000, 14_166_666, fixed12h, 2_500_000},
			},
			totals: totals{0, 10_000_000, 0, 0, 1, 0},
		},
		{
			// var 0.5 per unit, a reports 5000000 units, clamped to max_work_units 1000000: var 500000.
			// B = 1e8 - 33333332 - 500000 = 66166668, b = 33083334.
			// a: C' = 17166666, cap floor(1.25*17166666) = 21458332, headroom 4291666, excess 28791668.
			// b: headroom 4166666, excess 28916668.
			name: "work units clamped to max_work_units",
			in:   withVar(v2(100_000_000, worker("a", 5_000_000), member("b")), "0.5", 0),
			members: []want{
				{0, 17_166_666, 4_291_666, 28_791_668, 0, 21_458_332, 0, 17_166_666, 21_458_332},
				{0, fixed12h, headroom12h, 28_916_668, 0, 20_833_332, 0, fixed12h, 20_833_332},
			},
			totals: totals{0, 42_291_664, 0, 57_708_336, 0, 0},
		},
		{
			// Creditors x (3000000) and y (2000000, withhold 30%) are paid in tier 1 before a's
			// fixed pay. R = 20000000, no backstop: arrears 5000000 paid, 15000000 left for a's
			// 16666666 -> a is paid 15000000, arrears after 1666666. y: withheld 600000, credited 1400000.
			// Creditors get no bonus and their trackers do not move.
			name: "creditors paid before fixed pay, no bonus",
			in: func() types.AllocationInput {
				y := creditor("y", 2_000_000)
				y.WithholdBps = 3000
				return noBackstop(v2(20_000_000, member("a"), creditor("x", 3_000_000), y))
			}(),
			members: []want{
				{0, 15_000_000, 0, 0, 0, 15_000_000, 1_666_666, fixed12h, 15_000_000},
				{3_000_000, 0, 0, 0, 0, 3_000_000, 0, 0, 0},
				{2_000_000, 0, 0, 0, 600_000, 1_400_000, 0, 0, 0},
			},
			totals: totals{0, 19_400_000, 600_000, 0, 0, 0},
		},
		{
			// With the backstop, tier 1 = 16666666 + 3000000 = 19666666 > R = 10000000:
			// drawn 9666666 pays the creditor and a in full.
			name: "backstop covers creditors' arrears",
			in: func() types.AllocationInput {
				in := v2(10_000_000, member("a"), creditor("x", 3_000_000))
				in.Backstop = i(9_666_666)
				return in
			}(),
			members: []want{
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
				{3_000_000, 0, 0, 0, 0, 3_000_000, 0, 0, 0},
			},
			totals: totals{9_666_666, 19_666_666, 0, 0, 0, 0},
		},
		{
			// No members: the budget stays in the pool and the creditor keeps its arrears.
			name:    "no members: creditors wait",
			in:      v2(5_000_000, creditor("x", 3_000_000)),
			members: []want{{0, 0, 0, 0, 0, 0, 3_000_000, 0, 0}},
			totals:  totals{0, 0, 0, 0, 0, 5_000_000},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			out, err := types.Allocate(tc.in)

			// ASSERT
			require.NoError(t, err)
			require.Len(t, out.Members, len(tc.members))
			for j, w := range tc.members {
				m := out.Members[j]
				got := want{
					m.ArrearsPaid.Int64(), m.CostsPaid.Int64(), m.Bonus.Int64(), m.CapExcess.Int64(), m.Withheld.Int64(),
					m.Credited.Int64(), m.ArrearsAfter.Int64(), m.PeriodCostsAfter.Int64(), m.PeriodEarningsAfter.Int64(),
				}
				require.Equal(t, w, got, "member %s", m.Owner)
			}
			gotTotals := totals{out.BackstopUsed.Int64(), out.Credited.Int64(), out.Withheld.Int64(), out.CapExcess.Int64(), out.Dust.Int64(), out.Carried.Int64()}
			require.Equal(t, tc.totals, gotTotals)
		})
	}
}

func TestShortfallV2TierOneOnly(t *testing.T) {
	// ARRANGE: owed tier 1 = 2*16666666 + 1000 arrears + creditor 500 = 33334832; var 1000000 is not backstopped.
	a := worker("a", 1_000_000)
	a.Arrears = i(1000)
	in := withVar(v2(20_000_000, a, member("b"), creditor("x", 500)), "1", 0)

	// ACT
	s, err := types.Shortfall(in)

	// ASSERT: 33334832 - 20000000.
	require.NoError(t, err)
	require.Equal(t, int64(13_334_832), s.Int64())
}

func TestAllocateV2RejectsBadShapes(t *testing.T) {
	// ARRANGE
	v1WithCreditor := input(1, member("a"), creditor("x", 1))
	memberAfterCreditor := v2(1, creditor("x", 1), member("a"))

	// ACT
	_, errV1 := types.Allocate(v1WithCreditor)
	_, errOrder := types.Allocate(memberAfterCreditor)

	// ASSERT
	require.ErrorIs(t, errV1, types.ErrInvalidAmount)
	require.ErrorContains(t, errV1, "creditors exist only in algorithm version 2")
	require.ErrorIs(t, errOrder, types.ErrInvalidAmount)
}
