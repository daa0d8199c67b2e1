package keeper

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// runAuctions closes the open auction in the first block at or after its
// end, then opens the next one when auction_period is above 0, aligned to
// the closed one's scheduled end (extensions do not shift the schedule). A
// block in the middle of an auction costs one read.
func (k *Keeper) runAuctions(ctx context.Context, params types.Params, now time.Time) error {
	a, open, err := k.OpenAuction(ctx)
	if err != nil {
		return err
	}
	if open && now.Before(a.EndTime) {
		return nil
	}
	if open {
		if err := k.closeAuction(ctx, a); err != nil {
			return err
		}
	}
	if params.AuctionPeriod <= 0 {
		return nil
	}
	return k.openAuction(ctx, params, a.ScheduledEnd(), open, now)
}

// openAuction moves BUYBACK_BURN's holdings other than burn_denom into a new
// auction's lot.
func (k *Keeper) openAuction(ctx context.Context, params types.Params, prevEnd time.Time, hasPrev bool, now time.Time) error {
	holdings, err := k.BucketCoins(ctx, types.BUCKET_BUYBACK_BURN)
	if err != nil {
		return err
	}
	lot := types.LotOf(holdings, params.BurnDenom)
	for _, c := range lot {
		if err := k.subFromBucket(ctx, types.BUCKET_BUYBACK_BURN, c.Denom, c.Amount); err != nil {
			return err
		}
	}
	id, err := k.AuctionState.Seq.Next(ctx)
	if err != nil {
		return err
	}
	start, end := types.AuctionWindow(prevEnd, hasPrev, params.AuctionPeriod, now)
	a := types.Auction{Id: id, Lot: lot, StartTime: start, EndTime: end, ScheduledEndTime: end,
		HighestBid: sdk.NewCoin(params.BurnDenom, math.ZeroInt()), Burned: sdk.NewCoin(params.BurnDenom, math.ZeroInt())}
	if err := k.AuctionState.Open.Set(ctx, a); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventAuctionOpened{AuctionId: id, Lot: coinsString(lot), EndTime: end})
}

// closeAuction settles an ended auction. With a bid: the bid is burned and
// the lot sent to the winner, atomically; if that fails, the lot goes back to
// BUYBACK_BURN and the bid is refunded (or kept in BUYBACK_BURN if the refund
// fails too). Without a bid the lot goes back to BUYBACK_BURN. Never halts.
func (k *Keeper) closeAuction(ctx context.Context, a types.Auction) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	a.ClosedHeight = sdkCtx.BlockHeight()
	a.Outcome = types.AUCTION_OUTCOME_NO_BID
	if a.HighestBidder != "" {
		a.Outcome = types.AUCTION_OUTCOME_SOLD
		if err := k.sell(ctx, a); err != nil {
			a.Outcome, a.Failure = types.AUCTION_OUTCOME_SEND_FAILED, err.Error()
			sdkCtx.Logger().Error("burn auction settlement failed; lot back to BUYBACK_BURN", "auction", a.Id, "err", err)
			if err := k.refundBid(ctx, a.HighestBidder, a.HighestBid); err != nil {
				return err
			}
		} else {
			a.Burned = a.HighestBid
		}
	}
	if a.Outcome != types.AUCTION_OUTCOME_SOLD {
		for _, c := range a.Lot {
			if err := k.addToBucket(ctx, types.BUCKET_BUYBACK_BURN, c.Denom, c.Amount); err != nil {
				return err
			}
		}
	}
	if err := k.AuctionState.Records.Set(ctx, a.Id, a); err != nil {
		return err
	}
	if err := k.AuctionState.Open.Remove(ctx); err != nil {
		return err
	}
	return sdkCtx.EventManager().EmitTypedEvent(&types.EventAuctionClosed{AuctionId: a.Id, Outcome: a.Outcome,
		Winner: a.HighestBidder, Lot: coinsString(a.Lot), Burned: a.Burned.String(), Reason: a.Failure})
}

// sell burns the winning bid and sends the lot to the winner in a cache
// context: both happen or neither.
func (k *Keeper) sell(ctx context.Context, a types.Auction) error {
	winner, err := k.ak.AddressCodec().StringToBytes(a.HighestBidder)
	if err != nil {
		return err
	}
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := k.bk.BurnCoins(cacheCtx, types.ModuleName, sdk.NewCoins(a.HighestBid)); err != nil {
		return err
	}
	if err := k.bk.SendCoinsFromModuleToAccount(cacheCtx, types.ModuleName, winner, a.Lot); err != nil {
		return err
	}
	write()
	return nil
}
