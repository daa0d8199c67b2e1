package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// MsgAcceptSignerFactory has a named key accept its nomination: it picks an
// operator with a pending signer that is a simulation account and still may
// be named (the chain refuses the others).
func MsgAcceptSignerFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgAcceptSigner] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAcceptSigner) {
		var pending []types.Operator
		err := k.Operators().Walk(ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
			if op.PendingSigner != "" && testData.HasAccount(op.PendingSigner) {
				pending = append(pending, op)
			}
			return false, nil
		})
		if err != nil || len(pending) == 0 {
			reporter.Skip("no operator with a pending signer")
			return nil, nil
		}
		op := pending[testData.Rand().Intn(len(pending))]
		key, err := sdk.AccAddressFromBech32(op.PendingSigner)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		if has, err := k.Operators().Has(ctx, key); err != nil || has || nk.GetBalance(ctx, types.NFTClassID, key) > 0 ||
			signerOfOther(ctx, k, op.PendingSigner, op.Owner) {
			reporter.Skip("pending signer can no longer be named")
			return nil, nil
		}
		from := testData.GetAccount(reporter, op.PendingSigner)
		return []simsx.SimAccount{from}, &types.MsgAcceptSigner{Signer: op.PendingSigner, Owner: op.Owner}
	}
}
