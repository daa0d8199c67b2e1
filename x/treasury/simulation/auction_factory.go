package simulation

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/keeper"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// MsgBidFactory bids between the minimum and twice the minimum on the open
// auction, from a random account that can pay.
func MsgBidFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBid] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBid) {
		params, a, ok := biddable(ctx, k)
		if !ok {
			reporter.Skip("no open auction with a lot")
			return nil, nil
		}
		minBid := types.MinNextBid(a.HighestBid.Amount, params.MinBidIncrementBps)
		bid := sdk.NewCoin(a.BidDenom(params.BurnDenom), minBid.Add(randUpTo(testData, minBid)))
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(bid) {
			reporter.Skip("bidder cannot pay")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgBid{Bidder: from.AddressBech32, Amount: bid}
	}
}

// MsgBidTooLowFactory is an attack: a bid one below the minimum. It must fail
// with ErrBidTooLow.
func MsgBidTooLowFactory(k *keeper.Keeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBid, simsx.SimDeliveryResultHandler) {
		params, a, ok := biddable(ctx, k)
		minBid := types.MinNextBid(a.HighestBid.Amount, params.MinBidIncrementBps)
		if !ok || minBid.Int64() < 2 {
			reporter.Skip("no outbid auction")
			return nil, nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance())
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgBid{Bidder: from.AddressBech32, Amount: sdk.NewCoin(a.BidDenom(params.BurnDenom), minBid.SubRaw(1))}
		return []simsx.SimAccount{from}, msg, func(err error) error {
			if errors.Is(err, types.ErrBidTooLow) {
				return nil
			}
			return fmt.Errorf("bid below the increment: expected ErrBidTooLow, got %v", err)
		}
	})
}

// biddable returns the params and the open auction when it takes bids now.
func biddable(ctx context.Context, k *keeper.Keeper) (types.Params, types.Auction, bool) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return params, types.Auction{}, false
	}
	a, open, err := k.OpenAuction(ctx)
	if err != nil || !open || a.Lot.IsZero() || !sdk.UnwrapSDKContext(ctx).BlockTime().Before(a.EndTime) {
		return params, a, false
	}
	return params, a, true
}

// randomAuction draws a short auction_period (a simulated chain runs for hours,
// not weeks; 0 = off in one draw of ten) and an increment up to 20%.
func randomAuction(r *rand.Rand) (time.Duration, uint32) {
	period := time.Duration(0)
	if r.Intn(10) != 0 {
		period = time.Duration(1+r.Intn(120)) * time.Minute
	}
	return period, uint32(r.Intn(2001))
}

// randomExtension draws auction_extension: off in one draw of four, else 1 to
// 15 minutes, so simulated auctions are extended now and then.
func randomExtension(r *rand.Rand) time.Duration {
	if r.Intn(4) == 0 {
		return 0
	}
	return time.Duration(1+r.Intn(15)) * time.Minute
}
