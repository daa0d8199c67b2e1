package simulation

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// MsgFundRewardPoolFactory funds the pool with part of a random account's reward-denom balance.
func MsgFundRewardPoolFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFundRewardPool] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFundRewardPool) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.WithDenomBalance(params.RewardDenom))
		if reporter.IsSkipped() {
			return nil, nil
		}
		coin := from.LiquidBalance().RandSubsetCoin(reporter, params.RewardDenom)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgFundRewardPool{Sender: from.AddressBech32, Amount: coin}
	}
}

// MsgFundFakeDenomFactory is an attack: funding the pool with another denom
// must fail with ErrInvalidDenom and move nothing.
func MsgFundFakeDenomFactory(k *keeper.Keeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFundRewardPool, simsx.SimDeliveryResultHandler) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		denom := "ufake"
		for _, c := range from.LiquidBalance().Coins {
			if c.Denom != params.RewardDenom {
				denom = c.Denom
			}
		}
		msg := &types.MsgFundRewardPool{Sender: from.AddressBech32, Amount: sdk.NewCoin(denom, math.NewInt(1+testData.Rand().Int63n(1000)))}
		return []simsx.SimAccount{from}, msg, func(err error) error {
			if errors.Is(err, types.ErrInvalidDenom) {
				return nil
			}
			return fmt.Errorf("funding with %s: expected ErrInvalidDenom, got %v", denom, err)
		}
	})
}

// MsgUpdateParamsFactory proposes random params whose payout period covers the
// current cycle duration.
func MsgUpdateParamsFactory(k *keeper.Keeper, ns NodeSelectionParams) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		cur, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		nsp, err := ns.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		p := RandomParams(testData.Rand().Rand, nsp.CycleDuration)
		p.RewardDenom = cur.RewardDenom
		return nil, &types.MsgUpdateParams{Authority: testData.ModuleAccountAddress(reporter, "gov"), Params: p}
	}
}

// NodeSelectionParams reads the x/nodeselection params (its keeper's Params item).
type NodeSelectionParams interface {
	Get(ctx context.Context) (nstypes.Params, error)
}
