package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// AuctionState is the burn auction part of the store.
type AuctionState struct {
	// Open is the auction taking bids; absent when none is open.
	Open collections.Item[types.Auction]
	// Records holds every closed auction by id.
	Records collections.Map[uint64, types.Auction]
	// Seq numbers the auctions from 1.
	Seq collections.Sequence
}

// newAuctionState registers the auction collections with the schema builder.
func newAuctionState(sb *collections.SchemaBuilder, cdc codec.Codec) AuctionState {
	return AuctionState{
		Open:    collections.NewItem(sb, types.AuctionKey, "auction", codec.CollValue[types.Auction](cdc)),
		Records: collections.NewMap(sb, types.AuctionRecordsKey, "auction_records", collections.Uint64Key, codec.CollValue[types.Auction](cdc)),
		Seq:     collections.NewSequence(sb, types.AuctionSeqKey, "auction_seq"),
	}
}

// OpenAuction returns the open auction and whether there is one.
func (k *Keeper) OpenAuction(ctx context.Context) (types.Auction, bool, error) {
	a, err := k.AuctionState.Open.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Auction{}, false, nil
	}
	return a, err == nil, err
}

// Bid places a bid in the open auction's denom (burn_denom when it opened): it must reach
// MinNextBid; the bid is escrowed and the outbid bidder refunded in the same
// transaction. A bid within auction_extension of the end moves the end to
// its block time + auction_extension (soft close, SPEC 13).
func (m msgServer) Bid(ctx context.Context, msg *types.MsgBid) (*types.MsgBidResponse, error) {
	k := m.k
	bidder, err := k.ak.AddressCodec().StringToBytes(msg.Bidder)
	if err != nil {
		return nil, types.ErrInvalidRecipient.Wrapf("bidder %q: %v", msg.Bidder, err)
	}
	if canonical, err := k.ak.AddressCodec().BytesToString(bidder); err == nil && canonical != msg.Bidder {
		m := *msg // stored as the canonical string (SPEC 2)
		m.Bidder = canonical
		msg = &m
	}
	if err := validCoin("bid", msg.Amount); err != nil {
		return nil, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	a, open, err := k.OpenAuction(ctx)
	if err != nil {
		return nil, err
	}
	if !open {
		return nil, types.ErrNoAuction.Wrapf("auction_period is %s; an auction opens in the first block after it is set above 0", params.AuctionPeriod)
	}
	if denom := a.BidDenom(params.BurnDenom); msg.Amount.Denom != denom {
		return nil, types.ErrInvalidDenom.Wrapf("bid denom %s is not auction %d's denom %s (burn_denom when it opened; a burn_denom change applies from the next auction)",
			msg.Amount.Denom, a.Id, denom)
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if !now.Before(a.EndTime) {
		return nil, types.ErrAuctionEnded.Wrapf("auction %d ended at %s; the next one opens in the first block at or after it", a.Id, a.EndTime.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if a.Lot.IsZero() {
		return nil, types.ErrEmptyLot.Wrapf("auction %d sells nothing (BUYBACK_BURN held nothing when it opened); bids wait for the next one at %s", a.Id, a.EndTime.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if minBid := types.MinNextBid(a.HighestBid.Amount, params.MinBidIncrementBps); msg.Amount.Amount.LT(minBid) {
		return nil, types.ErrBidTooLow.Wrapf("bid %s is below the minimum %s%s (highest %s raised by min_bid_increment_bps %d)",
			msg.Amount, minBid, msg.Amount.Denom, a.HighestBid, params.MinBidIncrementBps)
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, bidder, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	ev := &types.EventBid{AuctionId: a.Id, Bidder: msg.Bidder, Amount: msg.Amount.String()}
	if a.HighestBidder != "" {
		if err := k.refundBid(ctx, a.HighestBidder, a.HighestBid); err != nil {
			return nil, err
		}
		ev.RefundedBidder, ev.Refunded = a.HighestBidder, a.HighestBid.String()
	}
	a.HighestBidder, a.HighestBid, a.Bids = msg.Bidder, msg.Amount, a.Bids+1
	prevEnd := a.EndTime
	var extended bool
	if a.EndTime, extended = types.SoftCloseEnd(a.EndTime, now, params.AuctionExtension); extended {
		a.Extensions++
	}
	if err := k.AuctionState.Open.Set(ctx, a); err != nil {
		return nil, err
	}
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	if err := em.EmitTypedEvent(ev); err != nil {
		return nil, err
	}
	if extended {
		if err := em.EmitTypedEvent(&types.EventAuctionExtended{AuctionId: a.Id, Bidder: msg.Bidder, PreviousEndTime: prevEnd, EndTime: a.EndTime}); err != nil {
			return nil, err
		}
	}
	return &types.MsgBidResponse{AuctionId: a.Id}, nil
}

// refundBid pays an escrowed bid back to its bidder. If the send fails (the
// address cannot receive), the coins are credited to BUYBACK_BURN so they stay
// accounted, and the failure is logged; it never fails the caller.
func (k *Keeper) refundBid(ctx context.Context, bidderStr string, bid sdk.Coin) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	bidder, err := k.ak.AddressCodec().StringToBytes(bidderStr)
	if err == nil {
		cacheCtx, write := sdkCtx.CacheContext()
		if err = k.bk.SendCoinsFromModuleToAccount(cacheCtx, types.ModuleName, bidder, sdk.NewCoins(bid)); err == nil {
			write()
			return nil
		}
	}
	sdkCtx.Logger().Error("bid refund failed; the bid is kept in BUYBACK_BURN", "bidder", bidderStr, "bid", bid.String(), "err", err)
	return k.addToBucket(ctx, types.BUCKET_BUYBACK_BURN, bid.Denom, bid.Amount)
}
