package keeper_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// recordingService is the module's store service with every Set and Delete
// counted by the collection prefix of its key.
type recordingService struct {
	inner corestore.KVStoreService
	ops   map[byte]int
	gets  map[byte]int // reads, when set
}

func (r *recordingService) OpenKVStore(ctx context.Context) corestore.KVStore {
	return recordingStore{KVStore: r.inner.OpenKVStore(ctx), ops: r.ops, gets: r.gets}
}

type recordingStore struct {
	corestore.KVStore
	ops  map[byte]int
	gets map[byte]int
}

func (s recordingStore) Get(key []byte) ([]byte, error) {
	if s.gets != nil {
		s.gets[key[0]]++
	}
	return s.KVStore.Get(key)
}

func (s recordingStore) Set(key, value []byte) error {
	s.ops[key[0]]++
	return s.KVStore.Set(key, value)
}
func (s recordingStore) Delete(key []byte) error { s.ops[key[0]]++; return s.KVStore.Delete(key) }

// indexOps runs fn with a message server on a keeper whose store counts
// writes and deletes, and returns them per operator collection.
func (f *fixture) indexOps(fn func(types.MsgServer)) map[string]int {
	f.t.Helper()
	rec := &recordingService{inner: runtime.NewKVStoreService(f.key), ops: map[byte]int{}}
	k := keeper.NewKeeper(moduletestutil.MakeTestEncodingConfig().Codec, rec, f.ak, f.bank, f.nft, nil, f.authority)
	fn(keeper.NewMsgServerImpl(k))
	names := map[byte]string{types.OperatorsByNFTKey[0]: "nft", types.OperatorsByStatusKey[0]: "status",
		types.OperatorsBySignerKey[0]: "signer", types.OperatorsKey[0]: "record"}
	out := map[string]int{}
	for prefix, n := range rec.ops {
		if name, ok := names[prefix]; ok {
			out[name] += n
		}
	}
	return out
}

// An update that keeps the NFT, status and signer leaves their index
// entries alone; one that changes a key moves that entry, and the index
// answers with the new key only.
func TestOperatorIndexesWriteOnlyChangedKeys(t *testing.T) {
	f, owners := genesisWithOperators(t, 3, nil)
	owner := owners[2]

	ops := f.indexOps(func(msg types.MsgServer) {
		_, err := msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(owner), Amount: sdk.NewInt64Coin(bond, 1)})
		require.Error(t, err, "unfunded") // nothing written on failure either
	})
	require.Empty(t, ops)

	f.fund(owner, 5)
	ops = f.indexOps(func(msg types.MsgServer) {
		_, err := msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(owner), Amount: sdk.NewInt64Coin(bond, 5)})
		require.NoError(t, err)
	})
	require.Equal(t, map[string]int{"record": 1}, ops, "only the record is written")

	ops = f.indexOps(func(msg types.MsgServer) {
		_, err := msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(owner)})
		require.NoError(t, err)
	})
	require.Equal(t, 2, ops["status"], "the status entry moves: one delete, one write")
	require.Zero(t, ops["nft"])
	require.Zero(t, ops["signer"])
	leaving := f.ownersWithStatus(types.OPERATOR_STATUS_LEAVING)
	require.Equal(t, []string{f.str(owner)}, leaving)
	require.NotContains(t, f.ownersWithStatus(f.operator(owners[0]).Status), f.str(owner))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func (f *fixture) ownersWithStatus(s types.OperatorStatus) []string {
	f.t.Helper()
	iter, err := f.k.Operators().Indexes.Status.MatchExact(f.ctx, int32(s))
	require.NoError(f.t, err)
	pks, err := iter.PrimaryKeys()
	require.NoError(f.t, err)
	out := make([]string, len(pks))
	for i, pk := range pks {
		out[i] = f.str(pk)
	}
	return out
}

// A write of an operator record reads the previous record once for all its
// indexes (collections gives each index its own read: 7 of them), and an
// index key the record already held is not looked up again.
func TestOperatorWriteReadsRecordOnce(t *testing.T) {
	f, owners := genesisWithOperators(t, 3, nil)
	owner := owners[2]
	f.fund(owner, 5)
	rec := &recordingService{inner: runtime.NewKVStoreService(f.key), ops: map[byte]int{}, gets: map[byte]int{}}
	k := keeper.NewKeeper(moduletestutil.MakeTestEncodingConfig().Codec, rec, f.ak, f.bank, f.nft, nil, f.authority)
	_, err := keeper.NewMsgServerImpl(k).AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(owner), Amount: sdk.NewInt64Coin(bond, 5)})
	require.NoError(t, err)
	require.Equal(t, 2, rec.gets[types.OperatorsKey[0]], "the handler's read and the write's")
	require.Zero(t, rec.gets[types.OperatorsByNodeIDKey[0]], "the node id the record already held")
}
