package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func TestHandleExcessSplitsWithRemainderToEcosystem(t *testing.T) {
	// ARRANGE: default params 40/30/30, stakers paid through x/distribution.
	f := newFixture(t)
	f.mintToRewards(t, sdk.NewInt64Coin(usdc, 1001))

	// ACT: 1001 of excess in three categories.
	parts := []types.ExcessPart{
		part(types.CATEGORY_CAP_EXCESS, 900), part(types.CATEGORY_ROUNDING, 1), part(types.CATEGORY_WITHHELD, 100),
	}
	require.NoError(t, f.k.HandleExcess(f.ctx, rewards, 12, usdc, parts))

	// ASSERT: floor 400 and 300, remainder 301; staking share left for x/distribution.
	require.Equal(t, math.NewInt(400), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc))
	require.Equal(t, math.ZeroInt(), f.bucket(t, types.BUCKET_STAKING_REWARDS, usdc))
	require.Equal(t, math.NewInt(301), f.bucket(t, types.BUCKET_ECOSYSTEM, usdc))
	require.Equal(t, math.NewInt(300), f.moduleBalance(authtypes.FeeCollectorName, usdc))
	require.Equal(t, math.NewInt(701), f.moduleBalance(types.ModuleName, usdc))
	require.Equal(t, math.ZeroInt(), f.moduleBalance(rewards, usdc))

	in, err := f.k.Inflows.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, uint64(12), in.Cycle)
	require.Equal(t, rewards, in.Source)
	require.Equal(t, usdc, in.Denom)
	require.Equal(t, math.NewInt(1001), in.Total)
	require.Equal(t, parts, in.Parts)
	require.Equal(t, types.Split{BuybackBurn: math.NewInt(400), StakingRewards: math.NewInt(300), Ecosystem: math.NewInt(301)}, in.Split)
	require.True(t, in.StakingSentToFeeCollector)
	require.Equal(t, int64(7), in.Height)

	events := events.Typed[types.EventExcessHandled](f.ctx)
	require.Len(t, events, 1)
	require.Equal(t, in, events[0].Inflow)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestHandleExcessZeroTotalIsNoOp(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	before := f.snapshot(t)

	// ACT: no parts, and parts that are all zero.
	require.NoError(t, f.k.HandleExcess(f.ctx, rewards, 3, usdc, nil))
	require.NoError(t, f.k.HandleExcess(f.ctx, rewards, 3, usdc, []types.ExcessPart{part(types.CATEGORY_ROUNDING, 0)}))

	// ASSERT: no record, no event, no balance change.
	require.Equal(t, before, f.snapshot(t))
	require.Empty(t, events.Typed[types.EventExcessHandled](f.ctx))
}

func TestHandleExcessStakingShareAccumulatesWhenNotViaDistribution(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	p := types.DefaultParams()
	p.StakersViaDistribution = false
	require.NoError(t, f.k.Params.Set(f.ctx, p))

	// ACT
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))

	// ASSERT: the 300 stays in STAKING_REWARDS; nothing reaches the fee collector.
	require.Equal(t, math.NewInt(300), f.bucket(t, types.BUCKET_STAKING_REWARDS, usdc))
	require.Equal(t, math.ZeroInt(), f.moduleBalance(authtypes.FeeCollectorName, usdc))
	require.Equal(t, math.NewInt(1001), f.moduleBalance(types.ModuleName, usdc))
	in, err := f.k.Inflows.Get(f.ctx, 0)
	require.NoError(t, err)
	require.False(t, in.StakingSentToFeeCollector)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestHandleExcessKeepsDenomsApart(t *testing.T) {
	// ARRANGE
	f := newFixture(t)

	// ACT: a USDC excess and an XMTP slash.
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 10))
	f.handleExcess(t, 1, xmtp, part(types.CATEGORY_SLASH, 1000))

	// ASSERT
	coins, err := f.k.BucketCoins(f.ctx, types.BUCKET_BUYBACK_BURN)
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 4), sdk.NewInt64Coin(xmtp, 400)), coins)
	coins, err = f.k.BucketCoins(f.ctx, types.BUCKET_ECOSYSTEM)
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 3), sdk.NewInt64Coin(xmtp, 300)), coins)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestHandleExcessRejectsBadInputWithoutChange(t *testing.T) {
	cases := map[string]struct {
		denom string
		parts []types.ExcessPart
		want  string
	}{
		"unspecified category": {usdc, []types.ExcessPart{part(types.CATEGORY_UNSPECIFIED, 5)}, "CATEGORY_UNSPECIFIED"},
		"negative amount":      {usdc, []types.ExcessPart{part(types.CATEGORY_CAP_EXCESS, 10), part(types.CATEGORY_ROUNDING, -1)}, "must be >= 0"},
		"bad denom":            {"!", []types.ExcessPart{part(types.CATEGORY_CAP_EXCESS, 1)}, "denom"},
		"source lacks coins":   {usdc, []types.ExcessPart{part(types.CATEGORY_CAP_EXCESS, 1)}, "insufficient funds"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			before := f.snapshot(t)

			// ACT
			err := f.k.HandleExcess(f.ctx, rewards, 1, tc.denom, tc.parts)

			// ASSERT
			require.ErrorContains(t, err, tc.want)
			require.Equal(t, before, f.snapshot(t))
		})
	}
}

func TestDrawBackstopDrawsAtMostTheEcosystemBalance(t *testing.T) {
	// ARRANGE: ECOSYSTEM holds 301uusdc, BUYBACK_BURN 400uusdc.
	f := newFixture(t)
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))

	// ACT: ask for 100, then for 500 (only 201 left).
	first, err := f.k.DrawBackstop(f.ctx, rewards, usdc, math.NewInt(100))
	require.NoError(t, err)
	second, err := f.k.DrawBackstop(f.ctx, rewards, usdc, math.NewInt(500))
	require.NoError(t, err)
	third, err := f.k.DrawBackstop(f.ctx, rewards, usdc, math.NewInt(500))
	require.NoError(t, err)

	// ASSERT: 100, then 201, then nothing; other buckets untouched.
	require.Equal(t, math.NewInt(100), first)
	require.Equal(t, math.NewInt(201), second)
	require.Equal(t, math.ZeroInt(), third)
	require.Equal(t, math.ZeroInt(), f.bucket(t, types.BUCKET_ECOSYSTEM, usdc))
	require.Equal(t, math.NewInt(400), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc))
	require.Equal(t, math.NewInt(301), f.moduleBalance(rewards, usdc))

	s, err := f.k.Spends.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.SPEND_KIND_BACKSTOP, s.Kind)
	require.Equal(t, types.BUCKET_ECOSYSTEM, s.Bucket)
	require.Equal(t, rewards, s.Recipient)
	require.Equal(t, sdk.NewInt64Coin(usdc, 201), s.Amount)
	has, err := f.k.Spends.Has(f.ctx, 2)
	require.NoError(t, err)
	require.False(t, has, "an empty draw records nothing")

	events := events.Typed[types.EventBackstopDrawn](f.ctx)
	require.Len(t, events, 2)
	require.Equal(t, math.NewInt(500), events[1].Requested)
	require.Equal(t, math.NewInt(201), events[1].Drawn)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestCheckInvariantsDetectsMismatch(t *testing.T) {
	// ARRANGE: a consistent treasury, then coins arrive outside any bucket.
	f := newFixture(t)
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1000))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	require.NoError(t, f.bk.MintCoins(f.ctx, rewards, sdk.NewCoins(sdk.NewInt64Coin(xmtp, 5))))
	require.NoError(t, f.bk.SendCoinsFromModuleToModule(f.ctx, rewards, types.ModuleName, sdk.NewCoins(sdk.NewInt64Coin(xmtp, 5))))

	// ACT
	err := f.k.CheckInvariants(f.ctx)

	// ASSERT: the message shows both sides.
	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.ErrorContains(t, err, "holds 700uusdc,5uxmtp but the buckets sum to 700uusdc")
}
