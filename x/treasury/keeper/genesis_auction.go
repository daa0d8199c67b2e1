package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// importAuctions loads the open auction, the closed records and the id sequence.
func (k *Keeper) importAuctions(ctx context.Context, gs *types.GenesisState) error {
	next := max(gs.NextAuctionId, 1)
	for i, a := range gs.Auctions {
		if a.Id == 0 || a.Id >= next || a.Outcome == types.AUCTION_OUTCOME_OPEN {
			return types.ErrInvalidGenesis.Wrapf("auctions[%d]: id %d must be in [1, next_auction_id %d) and the auction closed", i, a.Id, next)
		}
		if err := k.AuctionState.Records.Set(ctx, a.Id, a); err != nil {
			return err
		}
	}
	if a := gs.Auction; a != nil {
		if a.Id == 0 || a.Id >= next || a.Outcome != types.AUCTION_OUTCOME_OPEN || !a.Lot.IsValid() {
			return types.ErrInvalidGenesis.Wrapf("auction: id %d must be in [1, next_auction_id %d), outcome OPEN and the lot valid", a.Id, next)
		}
		if !a.ScheduledEndTime.IsZero() && a.ScheduledEndTime.After(a.EndTime) {
			return types.ErrInvalidGenesis.Wrapf("auction: scheduled_end_time %s must not be after end_time %s", a.ScheduledEndTime, a.EndTime)
		}
		if err := validOpenBid(k, *a); err != nil {
			return err
		}
		if err := k.AuctionState.Open.Set(ctx, *a); err != nil {
			return err
		}
	}
	return k.AuctionState.Seq.Set(ctx, next)
}

// exportAuctions writes the open auction, the records and the next id into gs.
func (k *Keeper) exportAuctions(ctx context.Context, gs *types.GenesisState) error {
	a, open, err := k.OpenAuction(ctx)
	if err != nil {
		return err
	}
	if open {
		gs.Auction = &a
	}
	if err := k.AuctionState.Records.Walk(ctx, nil, func(_ uint64, a types.Auction) (bool, error) {
		gs.Auctions = append(gs.Auctions, a)
		return false, nil
	}); err != nil {
		return err
	}
	gs.NextAuctionId, err = k.AuctionState.Seq.Peek(ctx)
	return err
}

// validOpenBid checks the open auction's highest bid. Its denom is the
// auction's own (burn_denom when it opened), which may differ from the
// current burn_denom when governance changed it mid-auction.
func validOpenBid(k *Keeper, a types.Auction) error {
	bid := a.HighestBid
	if bid.Denom == "" && a.HighestBidder == "" {
		return nil
	}
	if err := sdk.ValidateDenom(bid.Denom); err != nil || bid.Amount.IsNil() || bid.IsNegative() {
		return types.ErrInvalidGenesis.Wrapf("auction: highest_bid %q must be a valid coin", bid)
	}
	if a.HighestBidder == "" {
		return nil
	}
	if _, err := k.ak.AddressCodec().StringToBytes(a.HighestBidder); err != nil || !bid.IsPositive() {
		return types.ErrInvalidGenesis.Wrapf("auction: highest bid %s by %q must be positive and from a valid address", bid, a.HighestBidder)
	}
	return nil
}
