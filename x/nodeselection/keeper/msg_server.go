package keeper

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/nodeselection Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer {
	return msgServer{k: k}
}

// UpdateParams replaces the parameters; they take effect at the next boundary.
func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), s.k.authority, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := s.k.checkParamsChange(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := s.k.SetParams(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, events.Emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}

// IssueOperatorNFT mints op-N to the recipient; an address holds at most one.
func (s msgServer) IssueOperatorNFT(ctx context.Context, msg *types.MsgIssueOperatorNFT) (*types.MsgIssueOperatorNFTResponse, error) {
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), s.k.authority, msg.Authority); err != nil {
		return nil, err
	}
	recipient, err := s.k.addr(msg.Recipient)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("recipient %q: %s", msg.Recipient, err)
	}
	if n := s.k.nk.GetBalance(ctx, types.NFTClassID, recipient); n > 0 {
		return nil, types.ErrAlreadyHoldsNFT.Wrapf("recipient %s already holds %d operator NFT(s); at most 1 allowed", msg.Recipient, n)
	}
	seq, err := s.k.NextNFTSeq(ctx)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprintf("%s%d", types.NFTIDPrefix, seq)
	if err := s.k.nk.Mint(ctx, nft.NFT{ClassId: types.NFTClassID, Id: id}, recipient); err != nil {
		return nil, err
	}
	return &types.MsgIssueOperatorNFTResponse{NftId: id}, events.Emit(ctx, &types.EventOperatorNFTIssued{NftId: id, Recipient: msg.Recipient})
}

// RevokeOperatorNFT burns an NFT; a registered holder starts leaving.
func (s msgServer) RevokeOperatorNFT(ctx context.Context, msg *types.MsgRevokeOperatorNFT) (*types.MsgRevokeOperatorNFTResponse, error) {
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), s.k.authority, msg.Authority); err != nil {
		return nil, err
	}
	if !s.k.nk.HasNFT(ctx, types.NFTClassID, msg.NftId) {
		return nil, types.ErrNFTNotFound.Wrapf("nft_id %q does not exist in class %s", msg.NftId, types.NFTClassID)
	}
	holder := s.k.nk.GetOwner(ctx, types.NFTClassID, msg.NftId)
	op, err := s.k.Operators().Get(ctx, holder)
	registered := err == nil && op.NftId == msg.NftId && op.Status != types.OPERATOR_STATUS_LEAVING
	if err := s.k.nk.Burn(ctx, types.NFTClassID, msg.NftId); err != nil {
		return nil, err
	}
	if registered {
		if _, err := s.k.leave(ctx, op, "nft revoked: "+msg.Reason); err != nil {
			return nil, err
		}
	}
	ev := &types.EventOperatorNFTRevoked{NftId: msg.NftId, Holder: s.k.addrString(holder), Reason: msg.Reason}
	return &types.MsgRevokeOperatorNFTResponse{}, events.Emit(ctx, ev)
}

// TransferOperatorNFT moves an NFT whose holder has no operator record.
func (s msgServer) TransferOperatorNFT(ctx context.Context, msg *types.MsgTransferOperatorNFT) (*types.MsgTransferOperatorNFTResponse, error) {
	m := *msg
	s.k.canonicalize(&m.NewOwner)
	msg = &m
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), s.k.authority, msg.Authority); err != nil {
		return nil, err
	}
	to, err := s.k.addr(msg.NewOwner)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("new_owner %q: %s", msg.NewOwner, err)
	}
	if !s.k.nk.HasNFT(ctx, types.NFTClassID, msg.NftId) {
		return nil, types.ErrNFTNotFound.Wrapf("nft_id %q does not exist in class %s", msg.NftId, types.NFTClassID)
	}
	holder := s.k.nk.GetOwner(ctx, types.NFTClassID, msg.NftId)
	if op, err := s.k.Operators().Get(ctx, holder); err == nil {
		return nil, types.ErrHolderRegistered.Wrapf("holder %s of %s is registered (status %s); it must deregister and be paid back first", op.Owner, msg.NftId, op.Status)
	}
	if n := s.k.nk.GetBalance(ctx, types.NFTClassID, to); n > 0 {
		return nil, types.ErrAlreadyHoldsNFT.Wrapf("new_owner %s already holds %d operator NFT(s); at most 1 allowed", msg.NewOwner, n)
	}
	if err := s.k.nk.Transfer(ctx, types.NFTClassID, msg.NftId, to); err != nil {
		return nil, err
	}
	ev := &types.EventOperatorNFTTransferred{NftId: msg.NftId, From: s.k.addrString(holder), To: msg.NewOwner}
	return &types.MsgTransferOperatorNFTResponse{}, events.Emit(ctx, ev)
}

// checkParamsChange rejects changes that cannot work with the chain's state:
// a new bond_denom while the escrow still holds bonds in the old one, and a
// cycle_duration longer than x/rewards' payout_period.
func (k *Keeper) checkParamsChange(ctx context.Context, p types.Params) error {
	old, err := k.Params().Get(ctx)
	if err != nil {
		return err
	}
	if p.BondDenom != old.BondDenom {
		held := k.bk.GetBalance(ctx, k.ak.GetModuleAddress(types.ModuleName), old.BondDenom)
		if held.IsPositive() {
			return types.ErrInvalidParams.Wrapf("bond_denom cannot change from %s to %s while the escrow holds %s of bonds",
				old.BondDenom, p.BondDenom, held)
		}
	}
	if k.hooks != nil {
		period, err := k.hooks.PayoutPeriod(ctx)
		if err != nil {
			return err
		}
		if p.CycleDuration > period {
			return types.ErrInvalidParams.Wrapf("cycle_duration %s must be at most the x/rewards payout_period %s",
				p.CycleDuration, period)
		}
	}
	return nil
}
