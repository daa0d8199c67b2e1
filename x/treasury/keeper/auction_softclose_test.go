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

const extension = types.DefaultAuctionExtension

// softCloseFixture is an auction opened at t0 (ending t0 + period) with the
// default 10-minute auction_extension, and two funded bidders.
func softCloseFixture(t *testing.T, ext time.Duration) (f *fixture, alice, bob string) {
	t.Helper()
	f = auctionFixture(t)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.AuctionExtension = ext
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	_, alice = f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 100_000))
	_, bob = f.newAccount(t, 2, sdk.NewInt64Coin(xmtp, 100_000))
	f.begin(t, t0)
	return f, alice, bob
}

// bidAt places a bid in a block (without BeginBlock) at time at.
func (f *fixture) bidAt(at time.Time, bidder string, amount int64) error {
	f.ctx = f.ctx.WithBlockTime(at).WithEventManager(sdk.NewEventManager())
	return f.bid(bidder, amount)
}

// A bid within auction_extension of the end moves the end to the bid time
// plus auction_extension; the query shows the new end, the old end closes
// nothing, and the auction closes at the new end.
func TestSoftCloseBidInsideWindowExtends(t *testing.T) {
	// ARRANGE
	f, alice, bob := softCloseFixture(t, extension)
	end := t0.Add(period)
	require.NoError(t, f.bidAt(t0, alice, 100))
	bidTime := end.Add(-5 * time.Minute)

	// ACT
	require.NoError(t, f.bidAt(bidTime, bob, 200))

	// ASSERT
	a := f.openAuction(t)
	require.Equal(t, bidTime.Add(extension), a.EndTime)
	require.Equal(t, end, a.ScheduledEndTime)
	require.Equal(t, uint64(1), a.Extensions)
	require.Equal(t, []types.EventAuctionExtended{{AuctionId: 1, Bidder: bob, PreviousEndTime: end, EndTime: bidTime.Add(extension)}},
		events.Typed[types.EventAuctionExtended](f.ctx))
	f.begin(t, end)
	require.Equal(t, uint64(1), f.openAuction(t).Id, "the old end closes nothing")
	late := end.Add(time.Second)
	require.NoError(t, f.bidAt(late, alice, 300), "bids are still taken after the old end")
	f.begin(t, late.Add(extension).Add(-time.Second))
	require.Equal(t, uint64(1), f.openAuction(t).Id, "that bid extended it again")
	f.begin(t, late.Add(extension))
	r := f.records(t)[0]
	require.Equal(t, types.AUCTION_OUTCOME_SOLD, r.Outcome)
	require.Equal(t, alice, r.HighestBidder)
	next := f.openAuction(t)
	require.Equal(t, end, next.StartTime, "the next auction keeps the schedule")
	require.Equal(t, end.Add(period), next.EndTime)
}

// A bid before the window, or exactly auction_extension before the end,
// leaves the end where it is and emits no extension.
func TestSoftCloseBidOutsideWindowDoesNotExtend(t *testing.T) {
	for name, before := range map[string]time.Duration{
		"well before":                    30 * time.Minute,
		"exactly auction_extension left": extension,
	} {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f, alice, _ := softCloseFixture(t, extension)
			end := t0.Add(period)

			// ACT
			require.NoError(t, f.bidAt(end.Add(-before), alice, 100))

			// ASSERT
			a := f.openAuction(t)
			require.Equal(t, end, a.EndTime)
			require.Zero(t, a.Extensions)
			require.Empty(t, events.Typed[types.EventAuctionExtended](f.ctx))
			f.begin(t, end)
			require.Equal(t, types.AUCTION_OUTCOME_SOLD, f.records(t)[0].Outcome)
		})
	}
}

// The end moves again with every new bid inside the window, and only with a
// bid of at least the increment: a bid below it is rejected and moves nothing.
func TestSoftCloseEndMovesMoreThanOnce(t *testing.T) {
	// ARRANGE
	f, alice, bob := softCloseFixture(t, extension)
	end := t0.Add(period)
	first, second := end.Add(-time.Minute), end.Add(8*time.Minute)

	// ACT
	require.NoError(t, f.bidAt(first, alice, 1000))
	require.NoError(t, f.bidAt(second, bob, 1010))
	errLow := f.bidAt(second.Add(9*time.Minute), alice, 1019)

	// ASSERT
	require.ErrorIs(t, errLow, types.ErrBidTooLow)
	a := f.openAuction(t)
	require.Equal(t, second.Add(extension), a.EndTime)
	require.Equal(t, uint64(2), a.Extensions)
	require.Equal(t, sdk.NewInt64Coin(xmtp, 1010), a.HighestBid)
	f.begin(t, second.Add(extension))
	r := f.records(t)[0]
	require.Equal(t, bob, r.HighestBidder)
	require.Equal(t, second.Add(extension), r.EndTime)
	require.Equal(t, math.NewInt(2), math.NewIntFromUint64(r.Extensions))
}

// auction_extension 0 turns soft close off: a bid one second before the end
// moves nothing and the auction closes at its scheduled end.
func TestSoftCloseZeroIsOff(t *testing.T) {
	// ARRANGE
	f, alice, _ := softCloseFixture(t, 0)
	end := t0.Add(period)

	// ACT
	require.NoError(t, f.bidAt(end.Add(-time.Second), alice, 100))

	// ASSERT
	require.Equal(t, end, f.openAuction(t).EndTime)
	require.Empty(t, events.Typed[types.EventAuctionExtended](f.ctx))
	f.begin(t, end)
	require.Equal(t, types.AUCTION_OUTCOME_SOLD, f.records(t)[0].Outcome)
}
