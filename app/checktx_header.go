package app

import (
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// withCommittedHeader wraps the ante handler so that CheckTx (and
// simulation) on a node that has just restarted sees the height and time of
// the last block it committed.
//
// BaseApp sets the CheckTx context only at InitChain and at every Commit;
// when a node starts from its stored state it sets it with an empty header
// (height 0) until the first block after the restart is committed. The SDK's
// signature check treats height 0 as genesis and verifies every signature
// against account number 0, so the first transactions sent to a restarted
// node were refused ("signature verification failed; please verify account
// number (0) …") until it committed a block — for as long as the network had
// no quorum, or a restarted validator was still catching up.
func (app *XmtpApp) withCommittedHeader(next sdk.AnteHandler) sdk.AnteHandler {
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		if ctx.IsCheckTx() && ctx.BlockHeight() == 0 {
			ctx = app.committedHeader(ctx)
		}
		return next(ctx, tx, simulate)
	}
}

// committedHeader sets the height of the last committed block and, from the
// store's commit info, its time. Before the first block (nothing committed)
// the context is left as it is: the genesis rules apply.
func (app *XmtpApp) committedHeader(ctx sdk.Context) sdk.Context {
	h := app.LastBlockHeight()
	if h <= 0 {
		return ctx
	}
	header, info := ctx.BlockHeader(), ctx.HeaderInfo()
	header.Height, info.Height = h, h
	type commitInfos interface {
		GetCommitInfo(int64) (*storetypes.CommitInfo, error)
	}
	if cms, ok := app.CommitMultiStore().(commitInfos); ok {
		if ci, err := cms.GetCommitInfo(h); err == nil {
			header.Time, info.Time = ci.Timestamp, ci.Timestamp
		}
	}
	return ctx.WithBlockHeader(header).WithHeaderInfo(info)
}
