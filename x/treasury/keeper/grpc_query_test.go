package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func TestQueryBuckets(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))

	// ACT
	res, err := f.queries.Buckets(f.ctx, &types.QueryBucketsRequest{})

	// ASSERT: all three buckets in order, and the account balance equals their sum.
	require.NoError(t, err)
	require.Equal(t, []types.BucketBalance{
		{Bucket: types.BUCKET_BUYBACK_BURN, Coins: sdk.NewCoins(sdk.NewInt64Coin(usdc, 400))},
		{Bucket: types.BUCKET_STAKING_REWARDS, Coins: sdk.NewCoins()},
		{Bucket: types.BUCKET_ECOSYSTEM, Coins: sdk.NewCoins(sdk.NewInt64Coin(usdc, 301))},
	}, res.Buckets)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(usdc, 701)), res.ModuleBalance)
	want, err := f.addrCodec.BytesToString(authtypes.NewModuleAddress(types.ModuleName))
	require.NoError(t, err)
	require.Equal(t, want, res.ModuleAddress)
}

func TestQueryInflowsAndSpendsPaginate(t *testing.T) {
	// ARRANGE: three inflows and one backstop spend.
	f := newFixture(t)
	for c := uint64(1); c <= 3; c++ {
		f.handleExcess(t, c, usdc, part(types.CATEGORY_CAP_EXCESS, 100))
	}
	_, err := f.k.DrawBackstop(f.ctx, rewards, usdc, math.NewInt(5))
	require.NoError(t, err)

	// ACT
	page1, err := f.queries.Inflows(f.ctx, &types.QueryInflowsRequest{Pagination: &query.PageRequest{Limit: 2, CountTotal: true}})
	require.NoError(t, err)
	page2, err := f.queries.Inflows(f.ctx, &types.QueryInflowsRequest{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey}})
	require.NoError(t, err)
	spends, err := f.queries.Spends(f.ctx, &types.QuerySpendsRequest{})
	require.NoError(t, err)
	params, err := f.queries.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)

	// ASSERT: oldest first, nothing lost between pages.
	require.Equal(t, uint64(3), page1.Pagination.Total)
	require.Len(t, page1.Inflows, 2)
	require.Equal(t, []uint64{1, 2}, []uint64{page1.Inflows[0].Cycle, page1.Inflows[1].Cycle})
	require.Len(t, page2.Inflows, 1)
	require.Equal(t, uint64(3), page2.Inflows[0].Cycle)
	require.Len(t, spends.Spends, 1)
	require.Equal(t, types.SPEND_KIND_BACKSTOP, spends.Spends[0].Kind)
	require.Equal(t, types.DefaultParams(), params.Params)
}
