package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func (f *fixture) records(t *testing.T) []types.Auction {
	t.Helper()
	res, err := f.queries.Auctions(f.ctx, &types.QueryAuctionsRequest{})
	require.NoError(t, err)
	return res.Auctions
}

// At the first block at or after the end the winning bid is burned (the
// uxmtp supply drops by exactly the bid), the lot goes to the winner, and the
// next auction opens with what the bucket holds then, aligned to the period.
func TestAuctionEndBurnsBidAndSendsLot(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	winnerAddr, winner := f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))
	_, loser := f.newAccount(t, 2, sdk.NewInt64Coin(xmtp, 5000))
	f.begin(t, t0)
	require.NoError(t, f.bid(loser, 400))
	require.NoError(t, f.bid(winner, 500))
	f.fundBuyback(t, sdk.NewInt64Coin(usdc, 300))
	supply := f.bk.GetSupply(f.ctx, xmtp).Amount
	f.begin(t, t0.Add(period/2))
	require.Equal(t, uint64(1), f.openAuction(t).Id, "still open in the middle")

	// ACT: the first block after the end comes 90s late
	f.begin(t, t0.Add(period+90e9))

	// ASSERT
	require.Equal(t, supply.SubRaw(500), f.bk.GetSupply(f.ctx, xmtp).Amount)
	require.Equal(t, math.NewInt(1000), f.bk.GetBalance(f.ctx, winnerAddr, usdc).Amount)
	require.Equal(t, math.NewInt(4500), f.bk.GetBalance(f.ctx, winnerAddr, xmtp).Amount)
	recs := f.records(t)
	require.Len(t, recs, 1)
	r := recs[0]
	require.Equal(t, types.AUCTION_OUTCOME_SOLD, r.Outcome)
	require.Equal(t, winner, r.HighestBidder)
	require.Equal(t, sdk.NewInt64Coin(xmtp, 500), r.Burned)
	require.Equal(t, uint64(2), r.Bids)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 1000)), r.Lot)
	next := f.openAuction(t)
	require.Equal(t, uint64(2), next.Id)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 300)), next.Lot, "the next lot is what the bucket held")
	require.Equal(t, t0.Add(period), next.StartTime)
	require.Equal(t, t0.Add(2*period), next.EndTime)
	require.True(t, f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc).IsZero())
	closed := events.Typed[types.EventAuctionClosed](f.ctx)
	require.Len(t, closed, 1)
	require.Equal(t, "500uxmtp", closed[0].Burned)
}

// Without a bid the lot goes back to the bucket and rolls into the next auction.
func TestAuctionWithoutBidRollsOver(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	f.begin(t, t0)
	f.fundBuyback(t, sdk.NewInt64Coin(usdc, 300))
	supply := f.bk.GetSupply(f.ctx, xmtp).Amount

	// ACT
	f.begin(t, t0.Add(period))

	// ASSERT
	require.Equal(t, types.AUCTION_OUTCOME_NO_BID, f.records(t)[0].Outcome)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 1300)), f.openAuction(t).Lot)
	require.Equal(t, supply, f.bk.GetSupply(f.ctx, xmtp).Amount, "nothing burned")
}

// A winner that cannot receive coins does not halt the chain: the lot goes
// back to BUYBACK_BURN (and into the next lot), nothing is burned, the
// refund of the bid fails too so the bid is kept in BUYBACK_BURN; the record
// and the event say why; everything stays accounted.
func TestBlockedWinnerKeepsEverythingAccounted(t *testing.T) {
	// ARRANGE: the winner's address is blocked for receiving (it can still send).
	blockedAddr := sdk.AccAddress(append(make([]byte, 19), 66))
	f := auctionFixture(t, blockedAddr)
	funder, _ := f.newAccount(t, 3, sdk.NewInt64Coin(xmtp, 5000))
	require.NoError(t, f.bk.SendCoins(f.ctx, funder, blockedAddr, sdk.NewCoins(sdk.NewInt64Coin(xmtp, 5000))))
	blocked, err := f.addrCodec.BytesToString(blockedAddr)
	require.NoError(t, err)
	f.begin(t, t0)
	require.NoError(t, f.bid(blocked, 700))
	supply := f.bk.GetSupply(f.ctx, xmtp).Amount

	// ACT (begin checks that BeginBlocker returns no error and the invariant holds)
	f.begin(t, t0.Add(period))

	// ASSERT
	r := f.records(t)[0]
	require.Equal(t, types.AUCTION_OUTCOME_SEND_FAILED, r.Outcome)
	require.Contains(t, r.Failure, "not allowed to receive funds")
	require.True(t, r.Burned.IsZero())
	require.Equal(t, supply, f.bk.GetSupply(f.ctx, xmtp).Amount, "nothing burned")
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 1000)), f.openAuction(t).Lot, "the lot is sold again")
	require.Equal(t, math.NewInt(750), f.bucket(t, types.BUCKET_BUYBACK_BURN, xmtp), "50 + the kept bid 700")
	require.Equal(t, math.NewInt(4300), f.bk.GetBalance(f.ctx, blockedAddr, xmtp).Amount)
	closed := events.Typed[types.EventAuctionClosed](f.ctx)
	require.Len(t, closed, 1)
	require.NotEmpty(t, closed[0].Reason)
}

// auction_period 0 turns auctions off: the open one still closes at its
// end, no new one opens, and the bucket keeps its holdings.
func TestAuctionPeriodZeroStopsAfterTheOpenOne(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	f.begin(t, t0)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.AuctionPeriod = 0
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)

	// ACT
	f.begin(t, t0.Add(period))

	// ASSERT
	res, err := f.queries.Auction(f.ctx, &types.QueryAuctionRequest{})
	require.NoError(t, err)
	require.False(t, res.Open)
	require.Equal(t, math.NewInt(1000), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc))
}

// Export in the middle of an auction with a bid, import into a fresh chain:
// same state, and both close the auction alike.
func TestAuctionExportImportMidAuction(t *testing.T) {
	// ARRANGE
	src := auctionFixture(t)
	_, alice := src.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))
	src.begin(t, t0)
	require.NoError(t, src.bid(alice, 900))
	exported, err := src.k.ExportGenesis(src.ctx)
	require.NoError(t, err)
	require.NotNil(t, exported.Auction)
	dst := newFixture(t)
	held := src.bk.GetAllBalances(src.ctx, src.k.ModuleAddress())
	dst.mintToRewards(t, held...)
	require.NoError(t, dst.bk.SendCoinsFromModuleToModule(dst.ctx, rewards, types.ModuleName, held))

	// ACT
	require.NoError(t, dst.k.InitGenesis(dst.ctx, exported))

	// ASSERT
	again, err := dst.k.ExportGenesis(dst.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	dst.ctx = dst.ctx.WithBlockHeight(src.ctx.BlockHeight())
	src.begin(t, t0.Add(period))
	dst.begin(t, t0.Add(period))
	require.Equal(t, src.records(t), dst.records(t))
	require.Equal(t, src.openAuction(t), dst.openAuction(t))
}

// MinNextBid: 1 without a bid; 1% more (rounded up), at least one more.
func TestMinNextBid(t *testing.T) {
	require.Equal(t, math.NewInt(1), types.MinNextBid(math.ZeroInt(), 100))
	require.Equal(t, math.NewInt(1010), types.MinNextBid(math.NewInt(1000), 100))
	require.Equal(t, math.NewInt(1012), types.MinNextBid(math.NewInt(1001), 100), "1011.01 rounded up")
	require.Equal(t, math.NewInt(51), types.MinNextBid(math.NewInt(50), 100), "0.5 raised to 1")
	require.Equal(t, math.NewInt(51), types.MinNextBid(math.NewInt(50), 0), "strictly more")
}
