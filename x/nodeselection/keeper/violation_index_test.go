package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func (f *fixture) violators(from, to time.Time) []sdk.AccAddress {
	f.t.Helper()
	owners, err := f.k.ViolatorsBetween(f.ctx, from, to)
	require.NoError(f.t, err)
	return owners
}

// The violations-by-time index follows the violations: written when one is
// recorded, kept when it is excused, deleted when it is pruned; a span finds
// exactly the owners with a violation recorded in it, both ends included.
func TestViolationsByTimeFollowViolations(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 4, func(p *types.Params) {
		p.RecordRetention, p.PenaltyWindow = 10*time.Hour, time.Hour
	})
	t1, t2 := genesisTime.Add(time.Hour), genesisTime.Add(2*time.Hour)

	// ACT: op0 violates at t1, op1 at t2
	f.at(t1)
	first := f.violate(ops[0])
	f.at(t2)
	f.violate(ops[1])

	// ASSERT
	require.Equal(t, []sdk.AccAddress{ops[0]}, f.violators(t1, t1), "the start is included")
	require.Equal(t, []sdk.AccAddress{ops[1]}, f.violators(t2, t2), "the end is included")
	require.Equal(t, []sdk.AccAddress{ops[0], ops[1]}, f.violators(genesisTime, t2))
	require.Empty(t, f.violators(t1.Add(time.Nanosecond), t2.Add(-time.Nanosecond)))
	require.Empty(t, f.violators(genesisTime, t1.Add(-time.Nanosecond)))
	require.Empty(t, f.violators(t2, t1), "an empty span")
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	// excused: still a stored violation, still indexed
	_, err := f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[0]), ViolationId: first})
	require.NoError(t, err)
	require.Equal(t, []sdk.AccAddress{ops[0]}, f.violators(t1, t1))

	// pruned with the violation (retention 10h, window 1h)
	f.at(t1.Add(11 * time.Hour))
	require.Empty(t, violationsOf(t, f, ops[0]), "pruned")
	require.Empty(t, f.violators(t1, t1), "its index entry went with it")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// InitGenesis rebuilds the index from the exported violations (it is not in
// the genesis file).
func TestViolationsByTimeRebuiltByGenesis(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 3, nil)
	t1 := genesisTime.Add(time.Hour)
	f.at(t1)
	f.violate(ops[2])
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)

	// ACT
	g := newFixtureWith(t, func(g *fixture) *types.GenesisState {
		require.NoError(t, g.nft.SaveClass(g.ctx, nft.Class{Id: types.NFTClassID}))
		for _, n := range f.nft.GetNFTsOfClass(f.ctx, types.NFTClassID) {
			require.NoError(t, g.nft.Mint(g.ctx, n, f.nft.GetOwner(f.ctx, types.NFTClassID, n.Id)))
		}
		coins := sdk.NewCoins(sdk.NewCoin(bond, f.escrow()))
		require.NoError(t, g.bank.MintCoins(g.ctx, faucet, coins))
		require.NoError(t, g.bank.SendCoinsFromModuleToModule(g.ctx, faucet, types.ModuleName, coins))
		g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
		return exported
	})

	// ASSERT
	require.Equal(t, []sdk.AccAddress{ops[2]}, g.violators(t1, t1))
	require.NoError(t, g.k.CheckInvariants(g.ctx))
}

// Migrate4to5 indexes the violations a version-4 store holds (written
// without the time index).
func TestMigrate4to5(t *testing.T) {
	// ARRANGE: a version-4 store: a violation without its time index entry
	f, ops := genesisWithOperators(t, 2, nil)
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(f.key))
	v4 := collections.NewMap(sb, types.ViolationsKey, "violations",
		collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Violation](cdc))
	_, err := sb.Build()
	require.NoError(t, err)
	at := genesisTime.Add(time.Hour)
	require.NoError(t, v4.Set(f.ctx, collections.Join(ops[1], uint64(3)), types.Violation{Id: 3, Owner: f.str(ops[1]), Time: at}))
	require.Empty(t, f.violators(at, at), "version 4 has no time index")
	require.ErrorContains(t, f.k.CheckInvariants(f.ctx), "violations_by_time")

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate4to5(f.ctx))

	// ASSERT
	require.Equal(t, []sdk.AccAddress{ops[1]}, f.violators(at, at))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// The invariant finds an index entry missing, and one naming a violation at
// another time.
func TestViolationsByTimeInvariant(t *testing.T) {
	f, ops := genesisWithOperators(t, 2, nil)
	at := genesisTime.Add(time.Hour)
	f.at(at)
	id := f.violate(ops[0])
	key := keeper.ViolationKeyOf(ops[0], id)
	v, err := f.k.Violations().Get(f.ctx, key)
	require.NoError(t, err)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	idx := f.k.Violations().Indexes.Time

	// missing
	require.NoError(t, idx.Unreference(f.ctx, key, func() (types.Violation, error) { return v, nil }))
	require.ErrorContains(t, f.k.CheckInvariants(f.ctx), "violations_by_time holds 0 entries; 1 violations are stored")

	// at another time
	moved := v
	moved.Time = at.Add(time.Minute)
	require.NoError(t, idx.Reference(f.ctx, key, moved, func() (types.Violation, error) { return types.Violation{}, collections.ErrNotFound }))
	require.ErrorContains(t, f.k.CheckInvariants(f.ctx), "no stored violation")
}
