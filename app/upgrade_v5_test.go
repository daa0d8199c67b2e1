//go:build !preibc

package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	"github.com/xmtp/xmtpd-chain/app/upgrades"
	"github.com/xmtp/xmtpd-chain/x/nodeselection"
	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// v5 on a chain that ran x/nodeselection version 3 (operators without node
// keys, no registry indexes): require_node_key is false afterwards, the
// current and next sets are unchanged, and the registry lists every operator
// by node id.
func TestUpgradeV5NodeRegistry(t *testing.T) {
	// ARRANGE: the state of version 3: no keys, no registry indexes, the
	// module version stored as 3, require_node_key as a param the old binary
	// did not have (stored as true here, to see the upgrade set it).
	ta := apptesting.Setup(t, apptesting.Config{Operators: 6})
	ctx := upgradeCtx(ta)
	nk := ta.NodeSelectionKeeper
	for _, o := range ta.Operators {
		op, err := nk.Operators().Get(ctx, o.Addr)
		require.NoError(t, err)
		op.SigningPublicKey = nil
		require.NoError(t, nk.SetOperator(ctx, o.Addr, op))
	}
	store := ctx.KVStore(ta.GetKey(nstypes.StoreKey))
	for _, prefix := range [][]byte{nstypes.OperatorsByNodeIDKey, nstypes.OperatorsByNodeKeyKey} {
		it := store.Iterator(prefix, append(append([]byte{}, prefix...), 0xff))
		var keys [][]byte
		for ; it.Valid(); it.Next() {
			keys = append(keys, it.Key())
		}
		require.NoError(t, it.Close())
		for _, k := range keys {
			store.Delete(k)
		}
	}
	p, err := nk.Params().Get(ctx)
	require.NoError(t, err)
	p.RequireNodeKey = true
	require.NoError(t, nk.SetParams(ctx, p))
	vm, err := ta.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	vm[nstypes.ModuleName] = 3
	require.NoError(t, ta.UpgradeKeeper.SetModuleVersionMap(ctx, vm))
	before, err := nk.GetCycleState(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, before.Current)

	// ACT
	require.NoError(t, ta.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: upgrades.V5Name, Height: ctx.BlockHeight()}))

	// ASSERT
	p, err = nk.Params().Get(ctx)
	require.NoError(t, err)
	require.False(t, p.RequireNodeKey, "require_node_key is false after the upgrade")
	after, err := nk.GetCycleState(ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "seats unchanged")
	vm, err = ta.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(nodeselection.ConsensusVersion), vm[nstypes.ModuleName], "every migration up to this binary's version ran")
	q := nskeeper.NewQuerier(nk)
	nodes, err := q.Nodes(ctx, &nstypes.QueryNodesRequest{})
	require.NoError(t, err)
	require.Len(t, nodes.Nodes, 6, "the migration built the node id index")
	for i, n := range nodes.Nodes {
		require.Equal(t, uint32(100*(i+1)), n.NodeId)
	}
	require.NoError(t, ta.CheckInvariants(ctx))
}
