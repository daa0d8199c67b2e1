package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Auction returns the open burn auction and the smallest bid it accepts.
func (q queryServer) Auction(ctx context.Context, _ *types.QueryAuctionRequest) (*types.QueryAuctionResponse, error) {
	params, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	a, open, err := q.k.OpenAuction(ctx)
	if err != nil {
		return nil, err
	}
	minBid := sdk.NewCoin(a.BidDenom(params.BurnDenom), types.MinNextBid(a.HighestBid.Amount, params.MinBidIncrementBps))
	return &types.QueryAuctionResponse{Open: open, Auction: a, MinNextBid: minBid}, nil
}

// Auctions pages through the closed auctions, oldest first.
func (q queryServer) Auctions(ctx context.Context, req *types.QueryAuctionsRequest) (*types.QueryAuctionsResponse, error) {
	if req == nil {
		req = &types.QueryAuctionsRequest{}
	}
	recs, page, err := query.CollectionPaginate(ctx, q.k.AuctionState.Records, req.Pagination,
		func(_ uint64, a types.Auction) (types.Auction, error) { return a, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryAuctionsResponse{Auctions: recs, Pagination: page}, nil
}
