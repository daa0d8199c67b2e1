package simulation

import (
	"context"
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// MsgRegisterTwiceFactory is an attack: a registered operator registers again.
// The delivery must fail with ErrAlreadyRegistered.
func MsgRegisterTwiceFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterOperator, simsx.SimDeliveryResultHandler) {
		op, from := randomOperator(ctx, k, nk, testData, reporter, true)
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		params, _ := k.Params().Get(ctx)
		msg := &types.MsgRegisterOperator{
			Owner: op.Owner, NftId: op.NftId, Stake: params.MinStakeCoin(),
			Endpoint: RandomEndpoint(testData.Rand().Rand), Region: "DE",
		}
		return []simsx.SimAccount{from}, msg, expectError(types.ErrAlreadyRegistered)
	})
}

// MsgRegisterForeignNFTFactory is an attack: an account registers with an NFT
// held by somebody else. The delivery must fail with ErrNotNFTHolder.
func MsgRegisterForeignNFTFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterOperator, simsx.SimDeliveryResultHandler) {
		nftID, holder := randomNFT(ctx, k, nk, testData)
		if nftID == "" {
			reporter.Skip("no operator NFT")
			return nil, nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.ExcludeAddresses(holder), simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		if has, _ := k.Operators().Has(ctx, from.Address); has {
			reporter.Skip("attacker is registered")
			return nil, nil, nil
		}
		params, _ := k.Params().Get(ctx)
		msg := &types.MsgRegisterOperator{
			Owner: from.AddressBech32, NftId: nftID, Stake: params.MinStakeCoin(),
			Endpoint: RandomEndpoint(testData.Rand().Rand), Region: "DE",
		}
		return []simsx.SimAccount{from}, msg, expectError(types.ErrNotNFTHolder, types.ErrStakeBelowMin, sdkerrors.ErrInsufficientFunds)
	})
}

// MsgSendOperatorNFTFactory is an attack: a holder tries to move its NFT with
// x/nft MsgSend. The ante guard must reject it.
func MsgSendOperatorNFTFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *nft.MsgSend, simsx.SimDeliveryResultHandler) {
		nftID, holder := randomNFT(ctx, k, nk, testData)
		if nftID == "" || !testData.HasAccount(holder) {
			reporter.Skip("no operator NFT held by a simulation account")
			return nil, nil, nil
		}
		from := testData.GetAccount(reporter, holder)
		to := testData.AnyAccount(reporter, simsx.ExcludeAccounts(from))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &nft.MsgSend{ClassId: types.NFTClassID, Id: nftID, Sender: holder, Receiver: to.AddressBech32}
		return []simsx.SimAccount{from}, msg, expectError(sdkerrors.ErrUnauthorized)
	})
}

// MsgForgedIssueNFTFactory is an attack: a non-authority issues itself an NFT.
func MsgForgedIssueNFTFactory() simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgIssueOperatorNFT, simsx.SimDeliveryResultHandler) {
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgIssueOperatorNFT{Authority: from.AddressBech32, Recipient: from.AddressBech32}
		return []simsx.SimAccount{from}, msg, expectError(sdkerrors.ErrUnauthorized)
	})
}

// expectError accepts only a delivery that failed with one of the given errors.
func expectError(want ...*errorsmod.Error) simsx.SimDeliveryResultHandler {
	return func(err error) error {
		if err == nil {
			return fmt.Errorf("expected one of %v, but the tx succeeded", want)
		}
		for _, w := range want {
			if errors.Is(err, w) {
				return nil
			}
		}
		return fmt.Errorf("expected one of %v, got: %w", want, err)
	}
}
