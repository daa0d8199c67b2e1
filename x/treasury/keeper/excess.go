package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// HandleExcess moves Σparts of denom from module fromModule into the treasury,
// splits it into the buckets by params and records the inflow. The staking share
// goes to the fee collector at once when stakers_via_distribution. A zero total
// is a no-op. All or nothing: on error no state is changed.
func (k *Keeper) HandleExcess(ctx context.Context, fromModule string, cycle uint64, denom string, parts []types.ExcessPart) error {
	if err := sdk.ValidateDenom(denom); err != nil {
		return types.ErrInvalidDenom.Wrapf("excess denom %q: %v", denom, err)
	}
	total, err := types.SumParts(parts)
	if err != nil {
		return err
	}
	if total.IsZero() {
		return nil
	}
	if fromModule == "" || fromModule == types.ModuleName {
		return types.ErrInvalidExcess.Wrapf("from module %q must name another module account", fromModule)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}

	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	if err := k.bk.SendCoinsFromModuleToModule(cacheCtx, fromModule, types.ModuleName, sdk.NewCoins(sdk.NewCoin(denom, total))); err != nil {
		return err
	}
	split := types.SplitTotal(total, params)
	if err := k.addToBucket(cacheCtx, types.BUCKET_BUYBACK_BURN, denom, split.BuybackBurn); err != nil {
		return err
	}
	if err := k.addToBucket(cacheCtx, types.BUCKET_ECOSYSTEM, denom, split.Ecosystem); err != nil {
		return err
	}
	if params.StakersViaDistribution {
		if split.StakingRewards.IsPositive() {
			staking := sdk.NewCoins(sdk.NewCoin(denom, split.StakingRewards))
			if err := k.bk.SendCoinsFromModuleToModule(cacheCtx, types.ModuleName, k.feeCollectorName, staking); err != nil {
				return err
			}
		}
	} else if err := k.addToBucket(cacheCtx, types.BUCKET_STAKING_REWARDS, denom, split.StakingRewards); err != nil {
		return err
	}

	inflow, err := k.recordInflow(cacheCtx, types.Inflow{
		Cycle:                     cycle,
		Source:                    fromModule,
		Denom:                     denom,
		Total:                     total,
		Parts:                     append([]types.ExcessPart(nil), parts...),
		Split:                     split,
		StakingSentToFeeCollector: params.StakersViaDistribution,
	})
	if err != nil {
		return err
	}
	if err := cacheCtx.EventManager().EmitTypedEvent(&types.EventExcessHandled{Inflow: inflow}); err != nil {
		return err
	}
	write()
	return nil
}

// DrawBackstop sends min(amount, ECOSYSTEM holdings of denom) to module toModule,
// records it as a backstop spend and returns what was drawn (possibly zero).
func (k *Keeper) DrawBackstop(ctx context.Context, toModule string, denom string, amount math.Int) (math.Int, error) {
	if amount.IsNil() || !amount.IsPositive() {
		return math.ZeroInt(), nil
	}
	if toModule == "" || toModule == types.ModuleName {
		return math.ZeroInt(), types.ErrInvalidRecipient.Wrapf("backstop recipient module %q must name another module account", toModule)
	}
	available, err := k.BucketBalance(ctx, types.BUCKET_ECOSYSTEM, denom)
	if err != nil {
		return math.ZeroInt(), err
	}
	drawn := math.MinInt(amount, available)
	if drawn.IsZero() {
		return drawn, nil
	}

	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	if err := k.subFromBucket(cacheCtx, types.BUCKET_ECOSYSTEM, denom, drawn); err != nil {
		return math.ZeroInt(), err
	}
	coin := sdk.NewCoin(denom, drawn)
	if err := k.bk.SendCoinsFromModuleToModule(cacheCtx, types.ModuleName, toModule, sdk.NewCoins(coin)); err != nil {
		return math.ZeroInt(), err
	}
	id, err := k.recordSpend(cacheCtx, types.Spend{
		Kind:      types.SPEND_KIND_BACKSTOP,
		Bucket:    types.BUCKET_ECOSYSTEM,
		Recipient: toModule,
		Amount:    coin,
		Initiator: toModule,
	})
	if err != nil {
		return math.ZeroInt(), err
	}
	if err := cacheCtx.EventManager().EmitTypedEvent(&types.EventBackstopDrawn{
		SpendId: id, ToModule: toModule, Denom: denom, Requested: amount, Drawn: drawn,
	}); err != nil {
		return math.ZeroInt(), err
	}
	write()
	return drawn, nil
}
