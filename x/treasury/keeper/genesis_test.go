package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// busyTreasury runs every kind of state change once.
func busyTreasury(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	p := types.DefaultParams()
	p.StakersViaDistribution = false
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	f.handleExcess(t, 4, usdc, part(types.CATEGORY_CAP_EXCESS, 1001), part(types.CATEGORY_WITHHELD, 9))
	f.handleExcess(t, 5, xmtp, part(types.CATEGORY_SLASH, 5000))
	_, recipient := f.newAccount(t, 1)
	_, err = f.msgs.Spend(f.ctx, &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_STAKING_REWARDS, Recipient: recipient, Amount: sdk.NewInt64Coin(usdc, 3)})
	require.NoError(t, err)
	_, err = f.msgs.BurnHoldings(f.ctx, &types.MsgBurnHoldings{Sender: recipient, Amount: sdk.NewInt64Coin(xmtp, 1000)})
	require.NoError(t, err)
	_, err = f.k.DrawBackstop(f.ctx, rewards, usdc, math.NewInt(10))
	require.NoError(t, err)
	return f
}

func TestGenesisRoundTrip(t *testing.T) {
	// ARRANGE: a treasury with params, buckets, inflows and spends.
	src := busyTreasury(t)
	exported, err := src.k.ExportGenesis(src.ctx)
	require.NoError(t, err)
	require.Len(t, exported.Inflows, 2)
	require.Len(t, exported.Spends, 3)
	require.NoError(t, exported.Validate())

	// a fresh chain whose bank genesis gives the treasury account its coins.
	dst := newFixture(t)
	sum, err := src.k.SumBuckets(src.ctx)
	require.NoError(t, err)
	dst.mintToRewards(t, sum...)
	require.NoError(t, dst.bk.SendCoinsFromModuleToModule(dst.ctx, rewards, types.ModuleName, sum))

	// ACT
	require.NoError(t, dst.k.InitGenesis(dst.ctx, exported))
	reexported, err := dst.k.ExportGenesis(dst.ctx)
	require.NoError(t, err)

	// ASSERT: same state, and the sequences continue where they stopped.
	require.Equal(t, exported, reexported)
	dst.handleExcess(t, 6, usdc, part(types.CATEGORY_ROUNDING, 10))
	has, err := dst.k.Inflows.Has(dst.ctx, exported.NextInflowId)
	require.NoError(t, err)
	require.True(t, has)
}

func TestInitGenesisRejectsBalanceMismatch(t *testing.T) {
	// ARRANGE: genesis buckets that the module account does not hold.
	f := newFixture(t)
	gs := types.DefaultGenesisState()
	gs.Buckets = []types.BucketBalance{{Bucket: types.BUCKET_ECOSYSTEM, Coins: sdk.NewCoins(sdk.NewInt64Coin(usdc, 5))}}

	// ACT
	err := f.k.InitGenesis(f.ctx, gs)

	// ASSERT
	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.ErrorContains(t, err, "holds nothing but the buckets sum to 5uusdc")
}

func TestGenesisValidate(t *testing.T) {
	cases := map[string]struct {
		mutate func(gs *types.GenesisState)
		want   string
	}{
		"bad params":       {func(gs *types.GenesisState) { gs.Params.EcosystemBps = 0 }, "must be exactly 10000"},
		"unknown bucket":   {func(gs *types.GenesisState) { gs.Buckets = []types.BucketBalance{{Bucket: 9}} }, "not one of"},
		"bucket twice":     {func(gs *types.GenesisState) { gs.Buckets = []types.BucketBalance{{Bucket: 1}, {Bucket: 1}} }, "listed twice"},
		"inflow id ≥ next": {func(gs *types.GenesisState) { gs.Inflows = []types.Inflow{{Id: 0}} }, "next_inflow_id"},
		"spend id twice": {func(gs *types.GenesisState) {
			gs.Spends = []types.Spend{{Id: 1}, {Id: 1}}
			gs.NextSpendId = 2
		}, "spend id 1 listed twice"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			gs := types.DefaultGenesisState()
			tc.mutate(gs)

			// ACT
			err := gs.Validate()

			// ASSERT
			require.ErrorContains(t, err, tc.want)
		})
	}
	require.NoError(t, types.DefaultGenesisState().Validate())
}

func TestInitGenesisCreatesModuleAccountWithBurner(t *testing.T) {
	// ARRANGE / ACT: the fixture ran InitGenesis.
	f := newFixture(t)

	// ASSERT
	acc := f.ak.GetModuleAccount(f.ctx, types.ModuleName)
	require.NotNil(t, acc)
	require.True(t, acc.HasPermission(authtypes.Burner))
}
