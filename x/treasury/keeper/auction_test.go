package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

const period = time.Hour

var t0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// auctionFixture is a treasury with a 1h auction_period and a BUYBACK_BURN
// bucket holding 1000uusdc and 50uxmtp, before the first BeginBlock.
func auctionFixture(t *testing.T, blocked ...sdk.AccAddress) *fixture {
	t.Helper()
	f := newFixtureBlocking(t, blocked...)
	p := types.DefaultParams()
	p.AuctionPeriod = period
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.fundBuyback(t, sdk.NewInt64Coin(usdc, 1000), sdk.NewInt64Coin(xmtp, 50))
	return f
}

// fundBuyback adds coins to BUYBACK_BURN with MsgFundBucket.
func (f *fixture) fundBuyback(t *testing.T, coins ...sdk.Coin) {
	t.Helper()
	_, from := f.newAccount(t, 200, coins...)
	for _, c := range coins {
		_, err := f.msgs.FundBucket(f.ctx, &types.MsgFundBucket{Sender: from, Bucket: types.BUCKET_BUYBACK_BURN, Amount: c})
		require.NoError(t, err)
	}
}

// begin runs BeginBlock of a new block at time at and checks the invariant.
func (f *fixture) begin(t *testing.T, at time.Time) {
	t.Helper()
	f.ctx = f.ctx.WithBlockTime(at).WithBlockHeight(f.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func (f *fixture) bid(bidder string, amount int64) error {
	_, err := f.msgs.Bid(f.ctx, &types.MsgBid{Bidder: bidder, Amount: sdk.NewInt64Coin(xmtp, amount)})
	return err
}

func (f *fixture) openAuction(t *testing.T) types.Auction {
	t.Helper()
	res, err := f.queries.Auction(f.ctx, &types.QueryAuctionRequest{})
	require.NoError(t, err)
	require.True(t, res.Open)
	return res.Auction
}

// The lot is BUYBACK_BURN's reward-denom holdings at the open; burn_denom
// stays in the bucket; inflows during the auction go to the bucket, and
// MsgSpend can spend the bucket but not the lot.
func TestAuctionOpensWithBucketLot(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)

	// ACT
	f.begin(t, t0)
	opened := events.Typed[types.EventAuctionOpened](f.ctx)
	f.fundBuyback(t, sdk.NewInt64Coin(usdc, 300))

	// ASSERT
	a := f.openAuction(t)
	require.Equal(t, uint64(1), a.Id)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 1000)), a.Lot)
	require.Equal(t, t0.Add(period), a.EndTime)
	require.Equal(t, math.NewInt(300), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc), "inflow during the auction")
	require.Equal(t, math.NewInt(50), f.bucket(t, types.BUCKET_BUYBACK_BURN, xmtp), "burn_denom is not sold")
	_, recipient := f.newAccount(t, 9)
	spend := func(amt int64) error {
		_, err := f.msgs.Spend(f.ctx, &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_BUYBACK_BURN, Recipient: recipient, Amount: sdk.NewInt64Coin(usdc, amt)})
		return err
	}
	require.ErrorIs(t, spend(301), types.ErrInsufficientFunds, "the lot is not the bucket's")
	require.NoError(t, spend(300))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	require.Equal(t, []types.EventAuctionOpened{{AuctionId: 1, Lot: "1000uusdc", EndTime: t0.Add(period)}}, opened)
}

// Bids below the increment, in the wrong denom, zero, on no auction or after
// the end are rejected and change nothing.
func TestBadBidsRejectedNothingChanged(t *testing.T) {
	// ARRANGE: highest bid 1000uxmtp, so the minimum is 1010 (1%).
	f := auctionFixture(t)
	_, alice := f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000), sdk.NewInt64Coin(usdc, 5000))
	require.ErrorIs(t, f.bid(alice, 10), types.ErrNoAuction, "before the first BeginBlock")
	f.begin(t, t0)
	require.NoError(t, f.bid(alice, 1000))
	aliceAddr := sdk.AccAddress(append(make([]byte, 19), 1))
	before := f.snapshot(t, aliceAddr)

	for _, tc := range []struct {
		name string
		msg  *types.MsgBid
		at   time.Time
		want error
	}{
		{"below the increment", &types.MsgBid{Bidder: alice, Amount: sdk.NewInt64Coin(xmtp, 1009)}, t0, types.ErrBidTooLow},
		{"equal to the highest", &types.MsgBid{Bidder: alice, Amount: sdk.NewInt64Coin(xmtp, 1000)}, t0, types.ErrBidTooLow},
		{"wrong denom", &types.MsgBid{Bidder: alice, Amount: sdk.NewInt64Coin(usdc, 2000)}, t0, types.ErrInvalidDenom},
		{"zero", &types.MsgBid{Bidder: alice, Amount: sdk.NewInt64Coin(xmtp, 0)}, t0, types.ErrInvalidAmount},
		{"at the end", &types.MsgBid{Bidder: alice, Amount: sdk.NewInt64Coin(xmtp, 2000)}, t0.Add(period), types.ErrAuctionEnded},
		{"bad address", &types.MsgBid{Bidder: "xmtp1nope", Amount: sdk.NewInt64Coin(xmtp, 2000)}, t0, types.ErrInvalidRecipient},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			_, err := f.msgs.Bid(f.ctx.WithBlockTime(tc.at), tc.msg)

			// ASSERT
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.snapshot(t, aliceAddr))
		})
	}
	require.NoError(t, f.bid(alice, 1010), "exactly the minimum is accepted")
}

// An outbid bidder gets its bid back in the same transaction; only the
// highest bid stays escrowed.
func TestOutbidBidderRefundedSameBlock(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	aliceAddr, alice := f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))
	bobAddr, bob := f.newAccount(t, 2, sdk.NewInt64Coin(xmtp, 5000))
	f.begin(t, t0)
	require.NoError(t, f.bid(alice, 100))
	require.Equal(t, math.NewInt(4900), f.bk.GetBalance(f.ctx, aliceAddr, xmtp).Amount)

	// ACT
	require.NoError(t, f.bid(bob, 200))

	// ASSERT
	require.Equal(t, math.NewInt(5000), f.bk.GetBalance(f.ctx, aliceAddr, xmtp).Amount)
	require.Equal(t, math.NewInt(4800), f.bk.GetBalance(f.ctx, bobAddr, xmtp).Amount)
	a := f.openAuction(t)
	require.Equal(t, bob, a.HighestBidder)
	require.Equal(t, sdk.NewInt64Coin(xmtp, 200), a.HighestBid)
	require.Equal(t, uint64(2), a.Bids)
	evs := events.Typed[types.EventBid](f.ctx)
	require.Len(t, evs, 2)
	require.Equal(t, alice, evs[1].RefundedBidder)
	require.Equal(t, "100uxmtp", evs[1].Refunded)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
