package keeper_test

import (
	"testing"

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
