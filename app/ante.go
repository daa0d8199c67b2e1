package app

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	"github.com/cosmos/cosmos-sdk/x/authz"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// setAnteHandler installs the SDK ante chain, preceded by the canonical-address
// check (every address field of every message, nested ones included) and the
// operator-NFT guard.
func (app *XmtpApp) setAnteHandler(txConfig client.TxConfig) {
	sdkAnte, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		FeegrantKeeper:  app.FeeGrantKeeper,
		SignModeHandler: txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		panic(err)
	}
	guard := OperatorNFTGuard{}
	canonical := NewCanonicalAddresses()
	ibcAnte := app.ibcAnteHandler() // ibcante.RedundantRelayDecorator, after the signature checks
	app.SetAnteHandler(func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		if err := canonical.CheckMsgs(tx.GetMsgs()); err != nil {
			return ctx, err
		}
		if err := guard.Check(tx.GetMsgs()); err != nil {
			return ctx, err
		}
		ctx, err := sdkAnte(ctx, tx, simulate)
		if err != nil || ibcAnte == nil {
			return ctx, err
		}
		return ibcAnte(ctx, tx, simulate)
	})
}

// OperatorNFTGuard rejects x/nft MsgSend of Node Operator NFTs: holders cannot
// transfer them; only the authority can, with MsgTransferOperatorNFT. Messages
// nested in authz MsgExec are checked too.
type OperatorNFTGuard struct{}

// Check returns an error when any message would move an operator NFT.
func (g OperatorNFTGuard) Check(msgs []sdk.Msg) error {
	for _, msg := range msgs {
		switch m := msg.(type) {
		case *nft.MsgSend:
			if m.ClassId == nstypes.NFTClassID {
				return errorsmod.Wrapf(sdkerrors.ErrUnauthorized,
					"node operator NFT %s is non-transferable: class %s can only be moved by the authority with MsgTransferOperatorNFT",
					m.Id, nstypes.NFTClassID)
			}
		case *authz.MsgExec:
			inner, err := m.GetMessages()
			if err != nil {
				return err
			}
			if err := g.Check(inner); err != nil {
				return err
			}
		}
	}
	return nil
}
