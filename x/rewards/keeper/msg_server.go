package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/rewards Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// FundRewardPool moves reward_denom from the sender into the unassigned pool.
func (s msgServer) FundRewardPool(ctx context.Context, msg *types.MsgFundRewardPool) (*types.MsgFundRewardPoolResponse, error) {
	sender, err := sdk.AccAddressFromBech32(msg.Sender)
	if err != nil {
		return nil, types.ErrInvalidAmount.Wrapf("sender %q is not a valid address: %s", msg.Sender, err)
	}
	params, err := s.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if msg.Amount.Denom != params.RewardDenom {
		return nil, types.ErrInvalidDenom.Wrapf("denom %q is not the reward denom %s; only %s funds the reward pool",
			msg.Amount.Denom, params.RewardDenom, params.RewardDenom)
	}
	if msg.Amount.Amount.IsNil() || !msg.Amount.Amount.IsPositive() {
		return nil, types.ErrInvalidAmount.Wrapf("amount %s must be positive", msg.Amount)
	}
	if err := s.k.bk.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	if err := s.k.addUnassigned(ctx, msg.Amount.Amount); err != nil {
		return nil, err
	}
	return &types.MsgFundRewardPoolResponse{}, events.Emit(ctx, &types.EventPoolFunded{Sender: msg.Sender, Amount: msg.Amount.String()})
}

// UpdateParams replaces the params after the authority check, Validate and
// the cross-module checks (payout_period >= cycle_duration, reward_denom has
// bank metadata, and the reward denom only changes when the module holds none of the old one).
func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), s.k.authority, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	nsParams, err := s.k.nsk.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	if err := msg.Params.ValidateAgainstCycle(nsParams.CycleDuration); err != nil {
		return nil, err
	}
	if _, ok := s.k.bk.GetDenomMetaData(ctx, msg.Params.RewardDenom); !ok && !types.IsIBCDenom(msg.Params.RewardDenom) {
		return nil, types.ErrInvalidParams.Wrapf("reward_denom %s has no bank metadata and is not an IBC denom (ibc/<hash>); register the denom first", msg.Params.RewardDenom)
	}
	old, err := s.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if old.RewardDenom != msg.Params.RewardDenom {
		held := s.k.bk.GetBalance(ctx, s.k.ak.GetModuleAddress(types.ModuleName), old.RewardDenom)
		if !held.IsZero() {
			return nil, types.ErrInvalidParams.Wrapf("reward_denom can change only when the module holds no %s; it holds %s", old.RewardDenom, held)
		}
	}
	if err := s.k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, events.Emit(ctx, &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params})
}
