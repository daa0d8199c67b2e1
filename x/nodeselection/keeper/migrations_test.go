package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Migrate1to2 fills max_prune_per_block and indexes the violations a
// version-1 store holds (written without the index), so pruning sees them.
func TestMigrate1to2(t *testing.T) {
	// ARRANGE: a version-1 store: params without the field, a violation without index entry.
	f, owners := genesisWithOperators(t, 2, nil)
	p := f.params()
	p.MaxPrunePerBlock = 0
	require.NoError(t, f.k.SetParams(f.ctx, p))
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(f.key))
	v1 := collections.NewMap(sb, types.ViolationsKey, "violations",
		collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Violation](cdc))
	_, err := sb.Build()
	require.NoError(t, err)
	require.NoError(t, v1.Set(f.ctx, collections.Join(owners[0], uint64(7)), types.Violation{Id: 7, Owner: f.str(owners[0]), Time: genesisTime}))
	_, err = f.k.Violations().Indexes.ID.MatchExact(f.ctx, 7)
	require.ErrorIs(t, err, collections.ErrNotFound, "version 1 has no index")

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate1to2(f.ctx))

	// ASSERT
	require.Equal(t, uint32(types.DefaultMaxPrunePerBlock), f.params().MaxPrunePerBlock)
	key, err := f.k.Violations().Indexes.ID.MatchExact(f.ctx, 7)
	require.NoError(t, err)
	require.Equal(t, keeper.ViolationKeyOf(owners[0], 7), key)
}

func (f *fixture) params() types.Params {
	p, err := f.k.Params().Get(f.ctx)
	require.NoError(f.t, err)
	return p
}
