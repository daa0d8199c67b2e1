package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/treasury Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

func validCoin(what string, c sdk.Coin) error {
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return types.ErrInvalidAmount.Wrapf("%s denom %q: %v", what, c.Denom, err)
	}
	if c.Amount.IsNil() || !c.Amount.IsPositive() {
		return types.ErrInvalidAmount.Wrapf("%s %s must be positive", what, c)
	}
	return nil
}

// Spend sends coins from a bucket to a recipient; authority only.
func (m msgServer) Spend(ctx context.Context, msg *types.MsgSpend) (*types.MsgSpendResponse, error) {
	k := m.k
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), k.authority, msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateBucket(msg.Bucket); err != nil {
		return nil, err
	}
	if err := validCoin("amount", msg.Amount); err != nil {
		return nil, err
	}
	recipient, err := k.ak.AddressCodec().StringToBytes(msg.Recipient)
	if err != nil {
		return nil, types.ErrInvalidRecipient.Wrapf("recipient %q: %v", msg.Recipient, err)
	}
	if canonical, err := k.ak.AddressCodec().BytesToString(recipient); err == nil && canonical != msg.Recipient {
		m := *msg // recorded as the canonical string (SPEC 2)
		m.Recipient = canonical
		msg = &m
	}
	if k.bk.BlockedAddr(recipient) {
		return nil, types.ErrInvalidRecipient.Wrapf("recipient %s is a blocked address and cannot receive funds", msg.Recipient)
	}
	if err := k.subFromBucket(ctx, msg.Bucket, msg.Amount.Denom, msg.Amount.Amount); err != nil {
		return nil, err
	}
	if err := k.bk.SendCoinsFromModuleToAccount(ctx, types.ModuleName, recipient, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	id, err := k.recordSpend(ctx, types.Spend{
		Kind: types.SPEND_KIND_AUTHORITY, Bucket: msg.Bucket, Recipient: msg.Recipient,
		Amount: msg.Amount, Initiator: msg.Authority,
	})
	if err != nil {
		return nil, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventSpend{
		SpendId: id, Bucket: msg.Bucket, Recipient: msg.Recipient, Amount: msg.Amount,
	})
	return &types.MsgSpendResponse{SpendId: id}, err
}

// BurnHoldings burns burn_denom held in BUYBACK_BURN; anyone may ask.
func (m msgServer) BurnHoldings(ctx context.Context, msg *types.MsgBurnHoldings) (*types.MsgBurnHoldingsResponse, error) {
	k := m.k
	if _, err := k.ak.AddressCodec().StringToBytes(msg.Sender); err != nil {
		return nil, types.ErrInvalidRecipient.Wrapf("sender %q: %v", msg.Sender, err)
	}
	if err := validCoin("burn amount", msg.Amount); err != nil {
		return nil, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if msg.Amount.Denom != params.BurnDenom {
		return nil, types.ErrInvalidDenom.Wrapf("burn denom %s is not burn_denom %s", msg.Amount.Denom, params.BurnDenom)
	}
	if err := k.subFromBucket(ctx, types.BUCKET_BUYBACK_BURN, msg.Amount.Denom, msg.Amount.Amount); err != nil {
		return nil, err
	}
	if err := k.bk.BurnCoins(ctx, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	id, err := k.recordSpend(ctx, types.Spend{
		Kind: types.SPEND_KIND_BURN, Bucket: types.BUCKET_BUYBACK_BURN, Amount: msg.Amount, Initiator: msg.Sender,
	})
	if err != nil {
		return nil, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventBurn{
		SpendId: id, Sender: msg.Sender, Amount: msg.Amount,
	})
	return &types.MsgBurnHoldingsResponse{SpendId: id}, err
}

// FundBucket moves the sender's coins into a bucket and records the inflow.
func (m msgServer) FundBucket(ctx context.Context, msg *types.MsgFundBucket) (*types.MsgFundBucketResponse, error) {
	k := m.k
	sender, err := k.ak.AddressCodec().StringToBytes(msg.Sender)
	if err != nil {
		return nil, types.ErrInvalidRecipient.Wrapf("sender %q: %v", msg.Sender, err)
	}
	if err := types.ValidateBucket(msg.Bucket); err != nil {
		return nil, err
	}
	if err := validCoin("amount", msg.Amount); err != nil {
		return nil, err
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, sender, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	if err := k.addToBucket(ctx, msg.Bucket, msg.Amount.Denom, msg.Amount.Amount); err != nil {
		return nil, err
	}
	split := types.Split{BuybackBurn: math.ZeroInt(), StakingRewards: math.ZeroInt(), Ecosystem: math.ZeroInt()}
	switch msg.Bucket {
	case types.BUCKET_BUYBACK_BURN:
		split.BuybackBurn = msg.Amount.Amount
	case types.BUCKET_STAKING_REWARDS:
		split.StakingRewards = msg.Amount.Amount
	default:
		split.Ecosystem = msg.Amount.Amount
	}
	inflow, err := k.recordInflow(ctx, types.Inflow{
		Source: msg.Sender, Denom: msg.Amount.Denom, Total: msg.Amount.Amount, Split: split,
	})
	if err != nil {
		return nil, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventBucketFunded{
		InflowId: inflow.Id, Sender: msg.Sender, Bucket: msg.Bucket, Amount: msg.Amount,
	})
	return &types.MsgFundBucketResponse{InflowId: inflow.Id}, err
}

// UpdateParams replaces the params; authority only.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	k := m.k
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), k.authority, msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{Params: msg.Params})
	return &types.MsgUpdateParamsResponse{}, err
}
