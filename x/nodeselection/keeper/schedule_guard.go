package keeper

import (
	"context"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// scheduleGuard wraps the Msg service: every successful message that can
// change the rotation (operators, queue, NFTs, params, penalties) removes the
// schedule stored at the last boundary, so Query/Schedule recomputes it.
// Attestations pass through: they change nothing until settlement.
type scheduleGuard struct {
	types.MsgServer
	k *Keeper
}

// dropOnSuccess removes the stored schedule when the message succeeded.
func (g scheduleGuard) dropOnSuccess(ctx context.Context, err error) error {
	if err != nil {
		return err
	}
	return g.k.dropSchedule(ctx)
}

// IssueOperatorNFT drops the stored schedule after a successful IssueOperatorNFT.
func (g scheduleGuard) IssueOperatorNFT(ctx context.Context, msg *types.MsgIssueOperatorNFT) (*types.MsgIssueOperatorNFTResponse, error) {
	res, err := g.MsgServer.IssueOperatorNFT(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// RevokeOperatorNFT drops the stored schedule after a successful RevokeOperatorNFT.
func (g scheduleGuard) RevokeOperatorNFT(ctx context.Context, msg *types.MsgRevokeOperatorNFT) (*types.MsgRevokeOperatorNFTResponse, error) {
	res, err := g.MsgServer.RevokeOperatorNFT(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// TransferOperatorNFT drops the stored schedule after a successful TransferOperatorNFT.
func (g scheduleGuard) TransferOperatorNFT(ctx context.Context, msg *types.MsgTransferOperatorNFT) (*types.MsgTransferOperatorNFTResponse, error) {
	res, err := g.MsgServer.TransferOperatorNFT(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// RegisterOperator drops the stored schedule after a successful RegisterOperator.
func (g scheduleGuard) RegisterOperator(ctx context.Context, msg *types.MsgRegisterOperator) (*types.MsgRegisterOperatorResponse, error) {
	res, err := g.MsgServer.RegisterOperator(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// UpdateOperator drops the stored schedule after a successful UpdateOperator.
func (g scheduleGuard) UpdateOperator(ctx context.Context, msg *types.MsgUpdateOperator) (*types.MsgUpdateOperatorResponse, error) {
	res, err := g.MsgServer.UpdateOperator(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// AddStake drops the stored schedule after a successful AddStake.
func (g scheduleGuard) AddStake(ctx context.Context, msg *types.MsgAddStake) (*types.MsgAddStakeResponse, error) {
	res, err := g.MsgServer.AddStake(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// DeregisterOperator drops the stored schedule after a successful DeregisterOperator.
func (g scheduleGuard) DeregisterOperator(ctx context.Context, msg *types.MsgDeregisterOperator) (*types.MsgDeregisterOperatorResponse, error) {
	res, err := g.MsgServer.DeregisterOperator(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// UpdateParams drops the stored schedule after a successful UpdateParams.
func (g scheduleGuard) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	res, err := g.MsgServer.UpdateParams(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// RecordViolation drops the stored schedule after a successful RecordViolation.
func (g scheduleGuard) RecordViolation(ctx context.Context, msg *types.MsgRecordViolation) (*types.MsgRecordViolationResponse, error) {
	res, err := g.MsgServer.RecordViolation(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// ExcuseViolation drops the stored schedule after a successful ExcuseViolation.
func (g scheduleGuard) ExcuseViolation(ctx context.Context, msg *types.MsgExcuseViolation) (*types.MsgExcuseViolationResponse, error) {
	res, err := g.MsgServer.ExcuseViolation(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}

// Unjail drops the stored schedule after a successful Unjail.
func (g scheduleGuard) Unjail(ctx context.Context, msg *types.MsgUnjail) (*types.MsgUnjailResponse, error) {
	res, err := g.MsgServer.Unjail(ctx, msg)
	return res, g.dropOnSuccess(ctx, err)
}
