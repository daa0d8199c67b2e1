package simulation

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/xmtp/xmtpd-chain/x/treasury/keeper"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// MsgFundBucketFactory adds part of a random account's balance to a random bucket.
func MsgFundBucketFactory() simsx.SimMsgFactoryFn[*types.MsgFundBucket] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFundBucket) {
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil
		}
		coins := from.LiquidBalance().RandSubsetCoins(reporter)
		if reporter.IsSkipped() || coins.Empty() {
			reporter.Skip("nothing to fund")
			return nil, nil
		}
		coin := coins[testData.Rand().Intn(len(coins))]
		bucket := types.AllBuckets[testData.Rand().Intn(len(types.AllBuckets))]
		return []simsx.SimAccount{from}, &types.MsgFundBucket{Sender: from.AddressBech32, Bucket: bucket, Amount: coin}
	}
}

// MsgBurnHoldingsFactory burns part of the BUYBACK_BURN bucket's burn-denom holdings.
func MsgBurnHoldingsFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBurnHoldings] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBurnHoldings) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		held, err := k.BucketBalance(ctx, types.BUCKET_BUYBACK_BURN, params.BurnDenom)
		if err != nil || !held.IsPositive() {
			reporter.Skip("nothing to burn")
			return nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil
		}
		amt := randUpTo(testData, held)
		return []simsx.SimAccount{from}, &types.MsgBurnHoldings{Sender: from.AddressBech32, Amount: sdk.NewCoin(params.BurnDenom, amt)}
	}
}

// MsgForgedSpendFactory is an attack: a non-authority tries to drain a bucket.
// It must fail with ErrUnauthorized.
func MsgForgedSpendFactory(k *keeper.Keeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSpend, simsx.SimDeliveryResultHandler) {
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		bucket, coin := randomHolding(ctx, k, testData)
		if coin.IsNil() || coin.IsZero() {
			coin = sdk.NewCoin("uusdc", math.OneInt())
		}
		msg := &types.MsgSpend{Authority: from.AddressBech32, Bucket: bucket, Recipient: from.AddressBech32, Amount: coin}
		return []simsx.SimAccount{from}, msg, func(err error) error {
			if errors.Is(err, sdkerrors.ErrUnauthorized) {
				return nil
			}
			return fmt.Errorf("forged MsgSpend: expected ErrUnauthorized, got %v", err)
		}
	})
}

// MsgSpendFactory proposes to spend part of a random bucket's holdings.
func MsgSpendFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSpend] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSpend) {
		bucket, coin := randomHolding(ctx, k, testData)
		if coin.IsNil() || coin.IsZero() {
			reporter.Skip("treasury is empty")
			return nil, nil
		}
		to := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		coin.Amount = randUpTo(testData, coin.Amount)
		return nil, &types.MsgSpend{Authority: testData.ModuleAccountAddress(reporter, "gov"), Bucket: bucket, Recipient: to.AddressBech32, Amount: coin}
	}
}

// MsgUpdateParamsFactory proposes a new random split.
func MsgUpdateParamsFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		p := RandomParams(testData.Rand().Rand, cur.BurnDenom)
		return nil, &types.MsgUpdateParams{Authority: testData.ModuleAccountAddress(reporter, "gov"), Params: p}
	}
}

// randomHolding returns a random bucket and one of its coins (zero when empty).
func randomHolding(ctx context.Context, k *keeper.Keeper, testData *simsx.ChainDataSource) (types.Bucket, sdk.Coin) {
	bucket := types.AllBuckets[testData.Rand().Intn(len(types.AllBuckets))]
	coins, err := k.BucketCoins(ctx, bucket)
	if err != nil || coins.Empty() {
		return bucket, sdk.Coin{}
	}
	return bucket, coins[testData.Rand().Intn(len(coins))]
}

// randUpTo returns a random amount in [1, max].
func randUpTo(testData *simsx.ChainDataSource, max math.Int) math.Int {
	n, err := testData.Rand().PositiveSDKIntn(max)
	if err != nil || !n.IsPositive() {
		return math.OneInt()
	}
	return n
}
