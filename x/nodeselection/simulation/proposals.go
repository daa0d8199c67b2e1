package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The authority messages run as governance proposals: in the simulation the
// authority is the gov module account. A proposal whose message has become
// invalid by the time it executes simply fails, as on a live chain.

// MsgIssueOperatorNFTFactory proposes an NFT for a random account without one.
func MsgIssueOperatorNFTFactory(nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgIssueOperatorNFT] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgIssueOperatorNFT) {
		to := testData.AnyAccount(reporter, simsx.SimAccountFilterFn(func(a simsx.SimAccount) bool {
			return nk.GetBalance(ctx, types.NFTClassID, a.Address) == 0
		}))
		if reporter.IsSkipped() {
			return nil, nil
		}
		return nil, &types.MsgIssueOperatorNFT{Authority: testData.ModuleAccountAddress(reporter, "gov"), Recipient: to.AddressBech32}
	}
}

// MsgRevokeOperatorNFTFactory proposes to burn a random operator NFT.
func MsgRevokeOperatorNFTFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgRevokeOperatorNFT] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRevokeOperatorNFT) {
		id, _ := randomNFT(ctx, k, nk, testData)
		if id == "" {
			reporter.Skip("no operator NFT")
			return nil, nil
		}
		return nil, &types.MsgRevokeOperatorNFT{Authority: testData.ModuleAccountAddress(reporter, "gov"), NftId: id, Reason: "simulation"}
	}
}

// MsgTransferOperatorNFTFactory proposes to move a random NFT to an account without one.
func MsgTransferOperatorNFTFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgTransferOperatorNFT] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgTransferOperatorNFT) {
		id, _ := randomNFT(ctx, k, nk, testData)
		if id == "" {
			reporter.Skip("no operator NFT")
			return nil, nil
		}
		to := testData.AnyAccount(reporter, simsx.SimAccountFilterFn(func(a simsx.SimAccount) bool {
			return nk.GetBalance(ctx, types.NFTClassID, a.Address) == 0
		}))
		if reporter.IsSkipped() {
			return nil, nil
		}
		return nil, &types.MsgTransferOperatorNFT{Authority: testData.ModuleAccountAddress(reporter, "gov"), NftId: id, NewOwner: to.AddressBech32}
	}
}

// MsgUpdateParamsFactory proposes new random params in the simulation's ranges.
func MsgUpdateParamsFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		cur, err := k.Params().Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		p := RandomParams(testData.Rand().Rand, cur.BondDenom)
		if p.MinStake.LT(minStakeFloor) {
			p.MinStake = minStakeFloor
		}
		return nil, &types.MsgUpdateParams{Authority: testData.ModuleAccountAddress(reporter, "gov"), Params: p}
	}
}
