package integration_test

import (
	"encoding/json"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// The staking share of the excess reaches XMTP delegators through x/distribution.
func TestTreasuryStakingShareReachesDelegators(t *testing.T) {
	// ARRANGE: one operator; a pool far above its capped pay, so most of it is excess.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 1, Accounts: 1, EditGenesis: withSigningInfos})
	funder := ta.Accounts[0]
	ta.MustDeliver(funder, time.Second, &rewardstypes.MsgFundRewardPool{
		Sender: funder.Addr.String(), Amount: sdk.NewInt64Coin(app.RewardDenom, 1_000_000_000),
	})
	before := delegatorRewards(t, ta)

	// ACT: cycle 0 is settled at the boundary ending cycle 1; x/distribution pays the fee
	// collector out in the following blocks.
	// apptesting.NextBlock sends no last-commit votes, and x/distribution gives the fees
	// of a block without votes to the community pool; these blocks carry the validator's vote.
	end := ta.Time.Add(25 * time.Hour)
	for ta.Time.Before(end) {
		nextBlockWithVote(t, ta, time.Hour)
	}
	nextBlockWithVote(t, ta, time.Minute)

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

// withSigningInfos gives every genesis validator slashing signing info, which
// x/slashing needs as soon as a block carries votes.
func withSigningInfos(cdc codec.JSONCodec, state map[string]json.RawMessage) {
	var staking stakingtypes.GenesisState
	cdc.MustUnmarshalJSON(state[stakingtypes.ModuleName], &staking)
	var slashing slashingtypes.GenesisState
	cdc.MustUnmarshalJSON(state[slashingtypes.ModuleName], &slashing)
	for _, v := range staking.Validators {
		consAddr, err := v.GetConsAddr()
		if err != nil {
			panic(err)
		}
		slashing.SigningInfos = append(slashing.SigningInfos, slashingtypes.SigningInfo{
			Address:              sdk.ConsAddress(consAddr).String(),
			ValidatorSigningInfo: slashingtypes.NewValidatorSigningInfo(consAddr, 0, 0, time.Unix(0, 0).UTC(), false, 0),
		})
	}
	state[slashingtypes.ModuleName] = cdc.MustMarshalJSON(&slashing)
}

// nextBlockWithVote commits an empty block d after the previous one whose last commit is signed
// by the genesis validator, so x/distribution allocates the collected fees to it.
func nextBlockWithVote(t *testing.T, ta *apptesting.TestApp, d time.Duration) {
	t.Helper()
	vals, err := ta.StakingKeeper.GetAllValidators(ta.Ctx())
	require.NoError(t, err)
	require.Len(t, vals, 1)
	consAddr, err := vals[0].GetConsAddr()
	require.NoError(t, err)
	ta.Height++
	ta.Time = ta.Time.Add(d)
	_, err = ta.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height: ta.Height,
		Time:   ta.Time,
		DecidedLastCommit: abci.CommitInfo{Votes: []abci.VoteInfo{{
			Validator:   abci.Validator{Address: consAddr, Power: vals[0].ConsensusPower(sdk.DefaultPowerReduction)},
			BlockIdFlag: cmtproto.BlockIDFlagCommit,
		}}},
	})
	require.NoError(t, err)
	_, err = ta.Commit()
	require.NoError(t, err)
}

// delegatorRewards is the genesis delegator's (the admin's) pending uusdc rewards.
func delegatorRewards(t *testing.T, ta *apptesting.TestApp) math.Int {
	t.Helper()
	res, err := distrkeeper.NewQuerier(ta.DistrKeeper).DelegationTotalRewards(ta.Ctx(),
		&distrtypes.QueryDelegationTotalRewardsRequest{DelegatorAddress: ta.Admin.Addr.String()})
	require.NoError(t, err)
	return res.Total.AmountOf(app.RewardDenom).TruncateInt()
}
