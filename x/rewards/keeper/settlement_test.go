package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Three operators serve 120 cycles of 12h; 100 USDC is funded every cycle.
// Per cycle: fixed 16666666 each, bonus b = floor((100000000 - 49999998) / 3) = 16666667,
// dust 1, and the cap binds every cycle, so over n settled cycles of one
// period each operator earns floor(1.25 * n * 16666666).
//
//	period 0 pays cycles 0..58 (59): floor(1.25 * 983333294) = 1229166617
//	period 1 pays cycles 59..118 (60): floor(1.25 * 999999960) = 1249999950
func TestManyCyclesBalancesRecordsAndPayouts(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(3)

	// ACT
	for c := uint64(0); c < 120; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops...)
	}

	// ASSERT: two payouts, one per period, with the hand-computed amounts.
	payouts, err := f.q.Payouts(f.ctx, &types.QueryPayoutsRequest{})
	require.NoError(t, err)
	require.Len(t, payouts.Payouts, 2)
	for _, e := range payouts.Payouts[0].Entries {
		require.True(t, e.Sent)
		require.Equal(t, int64(1_229_166_617), e.Amount.Int64())
	}
	for _, e := range payouts.Payouts[1].Entries {
		require.Equal(t, int64(1_249_999_950), e.Amount.Int64())
	}
	for _, op := range ops {
		require.Equal(t, int64(1_229_166_617+1_249_999_950), f.balance(op))
		acct := f.account(op)
		require.True(t, acct.Payable.IsZero(), "payable is reset by the payout")
		require.True(t, acct.PeriodCosts.IsZero() && acct.PeriodEarnings.IsZero(), "trackers reset")
	}

	// ASSERT: records add up to the balances to the micro-unit.
	recs, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{From: 0, To: 200, Pagination: nil})
	require.NoError(t, err)
	require.Len(t, recs.Records, 100) // first page
	credited := map[string]int64{}
	var excess, dust int64
	for c := uint64(0); c < 119; c++ {
		rec, err := f.k.CycleRecords.Get(f.ctx, c)
		require.NoError(t, err)
		for _, m := range rec.Members {
			credited[m.Owner] += m.Credited.Int64()
		}
		excess += rec.TotalCapExcess.Int64()
		dust += rec.Dust.Int64()
	}
	for _, op := range ops {
		require.Equal(t, f.balance(op), credited[op.String()])
	}
	require.Equal(t, int64(119), dust)
	require.Equal(t, excess, f.tr.received[treasurytypes.CATEGORY_CAP_EXCESS].Int64())
	require.Equal(t, dust, f.tr.received[treasurytypes.CATEGORY_ROUNDING].Int64())
	// Cycle 119 has ended and its budget waits for settlement.
	pool, err := f.q.Pool(f.ctx, &types.QueryPoolRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.Budget{{Cycle: 119, Amount: sdk.NewInt64Coin(usdc, 100_000_000).Amount}}, pool.Budgets)
	require.Equal(t, int64(100_000_000), f.moduleBalance())

	// ASSERT: every stored cycle audits clean.
	for c := uint64(0); c < 119; c++ {
		res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: c})
		require.NoError(t, err)
		require.True(t, res.Match, "cycle %d: %v", c, res.Differences)
	}
}

func TestTransitionIsProcessedOnce(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(2)
	f.fund(50_000_000)
	f.end(0, 1, ops...)
	f.fund(50_000_000)
	tr := f.end(1, 1, ops...)
	before := f.account(ops[0])

	// ACT: the same boundary again.
	require.NoError(t, f.k.AfterCycleTransition(f.ctx, tr))

	// ASSERT
	require.Equal(t, before, f.account(ops[0]))
	pool, err := f.q.Pool(f.ctx, &types.QueryPoolRequest{})
	require.NoError(t, err)
	require.Len(t, pool.Budgets, 1)
	require.Equal(t, int64(50_000_000), pool.Budgets[0].Amount.Int64())
}

// Budget 0 and 20 USDC in the ECOSYSTEM bucket for two members owed 2 x 16666666:
// the backstop draws 20000000, each gets 10000000 and 6666666 stays as arrears.
// Next cycle 100 USDC: arrears 2 x 6666666 first, then 2 x 16666666, then a capped bonus.
func TestBackstopThenArrearsRepaidFirst(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(2)
	f.setEcosystem(20_000_000)
	f.end(0, 1, ops...) // budget(0) = 0

	// ACT
	f.end(1, 1, ops...) // settles cycle 0

	// ASSERT
	rec, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, int64(20_000_000), rec.Backstop.Int64())
	for _, op := range ops {
		a := f.account(op)
		require.Equal(t, int64(10_000_000), a.Payable.Int64())
		require.Equal(t, int64(6_666_666), a.Arrears.Int64())
	}
	require.True(t, f.tr.ecosystem.IsZero())

	// ACT: cycle 1 had 100 USDC.
	f.fund(100_000_000)
	f.end(2, 1, ops...) // budget(2); settles cycle 1 with budget(1) = 0 -> no ecosystem left
	f.end(3, 1, ops...) // settles cycle 2 with 100 USDC

	// ASSERT: cycle 1 (no budget, empty bucket) added a full cycle of arrears:
	// 6666666 + 16666666 = 23333332; cycle 2 pays all arrears first.
	rec2, err := f.k.CycleRecords.Get(f.ctx, 2)
	require.NoError(t, err)
	for _, m := range rec2.Members {
		require.Equal(t, int64(23_333_332), m.ArrearsBefore.Int64())
		require.Equal(t, int64(23_333_332), m.ArrearsPaid.Int64())
		require.Equal(t, int64(16_666_666), m.CostsPaid.Int64())
		require.True(t, m.ArrearsAfter.IsZero())
	}
}

func TestNoMembersCarriesTheBudget(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(1)
	f.fund(7_000_000)
	f.end(0, 1) // nobody served cycle 0

	// ACT
	f.fund(3_000_000)
	f.end(1, 1, ops...)

	// ASSERT: cycle 0's budget went back into the pool and became part of budget(1).
	rec, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, int64(7_000_000), rec.Carried.Int64())
	pool, err := f.q.Pool(f.ctx, &types.QueryPoolRequest{})
	require.NoError(t, err)
	require.Equal(t, int64(10_000_000), pool.Budgets[0].Amount.Int64())
	require.Equal(t, uint64(1), pool.Budgets[0].Cycle)
}

// A cycle stretched by a halt to 36h pays fixed = 1e9 * 36 / 720 = 50000000.
func TestHaltLengthenedCycle(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(1)
	f.fund(100_000_000)
	f.end(0, 3, ops...) // cycles 0..2 merged; next cycle is 3

	// ACT
	f.end(3, 1, ops...)

	// ASSERT
	rec, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, int64(50_000_000), rec.Members[0].Fixed.Int64())
	require.Equal(t, int64(62_500_000), rec.Members[0].Credited.Int64())
	require.Equal(t, int64(37_500_000), rec.TotalCapExcess.Int64())
}

// Withholding 30% of a 20833332 gross: 6249999 to the treasury as WITHHELD.
func TestWithholdingGoesToTreasury(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(1)
	op := f.ns.operators[ops[0].String()]
	op.Penalty = nstypes.PenaltyState{Violations: 1, WithholdBps: 3000, WindowEnd: f.ctx.BlockTime().AddDate(1, 0, 0)}
	f.ns.operators[ops[0].String()] = op
	f.fund(20_833_332)
	f.end(0, 1, ops...)

	// ACT
	f.end(1, 1, ops...)

	// ASSERT
	require.Equal(t, int64(14_583_333), f.account(ops[0]).Payable.Int64())
	require.Equal(t, int64(6_249_999), f.tr.received[treasurytypes.CATEGORY_WITHHELD].Int64())
}
