package integration_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// TestRewardsMoneyFlowOverManyCycles runs the whole app for 130 cycles of 12h
// (two payout periods of 30 days and ten cycles more) with 12 operators
// rotating through 10 seats and 300 USDC paid into the pool every cycle, and
// checks that every micro-USDC is where the records say it is.
func TestRewardsMoneyFlowOverManyCycles(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 12, Accounts: 1})
	payer := ta.Accounts[0]
	const perCycle = 300_000_000
	const cycles = 130

	// ACT: one funding tx per cycle, each in the block that crosses a boundary.
	for i := 0; i < cycles; i++ {
		res := ta.MustDeliver(payer, 12*time.Hour, &rewardstypes.MsgFundRewardPool{
			Sender: payer.Addr.String(), Amount: sdk.NewInt64Coin(app.RewardDenom, perCycle)})
		require.Contains(t, eventTypesOf(res.Events), "xmtp.rewards.v1.EventPoolFunded")
	}
	ctx := ta.Ctx()
	rk := ta.RewardsKeeper
	funded := math.NewInt(perCycle * cycles)

	// ASSERT 1: one payout per period: two periods have ended.
	// Payout entries are stored beside their record; the query puts them together.
	pres, err := rewardskeeper.NewQueryServerImpl(rk).Payouts(ctx, &rewardstypes.QueryPayoutsRequest{})
	require.NoError(t, err)
	payouts := pres.Payouts
	require.Len(t, payouts, 2)
	for _, p := range payouts {
		require.True(t, p.Complete, "payout %d sent to every payee", p.Id)
	}
	require.NotEqual(t, payouts[0].Period, payouts[1].Period)

	// ASSERT 2: per operator, the USDC it received equals its payout entries, and
	// credited over all cycle records = paid out + still payable.
	credited := map[string]math.Int{}
	recordsExcess := math.ZeroInt()
	var settled []uint64
	require.NoError(t, rk.CycleRecords.Walk(ctx, nil, func(c uint64, r rewardstypes.CycleRecord) (bool, error) {
		settled = append(settled, c)
		for _, m := range r.Members {
			if _, ok := credited[m.Owner]; !ok {
				credited[m.Owner] = math.ZeroInt()
			}
			credited[m.Owner] = credited[m.Owner].Add(m.Credited)
		}
		recordsExcess = recordsExcess.Add(r.TotalCapExcess).Add(r.Dust).Add(r.TotalWithheld)
		return false, nil
	}))
	require.GreaterOrEqual(t, len(settled), cycles-2, "every funded cycle but the last is settled")
	paid := map[string]math.Int{}
	for _, p := range payouts {
		for _, e := range p.Entries {
			require.True(t, e.Sent, "payout to %s failed: %s", e.Address, e.Error)
			if _, ok := paid[e.Owner]; !ok {
				paid[e.Owner] = math.ZeroInt()
			}
			paid[e.Owner] = paid[e.Owner].Add(e.Amount)
		}
	}
	totalToOperators := math.ZeroInt()
	for _, op := range ta.Operators {
		owner := op.Addr.String()
		gained := ta.Balance(op.Addr, app.RewardDenom).Sub(apptesting.AccountUSDC)
		require.True(t, gained.Equal(paid[owner]), "operator %s received %s, payout records say %s", owner, gained, paid[owner])
		payable := math.ZeroInt()
		if acct, err := rk.Accounts.Get(ctx, op.Addr); err == nil {
			payable = acct.Payable
		}
		require.True(t, credited[owner].Equal(paid[owner].Add(payable)),
			"operator %s: credited %s != paid %s + payable %s", owner, credited[owner], paid[owner], payable)
		require.True(t, gained.IsPositive(), "operator %s served and was paid", owner)
		totalToOperators = totalToOperators.Add(gained)
	}

	// ASSERT 3: the treasury holds its buckets, and its inflows are the records' excess.
	inflowTotal, buyback, staking, ecosystem := math.ZeroInt(), math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	require.NoError(t, ta.TreasuryKeeper.Inflows.Walk(ctx, nil, func(_ uint64, in treasurytypes.Inflow) (bool, error) {
		if in.Denom != app.RewardDenom {
			return false, nil
		}
		inflowTotal = inflowTotal.Add(in.Total)
		buyback = buyback.Add(in.Split.BuybackBurn)
		staking = staking.Add(in.Split.StakingRewards)
		ecosystem = ecosystem.Add(in.Split.Ecosystem)
		require.True(t, in.StakingSentToFeeCollector)
		return false, nil
	}))
	require.True(t, inflowTotal.Equal(recordsExcess), "treasury inflows %s != Σ cap excess + dust + withheld %s", inflowTotal, recordsExcess)
	require.True(t, inflowTotal.IsPositive(), "300 USDC a cycle exceeds the 1.25x cap, so excess must flow")
	bucket := func(b treasurytypes.Bucket) math.Int {
		v, err := ta.TreasuryKeeper.Buckets.Get(ctx, collections.Join(int32(b), app.RewardDenom))
		if err != nil {
			return math.ZeroInt()
		}
		return v
	}
	backstops := math.ZeroInt()
	require.NoError(t, ta.TreasuryKeeper.Spends.Walk(ctx, nil, func(_ uint64, s treasurytypes.Spend) (bool, error) {
		if s.Bucket == treasurytypes.BUCKET_ECOSYSTEM && s.Amount.Denom == app.RewardDenom {
			backstops = backstops.Add(s.Amount.Amount)
		}
		return false, nil
	}))
	// the open burn auction holds what BUYBACK_BURN had when it opened (no bids here)
	auction, _, err := ta.TreasuryKeeper.OpenAuction(ctx)
	require.NoError(t, err)
	require.True(t, bucket(treasurytypes.BUCKET_BUYBACK_BURN).Add(auction.Lot.AmountOf(app.RewardDenom)).Equal(buyback))
	require.True(t, bucket(treasurytypes.BUCKET_STAKING_REWARDS).IsZero(), "the staking share goes to the fee collector at once")
	require.True(t, bucket(treasurytypes.BUCKET_ECOSYSTEM).Equal(ecosystem.Sub(backstops)))
	treasuryBal := ta.Balance(authtypes.NewModuleAddress(treasurytypes.ModuleName), app.RewardDenom)
	require.True(t, treasuryBal.Equal(buyback.Add(ecosystem).Sub(backstops)))

	// The staking share goes to the fee collector, and x/distribution takes it
	// at the next block's BeginBlocker (the last share is still in transit).
	distrBal := ta.Balance(authtypes.NewModuleAddress(distrtypes.ModuleName), app.RewardDenom)
	feeBal := ta.Balance(authtypes.NewModuleAddress(authtypes.FeeCollectorName), app.RewardDenom)
	require.True(t, distrBal.IsPositive())
	require.True(t, distrBal.Add(feeBal).Equal(staking), "x/distribution %s + fee collector %s != staking shares %s", distrBal, feeBal, staking)
	ta.NextBlock(time.Second)
	ctx = ta.Ctx()
	distrBal = ta.Balance(authtypes.NewModuleAddress(distrtypes.ModuleName), app.RewardDenom)
	require.True(t, distrBal.Equal(staking), "after one more block x/distribution holds every staking share")

	// ASSERT 4: not one micro-USDC created or lost.
	rewardsBal := ta.Balance(authtypes.NewModuleAddress(rewardstypes.ModuleName), app.RewardDenom)
	require.True(t, funded.Equal(totalToOperators.Add(rewardsBal).Add(treasuryBal).Add(distrBal)),
		"funded %s != operators %s + rewards %s + treasury %s + distribution %s",
		funded, totalToOperators, rewardsBal, treasuryBal, distrBal)
	require.NoError(t, ta.CheckInvariants(ctx))

	// ASSERT 5: every stored cycle audits as a match; a tampered one does not.
	q := rewardskeeper.NewQueryServerImpl(rk)
	for _, c := range settled {
		res, err := q.Audit(ctx, &rewardstypes.QueryAuditRequest{Cycle: c})
		require.NoError(t, err)
		require.True(t, res.Match, "cycle %d: %v", c, res.Differences)
	}
	tampered, _ := ctx.CacheContext()
	rec, err := rk.CycleRecords.Get(tampered, settled[5])
	require.NoError(t, err)
	rec.Members[0].Bonus = rec.Members[0].Bonus.AddRaw(1)
	require.NoError(t, rk.CycleRecords.Set(tampered, settled[5], rec))
	res, err := q.Audit(tampered, &rewardstypes.QueryAuditRequest{Cycle: settled[5]})
	require.NoError(t, err)
	require.False(t, res.Match)
	require.NotEmpty(t, res.Differences)
	require.Contains(t, res.Differences[0].Field, "bonus")

	// ASSERT 6: a boundary block reports every money movement as typed events.
	block := ta.NextBlock(12 * time.Hour)
	types := eventTypesOf(block.Events)
	for _, want := range []string{"xmtp.rewards.v1.EventBudgetAssigned", "xmtp.rewards.v1.EventCycleSettled",
		"xmtp.rewards.v1.EventRewardsCredited", "xmtp.treasury.v1.EventExcessHandled", "xmtp.nodeselection.v1.EventCycleStarted"} {
		require.Contains(t, types, want)
	}
}

// eventTypesOf lists the types of ABCI events.
func eventTypesOf(events []abci.Event) []string {
	out := make([]string, 0, len(events))
	for _, e := range events {
		out = append(out, e.Type)
	}
	return out
}
