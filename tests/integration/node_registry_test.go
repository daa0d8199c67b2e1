package integration_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Through the whole app, across six boundaries: Query/Nodes' is_canonical and
// is_next are exactly the current and next sets of each cycle, while a key
// rotation sent in a transaction by a seated operator is pending and takes
// effect at the boundary after next (cycle 2), announced by events.
func TestNodesFollowTheActiveSetWithRotationInFlight(t *testing.T) {
	// ARRANGE: 6 operators with keys, 2 seats, one rotation a cycle
	ta := apptesting.Setup(t, apptesting.Config{Operators: 6, EditGenesis: func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
		var gs nstypes.GenesisState
		cdc.MustUnmarshalJSON(s[nstypes.ModuleName], &gs)
		gs.Params.ActiveSetSize = 2
		s[nstypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}})
	nk := ta.NodeSelectionKeeper
	q := nskeeper.NewQuerier(nk)
	p, err := nk.GetParams(ta.Ctx())
	require.NoError(t, err)
	require.True(t, p.RequireNodeKey)
	state, err := nk.GetCycleState(ta.Ctx())
	require.NoError(t, err)
	seated := ta.Operators[1] // op-2: current in cycle 0, and next
	require.Equal(t, seated.Addr.String(), state.Current[1].Owner)
	newKey := apptesting.NodeKey(seated.Addr, 1)
	key, proof, err := nstypes.SignNodeKeyProof(newKey, apptesting.ChainID, seated.Addr.String(), 200)
	require.NoError(t, err)

	// ACT: the rotation in a transaction during cycle 0
	res := ta.MustDeliver(seated, 0, &nstypes.MsgUpdateOperator{Owner: seated.Addr.String(), SigningPublicKey: key, KeyProof: proof})
	require.Contains(t, eventTypesOf(res.Events), "xmtp.nodeselection.v1.EventNodeKeyAnnounced")

	// ASSERT at every boundary
	oldKey := apptesting.NodeKey(seated.Addr).PubKey().Bytes()
	for c := uint64(0); c <= 6; c++ {
		if c > 0 {
			block := ta.NextBlock(p.CycleDuration)
			types := eventTypesOf(block.Events)
			require.Contains(t, types, "xmtp.nodeselection.v1.EventNodeCanonicalChanged", "cycle %d", c)
			if c == 2 {
				require.Contains(t, types, "xmtp.nodeselection.v1.EventNodeKeyChanged")
			}
		}
		ctx := ta.Ctx()
		state, err := nk.GetCycleState(ctx)
		require.NoError(t, err)
		require.Equal(t, c, state.Cycle)
		resp, err := q.Nodes(ctx, &nstypes.QueryNodesRequest{})
		require.NoError(t, err)
		require.Equal(t, c, resp.Cycle)
		require.Len(t, resp.Nodes, 6)
		var canonical, next []string
		for _, n := range resp.Nodes {
			if n.IsCanonical {
				canonical = append(canonical, n.Owner)
			}
			if n.IsNext {
				next = append(next, n.Owner)
			}
			require.True(t, n.IsValidConfig, "node %d", n.NodeId)
		}
		require.ElementsMatch(t, memberOwners(state.Current), canonical, "cycle %d", c)
		require.ElementsMatch(t, memberOwners(state.Next), next, "cycle %d", c)
		require.Len(t, canonical, 2)

		node, err := q.Node(ctx, &nstypes.QueryNodeRequest{NodeId: 200})
		require.NoError(t, err)
		if c < 2 {
			require.Equal(t, oldKey, node.Node.SigningPublicKey, "cycle %d: the old key signs", c)
			require.Equal(t, key, node.Node.PendingSigningPublicKey)
			require.Equal(t, uint64(2), node.Node.EffectiveCycle)
		} else {
			require.Equal(t, key, node.Node.SigningPublicKey, "cycle %d: the new key is in force", c)
			require.Empty(t, node.Node.PendingSigningPublicKey)
		}
	}
}

func memberOwners(ms []nstypes.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Owner
	}
	return out
}
