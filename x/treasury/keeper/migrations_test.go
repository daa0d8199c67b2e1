package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/treasury/keeper"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Migrate1to2 fills the burn auction params of a chain that predates them and
// keeps the others.
func TestMigrate1to2FillsAuctionParams(t *testing.T) {
	// ARRANGE: version-1 params (no auction fields) with a custom split.
	f := newFixture(t)
	old := types.DefaultParams()
	old.AuctionPeriod, old.MinBidIncrementBps = 0, 0
	old.BuybackBurnBps, old.EcosystemBps = 5000, 2000
	require.NoError(t, f.k.Params.Set(f.ctx, old))

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate1to2(f.ctx))

	// ASSERT
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	want := old
	want.AuctionPeriod, want.MinBidIncrementBps = types.DefaultAuctionPeriod, types.DefaultMinBidIncrementBps
	require.Equal(t, want, got)
}

// Migrate2to3 sets auction_extension to its default on a running chain
// (version-2 params have none), keeps the other params, and records the open
// auction's end as its scheduled end so the schedule does not move.
func TestMigrate2to3SetsSoftCloseDefault(t *testing.T) {
	// ARRANGE: a version-2 chain with an open auction and custom params.
	f := auctionFixture(t)
	f.begin(t, t0)
	old, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	old.AuctionExtension, old.MinBidIncrementBps = 0, 250
	require.NoError(t, f.k.Params.Set(f.ctx, old))
	a := f.openAuction(t)
	a.ScheduledEndTime = time.Time{}
	require.NoError(t, f.k.AuctionState.Open.Set(f.ctx, a))

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))

	// ASSERT
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	want := old
	want.AuctionExtension = 10 * time.Minute
	require.Equal(t, want, got)
	migrated := f.openAuction(t)
	require.Equal(t, t0.Add(period), migrated.ScheduledEndTime)
	require.Equal(t, t0.Add(period), migrated.EndTime)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
