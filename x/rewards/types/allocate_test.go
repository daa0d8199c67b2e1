package types_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Hand-computed reference values with the default params (base_pay 1000 USDC per 720h):
//
//	fixed for 12h = floor(1e9 * 12 / 720) = 16666666
//	cap after one cycle = floor(1.25 * 16666666) = 20833332, headroom 20833332 - 16666666 = 4166666
const (
	fixed12h    = 16666666
	headroom12h = 4166666
)

func i(v int64) math.Int { return math.NewInt(v) }

func member(owner string) types.MemberInput {
	return types.MemberInput{Owner: owner, UptimeBps: 10000, Arrears: i(0), PeriodCosts: i(0), PeriodEarnings: i(0)}
}

func input(budget int64, members ...types.MemberInput) types.AllocationInput {
	return types.AllocationInput{
		Version: types.AlgorithmV1, Params: types.DefaultParams(), Duration: 12 * time.Hour,
		Budget: i(budget), Backstop: i(0), Members: members,
	}
}

// want is the expected allocation to one member.
type want struct {
	arrearsPaid, costsPaid, bonus, capExcess, withheld, credited, arrearsAfter, costsAfter, earningsAfter int64
}

type totals struct{ backstop, credited, withheld, capExcess, dust, carried int64 }

func TestAllocateV1(t *testing.T) {
	noBackstop := func(in types.AllocationInput) types.AllocationInput { in.Params.BasePayBackstop = false; return in }
	tests := []struct {
		name    string
		in      types.AllocationInput
		members []want
		totals  totals
	}{
		{
			// B = 100000000 - 2*16666666 = 66666668, b = 33333334, cap leaves 4166666 each.
			name: "surplus budget: cap binds, excess to treasury",
			in:   input(100_000_000, member("a"), member("b")),
			members: []want{
				{0, fixed12h, headroom12h, 29166668, 0, 20833332, 0, fixed12h, 20833332},
				{0, fixed12h, headroom12h, 29166668, 0, 20833332, 0, fixed12h, 20833332},
			},
			totals: totals{0, 41666664, 0, 58333336, 0, 0},
		},
		{
			name:    "exactly at cap: no excess",
			in:      input(20_833_332, member("a")),
			members: []want{{0, fixed12h, headroom12h, 0, 0, 20833332, 0, fixed12h, 20833332}},
			totals:  totals{0, 20833332, 0, 0, 0, 0},
		},
		{
			name:    "one micro-unit above cap goes to the treasury",
			in:      input(20_833_333, member("a")),
			members: []want{{0, fixed12h, headroom12h, 1, 0, 20833332, 0, fixed12h, 20833332}},
			totals:  totals{0, 20833332, 0, 1, 0, 0},
		},
		{
			// owed 33333332, R 20000000: the treasury covers 13333332.
			name: "budget below base pay: backstop covers the shortfall",
			in: func() types.AllocationInput {
				in := input(20_000_000, member("a"), member("b"))
				in.Backstop = i(13_333_332)
				return in
			}(),
			members: []want{
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
			},
			totals: totals{13333332, 33333332, 0, 0, 0, 0},
		},
		{
			name: "backstop beyond the shortfall is not used",
			in: func() types.AllocationInput {
				in := input(20_000_000, member("a"), member("b"))
				in.Backstop = i(50_000_000)
				return in
			}(),
			members: []want{
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
				{0, fixed12h, 0, 0, 0, fixed12h, 0, fixed12h, fixed12h},
			},
			totals: totals{13333332, 33333332, 0, 0, 0, 0},
		},
		{
			// funds 20000000 + 3333332 = 23333332 pro-rata over 2 x 16666666: 11666666 each, 5000000 arrears.
			name: "treasury short too: pro-rata, rest becomes arrears",
			in: func() types.AllocationInput {
				in := input(20_000_000, member("a"), member("b"))
				in.Backstop = i(3_333_332)
				return in
			}(),
			members: []want{
				{0, 11666666, 0, 0, 0, 11666666, 5000000, fixed12h, 11666666},
				{0, 11666666, 0, 0, 0, 11666666, 5000000, fixed12h, 11666666},
			},
			totals: totals{3333332, 23333332, 0, 0, 0, 0},
		},
		{
			// backstop off: 20000000 split over 2 x 16666666 = 10000000 each, 6666666 arrears.
			name: "backstop off: pro-rata and arrears",
			in:   noBackstop(input(20_000_000, member("a"), member("b"))),
			members: []want{
				{0, 10000000, 0, 0, 0, 10000000, 6666666, fixed12h, 10000000},
				{0, 10000000, 0, 0, 0, 10000000, 6666666, fixed12h, 10000000},
			},
			totals: totals{0, 20000000, 0, 0, 0, 0},
		},
		{
			// a's arrears 6666666 first; the 23333334 left pays 11666667 of each 16666666.
			name: "arrears are repaid first next cycle",
			in: func() types.AllocationInput {
				a := member("a")
				a.Arrears = i(6_666_666)
				return noBackstop(input(30_000_000, a, member("b")))
			}(),
			members: []want{
				{6666666, 11666667, 0, 0, 0, 18333333, 4999999, fixed12h, 18333333},
				{0, 11666667, 0, 0, 0, 11666667, 4999999, fixed12h, 11666667},
			},
			totals: totals{0, 30000000, 0, 0, 0, 0},
		},
		{
			name: "zero budget, backstop off: everything becomes arrears",
			in:   noBackstop(input(0, member("a"), member("b"))),
			members: []want{
				{0, 0, 0, 0, 0, 0, fixed12h, fixed12h, 0},
				{0, 0, 0, 0, 0, 0, fixed12h, fixed12h, 0},
			},
			totals: totals{0, 0, 0, 0, 0, 0},
		},
		{
			name:   "zero members: the budget stays in the pool",
			in:     input(5_000_000),
			totals: totals{0, 0, 0, 0, 0, 5000000},
		},
		{
			// B = 60000001 - 49999998 = 10000003, b = 3333334, dust 1.
			name: "uneven split: dust to ROUNDING",
			in:   input(60_000_001, member("a"), member("b"), member("c")),
			members: []want{
				{0, fixed12h, 3333334, 0, 0, 20000000, 0, fixed12h, 20000000},
				{0, fixed12h, 3333334, 0, 0, 20000000, 0, fixed12h, 20000000},
				{0, fixed12h, 3333334, 0, 0, 20000000, 0, fixed12h, 20000000},
			},
			totals: totals{0, 60000000, 0, 0, 1, 0},
		},
		{
			// var = floor(1000003 * 0.25) = 250000 for a; a's cost 16916666, cap floor(1.25*16916666) = 21145832.
			// B = 100000000 - 33583332 = 66416668, b = 33208334.
			name: "variable costs differ per operator",
			in: func() types.AllocationInput {
				a := member("a")
				a.WorkUnits = 1_000_003
				in := input(100_000_000, a, member("b"))
				in.Params.VariableCostPerUnit = math.LegacyMustNewDecFromStr("0.25")
				return in
			}(),
			members: []want{
				{0, 16916666, 4229166, 28979168, 0, 21145832, 0, 16916666, 21145832},
				{0, fixed12h, headroom12h, 29041668, 0, 20833332, 0, fixed12h, 20833332},
			},
			totals: totals{0, 41979164, 0, 58020836, 0, 0},
		},
		{
			// gross 20833332, withheld floor(20833332 * 3000 / 10000) = 6249999.
			name: "withholding 30%",
			in: func() types.AllocationInput {
				a := member("a")
				a.WithholdBps = 3000
				return input(20_833_332, a)
			}(),
			members: []want{{0, fixed12h, headroom12h, 0, 6249999, 14583333, 0, fixed12h, 20833332}},
			totals:  totals{0, 14583333, 6249999, 0, 0, 0},
		},
		{
			// D = 36h: fixed = 1e9 * 36 / 720 = 50000000, cap 62500000.
			name: "halt-lengthened cycle (D = 3 cycles)",
			in: func() types.AllocationInput {
				in := input(100_000_000, member("a"))
				in.Duration = 36 * time.Hour
				return in
			}(),
			members: []want{{0, 50000000, 12500000, 37500000, 0, 62500000, 0, 50000000, 62500000}},
			totals:  totals{0, 62500000, 0, 37500000, 0, 0},
		},
		{
			// Settled late in a period where a already earned above its cap (arrears
			// repaid): C' = 1016666666, cap 1270833332 < E' = 1316666666, so no bonus.
			name: "late in a period: earnings above the cap leave no headroom",
			in: func() types.AllocationInput {
				a := member("a")
				a.PeriodCosts, a.PeriodEarnings = i(1_000_000_000), i(1_300_000_000)
				return input(100_000_000, a)
			}(),
			members: []want{{0, fixed12h, 0, 83333334, 0, fixed12h, 0, 1016666666, 1316666666}},
			totals:  totals{0, fixed12h, 0, 83333334, 0, 0},
		},
		{
			// The same cycle settled just after the payout reset: fresh trackers, full headroom.
			name:    "just after a payout: trackers reset, headroom restored",
			in:      input(100_000_000, member("a")),
			members: []want{{0, fixed12h, headroom12h, 79166668, 0, 20833332, 0, fixed12h, 20833332}},
			totals:  totals{0, 20833332, 0, 79166668, 0, 0},
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

func TestShortfall(t *testing.T) {
	// ARRANGE: two members owe 2 x 16666666 plus 1000 arrears; R = 20000000.
	a := member("a")
	a.Arrears = i(1000)
	in := input(20_000_000, a, member("b"))

	// ACT
	s, err := types.Shortfall(in)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, int64(13_334_332), s.Int64())

	in.Params.BasePayBackstop = false
	s, err = types.Shortfall(in)
	require.NoError(t, err)
	require.True(t, s.IsZero(), "no backstop when base_pay_backstop is off")

	s, err = types.Shortfall(input(0))
	require.NoError(t, err)
	require.True(t, s.IsZero(), "no backstop without members")
}

func TestAllocateRejectsBadInput(t *testing.T) {
	cases := map[string]func(*types.AllocationInput){
		"unknown version":   func(in *types.AllocationInput) { in.Version = 99 },
		"negative budget":   func(in *types.AllocationInput) { in.Budget = i(-1) },
		"duplicate member":  func(in *types.AllocationInput) { in.Members = append(in.Members, in.Members[0]) },
		"withhold too high": func(in *types.AllocationInput) { in.Members[0].WithholdBps = 10001 },
		"cap below 1":       func(in *types.AllocationInput) { in.Params.ProfitCap = math.LegacyMustNewDecFromStr("0.9") },
		"negative arrears":  func(in *types.AllocationInput) { in.Members[0].Arrears = i(-5) },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			in := input(1_000_000, member("a"))
			mutate(&in)
			_, err := types.Allocate(in)
			require.Error(t, err)
		})
	}
}

func TestCheckConservationCatchesLeak(t *testing.T) {
	// ARRANGE: a correct allocation, then one micro-unit credited out of thin air.
	in := input(100_000_000, member("a"), member("b"))
	out, err := types.Allocate(in)
	require.NoError(t, err)
	out.Members[0].Credited = out.Members[0].Credited.AddRaw(1)
	out.Credited = out.Credited.AddRaw(1)

	// ACT / ASSERT
	require.ErrorIs(t, types.CheckConservation(in, out), types.ErrConservation)
}
