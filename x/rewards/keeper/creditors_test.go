package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// TestCreditorsOldestFirstBoundedAndPaidAfterDeletion: former members with
// arrears are paid as creditors, oldest debt first, at most
// max_creditors_per_cycle per settlement, and a deleted operator record's
// arrears are paid out to the payout address kept in its account.
func TestCreditorsOldestFirstBoundedAndPaidAfterDeletion(t *testing.T) {
	// ARRANGE: no backstop money; payout period of 4 cycles; one creditor per cycle.
	f := newFixture(t)
	ops := f.operators(3)
	payout0 := addr("payout0")
	op0 := f.ns.operators[ops[0].String()]
	op0.PayoutAddress = payout0.String()
	f.ns.operators[ops[0].String()] = op0
	p := types.DefaultParams()
	p.MaxCreditorsPerCycle, p.PayoutPeriod = 1, 4*cycleLen
	p.BasePay = math.NewInt(66_666_664) // fixed = floor(66666664 * 12h / 48h) = 16666666
	require.NoError(t, f.k.Params.Set(f.ctx, p))

	f.end(0, 1, ops[0]) // budget(0) = 0
	f.end(1, 1, ops[2]) // settles 0: op0 owes 16666666 since cycle 0; budget(1) = 0
	f.fund(100_000_000) // becomes budget(2)
	f.end(2, 1, ops[1]) // settles 1: op2 owes 16666666 since cycle 1; op0 is a creditor, nothing to pay
	require.Equal(t, int64(16_666_666), f.account(ops[0]).Arrears.Int64())
	require.Equal(t, int64(16_666_666), f.account(ops[2]).Arrears.Int64())
	delete(f.ns.operators, ops[0].String()) // op0's record is deleted after its unbonding

	// ACT: cycle 2 settles with 100 USDC: one creditor, the oldest (op0); the payout follows.
	f.fund(100_000_000) // becomes budget(3)
	f.end(3, 1, ops[1])

	// ASSERT
	rec, err := f.k.CycleRecords.Get(f.ctx, 2)
	require.NoError(t, err)
	require.Len(t, rec.Members, 2)
	require.Equal(t, ops[0].String(), rec.Members[1].Owner)
	require.True(t, rec.Members[1].Creditor)
	require.Equal(t, int64(16_666_666), rec.Members[1].ArrearsPaid.Int64())
	require.True(t, rec.Members[1].Bonus.IsZero(), "creditors get no bonus")
	require.Equal(t, int64(16_666_666), f.account(ops[2]).Arrears.Int64(), "op2 is younger debt: next cycle")
	require.Equal(t, int64(16_666_666), f.balance(payout0), "paid to the payout address kept in the account")
	require.True(t, f.account(ops[0]).Arrears.IsZero())

	// ACT 2: the next settlement pays op2.
	f.end(4, 1, ops[1])
	require.True(t, f.account(ops[2]).Arrears.IsZero())
	res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 3})
	require.NoError(t, err)
	require.True(t, res.Match, "%v", res.Differences)
}

// TestPayoutSpreadOverBlocks: 250 payees, at most 100 transfers per block:
// 100 in the boundary block, 100 and 50 in the next two; complete at the last.
func TestPayoutSpreadOverBlocks(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(250)
	p := types.DefaultParams()
	p.PayoutPeriod = 2 * cycleLen
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.fund(250 * 20_833_332)
	f.end(0, 1, ops...)

	// ACT: the boundary ending cycle 1 settles cycle 0 and rolls the period over.
	f.end(1, 1, ops...)

	// ASSERT
	sent := func() int {
		n := 0
		for _, op := range ops {
			if f.balance(op) > 0 {
				n++
			}
		}
		return n
	}
	rec, err := f.k.Payouts.Get(f.ctx, 0)
	require.NoError(t, err)
	require.False(t, rec.Complete)
	require.Equal(t, 100, sent())
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.Equal(t, 200, sent())
	rec, _ = f.k.Payouts.Get(f.ctx, 0)
	require.False(t, rec.Complete)
	f.ctx = f.ctx.WithBlockTime(f.ctx.BlockTime().Add(time.Second))
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.Equal(t, 250, sent())
	rec, _ = f.k.Payouts.Get(f.ctx, 0)
	require.True(t, rec.Complete)
	require.Equal(t, f.ctx.BlockTime(), rec.CompletedAt)
	require.Equal(t, int64(250*20_833_332), rec.TotalSent.Int64())
	audit, err := f.q.AuditPayout(f.ctx, &types.QueryAuditPayoutRequest{Id: 0})
	require.NoError(t, err)
	require.True(t, audit.Check.Match, "%v", audit.Check.Differences)
	require.Len(t, audit.Payout.Entries, 250)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestMigrate1to2(t *testing.T) {
	// ARRANGE: a version-1 state: params without the new fields, a legacy payee, an indebted account.
	f := newFixture(t)
	old := types.DefaultParams()
	old.MaxWorkUnits, old.MaxCreditorsPerCycle, old.AlgorithmVersion, old.MaxPayoutsPerBlock = 0, 0, 0, 0
	require.NoError(t, f.k.Params.Set(f.ctx, old))
	owner := addr("op0")
	legacy := legacyPayeesForTest(f)
	require.NoError(t, legacy.Set(f.ctx, owner))
	require.NoError(t, f.k.Accounts.Set(f.ctx, owner, types.OperatorAccount{Owner: owner.String(),
		Payable: math.NewInt(5), Arrears: math.NewInt(7), PeriodCosts: math.NewInt(1), PeriodEarnings: math.NewInt(1)}))

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate1to2(f.ctx))

	// ASSERT
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, types.AlgorithmV2, p.AlgorithmVersion)
	require.Equal(t, uint64(types.DefaultMaxWorkUnits), p.MaxWorkUnits)
	require.Equal(t, uint32(types.DefaultMaxCreditors), p.MaxCreditorsPerCycle)
	require.Equal(t, uint32(types.DefaultMaxPayoutsPerBlock), p.MaxPayoutsPerBlock)
	has, err := f.k.Payees.Has(f.ctx, collections.Join(uint64(0), owner))
	require.NoError(t, err)
	require.True(t, has)
	has, _ = legacy.Has(f.ctx, owner)
	require.False(t, has)
	has, _ = f.k.Creditors.Has(f.ctx, collections.Join(uint64(0), owner))
	require.True(t, has, "indebted accounts join the creditors index")
}

func legacyPayeesForTest(f *fixture) collections.KeySet[sdk.AccAddress] {
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(f.keys[types.StoreKey]))
	return collections.NewKeySet(sb, types.PayeesKey, "payees_v1", sdk.AccAddressKey)
}
