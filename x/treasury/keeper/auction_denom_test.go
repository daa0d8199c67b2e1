package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

const newBurnDenom = "unewburn"

// changeBurnDenom is a governance MsgUpdateParams that only changes burn_denom.
func (f *fixture) changeBurnDenom(t *testing.T, denom string) {
	t.Helper()
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.BurnDenom = denom
	_, err = f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
}

// importInto loads src's exported genesis into a fresh chain whose bank
// genesis gives the treasury account what src's holds.
func importInto(t *testing.T, src *fixture, gs *types.GenesisState) (*fixture, error) {
	t.Helper()
	dst := newFixture(t)
	held := src.bk.GetAllBalances(src.ctx, src.k.ModuleAddress())
	dst.mintToRewards(t, held...)
	require.NoError(t, dst.bk.SendCoinsFromModuleToModule(dst.ctx, rewards, types.ModuleName, held))
	dst.ctx = dst.ctx.WithBlockHeight(src.ctx.BlockHeight())
	return dst, dst.k.InitGenesis(dst.ctx, gs)
}

// SPEC 9 round trip: an open auction whose highest bid is in the burn_denom
// that governance replaced mid-auction exports and imports; both chains then
// burn the bid in its own denom and send the lot to the winner.
func TestAuctionRoundTripAfterBurnDenomChange(t *testing.T) {
	// ARRANGE
	src := auctionFixture(t)
	aliceAddr, alice := src.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))
	src.begin(t, t0)
	require.NoError(t, src.bid(alice, 900))
	src.changeBurnDenom(t, newBurnDenom)
	exported, err := src.k.ExportGenesis(src.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())

	// ACT
	dst, err := importInto(t, src, exported)

	// ASSERT: same state, and both close the auction alike.
	require.NoError(t, err)
	again, err := dst.k.ExportGenesis(dst.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	for _, f := range []*fixture{src, dst} {
		supply := f.bk.GetSupply(f.ctx, xmtp).Amount
		f.begin(t, t0.Add(period))
		r := f.records(t)[0]
		require.Equal(t, types.AUCTION_OUTCOME_SOLD, r.Outcome)
		require.Equal(t, sdk.NewInt64Coin(xmtp, 900), r.Burned, "the bid burned in its own denom")
		require.Equal(t, supply.SubRaw(900), f.bk.GetSupply(f.ctx, xmtp).Amount)
		require.Equal(t, math.NewInt(1000), f.bk.GetBalance(f.ctx, aliceAddr, usdc).Amount)
	}
	require.Equal(t, src.records(t), dst.records(t))
}

// An auction takes bids in the burn_denom it opened with until it closes: a
// burn_denom change applies from the next auction, so a bid in the new denom
// is never compared with (or refunds) a bid in the old one.
func TestBurnDenomChangeAppliesFromNextAuction(t *testing.T) {
	// ARRANGE
	f := auctionFixture(t)
	aliceAddr, alice := f.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000), sdk.NewInt64Coin(newBurnDenom, 5000))
	_, bob := f.newAccount(t, 2, sdk.NewInt64Coin(xmtp, 5000), sdk.NewInt64Coin(newBurnDenom, 5000))
	f.begin(t, t0)
	require.NoError(t, f.bid(alice, 900))
	f.changeBurnDenom(t, newBurnDenom)
	before := f.snapshot(t, aliceAddr)

	// ACT
	_, errNew := f.msgs.Bid(f.ctx, &types.MsgBid{Bidder: bob, Amount: sdk.NewInt64Coin(newBurnDenom, 2000)})
	afterNew := f.snapshot(t, aliceAddr)
	errOld := f.bid(bob, 909)

	// ASSERT
	require.ErrorIs(t, errNew, types.ErrInvalidDenom)
	require.ErrorContains(t, errNew, "bid denom unewburn is not auction 1's denom uxmtp")
	require.Equal(t, before, afterNew, "the rejected bid changed nothing")
	require.NoError(t, errOld)
	require.Equal(t, sdk.NewInt64Coin(xmtp, 909), f.openAuction(t).HighestBid)
	res, err := f.queries.Auction(f.ctx, &types.QueryAuctionRequest{})
	require.NoError(t, err)
	require.Equal(t, xmtp, res.MinNextBid.Denom, "the query quotes the auction's denom")
	f.begin(t, t0.Add(period))
	require.Equal(t, newBurnDenom, f.openAuction(t).HighestBid.Denom, "the next auction uses the new burn_denom")
}

// Import rejects an open auction whose highest bid cannot be settled (a
// bidder with no positive bid, a malformed denom, a bad bidder address) or
// whose scheduled end is after its end (extensions only move the end later).
func TestImportRejectsBadOpenAuction(t *testing.T) {
	// ARRANGE
	src := auctionFixture(t)
	_, alice := src.newAccount(t, 1, sdk.NewInt64Coin(xmtp, 5000))
	src.begin(t, t0)
	require.NoError(t, src.bid(alice, 900))
	for name, tc := range map[string]struct {
		mutate func(a *types.Auction)
		want   string
	}{
		"zero bid":                {func(a *types.Auction) { a.HighestBid = sdk.NewInt64Coin(xmtp, 0) }, "must be positive"},
		"bad denom":               {func(a *types.Auction) { a.HighestBid.Denom = "9bad" }, "must be a valid coin"},
		"bad bidder":              {func(a *types.Auction) { a.HighestBidder = "xmtp1nope" }, "from a valid address"},
		"nil amount":              {func(a *types.Auction) { a.HighestBid = sdk.Coin{Denom: xmtp} }, "must be a valid coin"},
		"scheduled end after end": {func(a *types.Auction) { a.ScheduledEndTime = a.EndTime.Add(1) }, "scheduled_end_time"},
	} {
		t.Run(name, func(t *testing.T) {
			gs, err := src.k.ExportGenesis(src.ctx)
			require.NoError(t, err)
			tc.mutate(gs.Auction)

			// ACT
			_, err = importInto(t, src, gs)

			// ASSERT
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
