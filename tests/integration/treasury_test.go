package integration_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// The staking share of the excess reaches XMTP delegators through x/distribution.
func TestTreasuryStakingShareReachesDelegators(t *testing.T) {
	// ARRANGE: one operator; a pool far above its capped pay, so most of it is excess.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 1, Accounts: 1})
	funder := ta.Accounts[0]
	ta.MustDeliver(funder, time.Second, &rewardstypes.MsgFundRewardPool{
		Sender: funder.Addr.String(), Amount: sdk.NewInt64Coin(app.RewardDenom, 1_000_000_000),
	})
	before := delegatorRewards(t, ta)

	// ACT: cycle 0 is settled at the boundary ending cycle 1; x/distribution pays the fee
	// collector out in the following blocks.
	ta.AdvanceTo(ta.Time.Add(25*time.Hour), time.Hour)
	ta.NextBlock(time.Minute)
	ta.NextBlock(time.Minute)

	// ASSERT
	ctx := ta.Ctx()
	staking := math.ZeroInt()
	require.NoError(t, ta.TreasuryKeeper.Inflows.Walk(ctx, nil, func(_ uint64, in treasurytypes.Inflow) (bool, error) {
		require.True(t, in.StakingSentToFeeCollector)
		if in.Denom == app.RewardDenom {
			staking = staking.Add(in.Split.StakingRewards)
		}
		return false, nil
	}))
	require.True(t, staking.IsPositive(), "no excess reached the treasury")

	feeCollector := ta.Balance(authtypes.NewModuleAddress(authtypes.FeeCollectorName), app.RewardDenom)
	require.True(t, feeCollector.IsZero(), "x/distribution has not taken %s from the fee collector", feeCollector)

	tax, err := ta.DistrKeeper.GetCommunityTax(ctx)
	require.NoError(t, err)
	gained := delegatorRewards(t, ta).Sub(before)
	minimum := math.LegacyOneDec().Sub(tax).MulInt(staking).TruncateInt().SubRaw(1)
	require.True(t, gained.GTE(minimum) && gained.LTE(staking),
		"delegator gained %s uusdc; staking share %s, community tax %s", gained, staking, tax)
	require.NoError(t, ta.TreasuryKeeper.CheckInvariants(ctx))
}

// delegatorRewards is the genesis delegator's (the admin's) pending uusdc rewards.
func delegatorRewards(t *testing.T, ta *apptesting.TestApp) math.Int {
	t.Helper()
	res, err := distrkeeper.NewQuerier(ta.DistrKeeper).DelegationTotalRewards(ta.Ctx(),
		&distrtypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: ta.Admin.Addr.String()})
	require.NoError(t, err)
	return res.Total.AmountOf(app.RewardDenom).TruncateInt()
}
