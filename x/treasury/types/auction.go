package types

import (
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultAuctionPeriod is the length of a burn auction: 7 days.
const DefaultAuctionPeriod = 7 * 24 * time.Hour

// DefaultMinBidIncrementBps is the minimum raise over the highest bid: 1%.
const DefaultMinBidIncrementBps = 100

// DefaultAuctionExtension is the soft close window: 10 minutes.
const DefaultAuctionExtension = 10 * time.Minute

// validateAuction checks the burn auction params: auction_period and
// auction_extension are 0 (off) or at least 1s; min_bid_increment_bps is at
// most 10000.
func (p Params) validateAuction() error {
	if p.AuctionPeriod < 0 || (p.AuctionPeriod > 0 && p.AuctionPeriod < time.Second) {
		return ErrInvalidParams.Wrapf("auction_period %s must be 0 (auctions off) or at least 1s", p.AuctionPeriod)
	}
	if p.MinBidIncrementBps > BpsDenominator {
		return ErrInvalidParams.Wrapf("min_bid_increment_bps %d must be <= %d", p.MinBidIncrementBps, BpsDenominator)
	}
	if p.AuctionExtension < 0 || (p.AuctionExtension > 0 && p.AuctionExtension < time.Second) {
		return ErrInvalidParams.Wrapf("auction_extension %s must be 0 (soft close off) or at least 1s", p.AuctionExtension)
	}
	return nil
}

// SoftCloseEnd is the end of an auction ending at end after a bid at
// bidTime (before end): bidTime + extension when that is later than end (the
// bid came within extension of the end), else end. extension 0 is off.
func SoftCloseEnd(end, bidTime time.Time, extension time.Duration) (time.Time, bool) {
	if extension <= 0 {
		return end, false
	}
	if moved := bidTime.Add(extension); moved.After(end) {
		return moved, true
	}
	return end, false
}

// ScheduledEnd is the auction's end before any soft-close extension, which the
// next auction is aligned to (end_time for an auction that predates the field).
func (a Auction) ScheduledEnd() time.Time {
	if a.ScheduledEndTime.IsZero() {
		return a.EndTime
	}
	return a.ScheduledEndTime
}

// MinNextBid is the smallest bid an auction accepts after highest:
// 1 without a bid, else max(highest + 1, ceil(highest * (10000 + bps) / 10000)).
func MinNextBid(highest math.Int, bps uint32) math.Int {
	if highest.IsNil() || !highest.IsPositive() {
		return math.OneInt()
	}
	num := highest.MulRaw(int64(BpsDenominator + bps))
	raised := num.AddRaw(BpsDenominator - 1).QuoRaw(BpsDenominator)
	return math.MaxInt(raised, highest.AddRaw(1))
}

// LotOf is what an auction sells out of the BUYBACK_BURN holdings: every coin
// except burn_denom (in practice reward_denom; burn_denom held there is
// burned with MsgBurnHoldings, not sold for itself).
func LotOf(holdings sdk.Coins, burnDenom string) sdk.Coins {
	lot := sdk.NewCoins()
	for _, c := range holdings {
		if c.Denom != burnDenom && c.IsPositive() {
			lot = lot.Add(c)
		}
	}
	return lot
}

// AuctionWindow returns the start and end of the auction that opens at now:
// after a previous auction it is aligned to that auction's end, skipping the
// periods that passed during a halt (the end is always after now); without
// one it starts at now.
func AuctionWindow(prevEnd time.Time, hasPrev bool, period time.Duration, now time.Time) (time.Time, time.Time) {
	if !hasPrev || now.Before(prevEnd) {
		return now, now.Add(period)
	}
	skipped := now.Sub(prevEnd) / period
	start := prevEnd.Add(skipped * period)
	return start, start.Add(period)
}

// BidDenom is the denom the auction takes bids in: burn_denom when it opened
// (kept in highest_bid, even before the first bid), so a burn_denom change
// applies from the next auction. fallback is for an auction without one.
func (a Auction) BidDenom(fallback string) string {
	if a.HighestBid.Denom != "" {
		return a.HighestBid.Denom
	}
	return fallback
}

// Holdings is what the auction holds outside the buckets: its lot and the
// escrowed highest bid.
func (a Auction) Holdings() sdk.Coins {
	h := sdk.NewCoins(a.Lot...)
	if a.HighestBid.Denom != "" && a.HighestBid.IsPositive() {
		h = h.Add(a.HighestBid)
	}
	return h
}
