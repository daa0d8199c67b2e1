package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// IBCFundingPacket is what the funding middleware (x/rewards/ibc) knows about
// an ICS-20 packet whose memo asks to fund the pool.
type IBCFundingPacket struct {
	SourceChain   string
	SourceClient  string
	Sender        string
	SourcePort    string
	SourceChannel string
	Channel       string
	Sequence      uint64
	// Amount is the coin as it is credited on this chain (ibc/<hash> or a native denom coming home).
	Amount sdk.Coin
}

// CheckIBCFunding tells whether the packet may fund the pool: its channel is in
// funding_channels and its coin is reward_denom with a positive amount.
func (k *Keeper) CheckIBCFunding(ctx context.Context, p IBCFundingPacket) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if !params.HasFundingChannel(p.Channel) {
		return types.ErrFundingChannel.Wrapf("channel %s is not in funding_channels %v; only those channels fund the reward pool",
			p.Channel, params.FundingChannels)
	}
	if p.Amount.Denom != params.RewardDenom {
		return types.ErrInvalidDenom.Wrapf("denom %s (arriving over %s) is not the reward denom %s; only %s funds the reward pool",
			p.Amount.Denom, p.Channel, params.RewardDenom, params.RewardDenom)
	}
	if p.Amount.Amount.IsNil() || !p.Amount.Amount.IsPositive() {
		return types.ErrInvalidAmount.Wrapf("amount %s must be positive", p.Amount)
	}
	return nil
}

// FundPoolFromIBC moves a received funding packet's coins from the account the
// transfer app credited (from) into the unassigned pool, records the payer and
// emits EventPoolFunded. It returns the record id. The caller runs it in the
// packet's cached context, so an error leaves nothing behind.
func (k *Keeper) FundPoolFromIBC(ctx context.Context, from sdk.AccAddress, p IBCFundingPacket) (uint64, error) {
	if err := k.CheckIBCFunding(ctx, p); err != nil {
		return 0, err
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, from, types.ModuleName, sdk.NewCoins(p.Amount)); err != nil {
		return 0, err
	}
	if err := k.addUnassigned(ctx, p.Amount.Amount); err != nil {
		return 0, err
	}
	id, err := k.IBCFundingSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	rec := types.IBCFunding{
		Id: id, Time: sdkCtx.BlockTime(), Height: sdkCtx.BlockHeight(),
		SourceChain: p.SourceChain, SourceClient: p.SourceClient, Sender: p.Sender,
		SourcePort: p.SourcePort, SourceChannel: p.SourceChannel, Channel: p.Channel,
		Sequence: p.Sequence, Amount: p.Amount,
	}
	if err := k.IBCFundings.Set(ctx, id, rec); err != nil {
		return 0, err
	}
	return id, events.Emit(ctx, &types.EventPoolFunded{
		Sender: p.Sender, Amount: p.Amount.String(), SourceChain: p.SourceChain, SourceClient: p.SourceClient,
		Channel: p.Channel, Sequence: p.Sequence, SourceChannel: p.SourceChannel, FundingId: id,
	})
}

// pruneIBCFundings deletes funding records older than retention, oldest first,
// at most budget of them; it returns how many it deleted.
func (k *Keeper) pruneIBCFundings(ctx context.Context, now time.Time, retention time.Duration, budget int) (int, error) {
	if budget <= 0 {
		return 0, nil
	}
	iter, err := k.IBCFundings.Iterate(ctx, nil)
	if err != nil {
		return 0, err
	}
	var ids []uint64
	for ; iter.Valid() && len(ids) < budget; iter.Next() {
		rec, err := iter.Value()
		if err != nil {
			iter.Close()
			return 0, err
		}
		if rec.Time.Add(retention).After(now) {
			break
		}
		ids = append(ids, rec.Id)
	}
	iter.Close()
	for _, id := range ids {
		if err := k.IBCFundings.Remove(ctx, id); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// initIBCFundings loads the funding records and their sequence from genesis.
func (k *Keeper) initIBCFundings(ctx context.Context, gs *types.GenesisState) error {
	for _, r := range gs.IbcFundings {
		if err := k.IBCFundings.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	return k.IBCFundingSeq.Set(ctx, gs.NextIbcFundingId)
}

// exportIBCFundings dumps the funding records and their sequence.
func (k *Keeper) exportIBCFundings(ctx context.Context, gs *types.GenesisState) error {
	next, err := k.IBCFundingSeq.Peek(ctx)
	if err != nil {
		return err
	}
	gs.NextIbcFundingId = next
	return k.IBCFundings.Walk(ctx, nil, func(_ uint64, r types.IBCFunding) (bool, error) {
		gs.IbcFundings = append(gs.IbcFundings, r)
		return false, nil
	})
}
