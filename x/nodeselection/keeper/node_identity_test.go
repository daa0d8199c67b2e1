package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// nodeID is the node id of an operator record.
func (f *fixture) nodeID(a sdk.AccAddress) uint32 {
	id, err := types.NodeIDFromNFT(f.operator(a).NftId)
	require.NoError(f.t, err)
	return id
}

// setKey sends MsgUpdateOperator with priv's key and its proof.
func (f *fixture) setKey(a sdk.AccAddress, priv *secp256k1.PrivKey) error {
	key, proof := f.keyProof(priv, a, f.nodeID(a))
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), SigningPublicKey: key, KeyProof: proof})
	return err
}

// setMoniker sends MsgUpdateOperator with a moniker.
func (f *fixture) setMoniker(a sdk.AccAddress, m string) error {
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Moniker: m})
	return err
}

func pub(p *secp256k1.PrivKey) []byte { return p.PubKey().Bytes() }

// Registration verifies the key proof over this chain's id, the owner and the
// node id; every bad key or proof is rejected with its error and changes nothing.
func TestRegisterNodeKeyRules(t *testing.T) {
	f, ops := genesisWithOperators(t, 2, nil)
	f.ctx = f.ctx.WithChainID("xmtp-test-1")
	a, other := addr(50), addr(51)
	f.fund(a, minBond)
	nftID := f.issue(a)
	id, err := types.NodeIDFromNFT(nftID)
	require.NoError(t, err)
	require.Equal(t, uint32(300), id, "op-3 is node 300")
	priv := nodeKey(a)
	sign := func(chain, owner string, node uint32) []byte {
		_, proof, err := types.SignNodeKeyProof(priv, chain, owner, node)
		require.NoError(t, err)
		return proof
	}
	good := sign("xmtp-test-1", f.str(a), id)
	cases := []struct {
		name       string
		key, proof []byte
		want       error
	}{
		{"proof by another key", pub(priv), func() []byte { _, p, _ := types.SignNodeKeyProof(nodeKey(a, 9), "xmtp-test-1", f.str(a), id); return p }(), types.ErrInvalidKeyProof},
		{"proof for another chain", pub(priv), sign("xmtp-other", f.str(a), id), types.ErrInvalidKeyProof},
		{"proof replayed for another owner", pub(priv), sign("xmtp-test-1", f.str(other), id), types.ErrInvalidKeyProof},
		{"proof for another node id", pub(priv), sign("xmtp-test-1", f.str(a), id+100), types.ErrInvalidKeyProof},
		{"short proof", pub(priv), good[:63], types.ErrInvalidKeyProof},
		{"key not compressed", append([]byte{0x04}, pub(priv)[1:]...), good, types.ErrInvalidNodeKey},
		{"key of 32 bytes", pub(priv)[1:], good, types.ErrInvalidNodeKey},
		{"key without proof", pub(priv), nil, types.ErrInvalidKeyProof},
		{"proof without key", nil, good, types.ErrInvalidNodeKey},
		{"key held by another operator", pub(nodeKey(ops[0])), func() []byte {
			_, p, _ := types.SignNodeKeyProof(nodeKey(ops[0]), "xmtp-test-1", f.str(a), id)
			return p
		}(), types.ErrNodeKeyTaken},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := f.snapshot(a)
			msg := f.registerMsg(a, nftID, minBond)
			msg.SigningPublicKey, msg.KeyProof = c.key, c.proof
			_, err := f.msg.RegisterOperator(f.ctx, msg)
			require.ErrorIs(t, err, c.want)
			require.Equal(t, before, f.snapshot(a), "state unchanged")
		})
	}

	// the right proof registers the key in force at once
	msg := f.registerMsg(a, nftID, minBond)
	msg.SigningPublicKey, msg.KeyProof = pub(priv), good
	_, err = f.msg.RegisterOperator(f.ctx, msg)
	require.NoError(t, err)
	require.Equal(t, pub(priv), f.operator(a).SigningPublicKey)
	changed := events.Typed[types.EventNodeKeyChanged](f.ctx)
	require.Len(t, changed, 1)
	require.Equal(t, types.EventNodeKeyChanged{NodeId: 300, Owner: f.str(a), SigningPublicKey: strings.ToLower(hexOf(pub(priv)))}, changed[0])
}

// A key pending for another operator is taken too; it is freed when that
// operator announces another key instead, and a deleted record frees its key.
func TestNodeKeyTakenWhilePending(t *testing.T) {
	f, ops := genesisWithOperators(t, 4, func(p *types.Params) { p.ActiveSetSize = 2 })
	seated, outside := ops[0], ops[3] // current set: ops 1, 2; next: 2, 3
	require.Equal(t, []string{f.str(ops[0]), f.str(ops[1])}, owners(f.state().Current))
	k := nodeKey(seated, 1)
	require.NoError(t, f.setKey(seated, k))
	require.Equal(t, pub(k), f.operator(seated).PendingSigningPublicKey, "announced, not in force")

	// ACT + ASSERT: the pending key cannot be taken
	before := f.snapshot(outside)
	require.ErrorIs(t, f.setKey(outside, k), types.ErrNodeKeyTaken)
	require.Equal(t, before, f.snapshot(outside))
	// nor the key in force of another
	require.ErrorIs(t, f.setKey(outside, nodeKey(ops[1])), types.ErrNodeKeyTaken)

	// a second rotation replaces the pending key; the first is free again
	require.NoError(t, f.setKey(seated, nodeKey(seated, 2)))
	require.Equal(t, pub(nodeKey(seated, 2)), f.operator(seated).PendingSigningPublicKey)
	require.NoError(t, f.setKey(outside, k))
	require.Equal(t, pub(k), f.operator(outside).SigningPublicKey, "outside the sets: in force at once")
}

// Monikers: 1–64 printable characters without white space at either end,
// unique ignoring ASCII case; a bad one changes nothing; a moniker given up
// or a deleted record frees it.
func TestMonikerRules(t *testing.T) {
	f, ops := genesisWithOperators(t, 3, func(p *types.Params) {
		p.ActiveSetSize = 1
		p.UnbondingPeriod = time.Second
	})
	a, b := ops[1], ops[2]
	bad := []string{
		strings.Repeat("x", 65), " lead", "trail ", "bell\a", "zero\u200bwidth", "new\nline", "\xff\xfe", "\u00a0nbsp",
	}
	for _, m := range bad {
		before := f.snapshot(a)
		require.ErrorIs(t, f.setMoniker(a, m), types.ErrInvalidMoniker, "%q", m)
		require.Equal(t, before, f.snapshot(a))
	}
	for _, m := range []string{strings.Repeat("é", 64), "Node Operator #1 (Bratislava)", "節點", "a"} {
		require.NoError(t, f.setMoniker(a, m), "%q", m)
		require.Equal(t, m, f.operator(a).Moniker)
	}
	require.NoError(t, f.setMoniker(a, "Alice"))
	ev := events.Typed[types.EventOperatorUpdated](f.ctx)
	require.Equal(t, "Alice", ev[len(ev)-1].Moniker)
	for _, m := range []string{"Alice", "alice", "ALICE"} {
		require.ErrorIs(t, f.setMoniker(b, m), types.ErrMonikerTaken, "%q", m)
	}
	require.NoError(t, f.setMoniker(a, "ALICE"), "an operator may change the case of its own moniker")
	require.NoError(t, f.setMoniker(b, "Älice"), "non-ASCII letters are compared as given")

	// given up: free
	require.NoError(t, f.setMoniker(a, "Alicia"))
	require.NoError(t, f.setMoniker(b, "alice"))

	// a deleted record frees its moniker and key
	require.NoError(t, f.setMoniker(b, "Bob"))
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(b)})
	require.NoError(t, err)
	for c := 1; c <= 3; c++ {
		f.boundary(c)
	}
	_, err = f.k.GetOperator(f.ctx, b)
	require.Error(t, err, "the record of b is deleted")
	require.NoError(t, f.setMoniker(a, "bob"))
	require.NoError(t, f.setKey(a, nodeKey(b)), "the key of the deleted record is free")
	require.Contains(t, [][]byte{f.operator(a).SigningPublicKey, f.operator(a).PendingSigningPublicKey}, pub(nodeKey(b)))
}

// With require_node_key an operator without a key keeps its queue place but
// is not seated; once it has a key it is seated in its queue turn.
func TestRequireNodeKeySkipsOperatorWithoutKey(t *testing.T) {
	for _, require_ := range []bool{true, false} {
		f, ops := keylessGenesis(t, require_)
		keyless := ops[1]
		// ASSERT: cycle 0 and 1 seats
		seatedEver := false
		for c := 1; c <= 4; c++ {
			for _, m := range append(f.state().Current, f.state().Next...) {
				seatedEver = seatedEver || m.Owner == f.str(keyless)
			}
			f.boundary(c)
		}
		require.Equal(t, !require_, seatedEver, "require_node_key=%v", require_)
		if !require_ {
			continue
		}
		q, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{})
		require.NoError(t, err)
		found := false
		for _, e := range q.Entries {
			if e.Owner == f.str(keyless) {
				found = true
				require.False(t, e.Eligible)
				require.Contains(t, e.Reason, "require_node_key")
			}
		}
		require.True(t, found, "the keyless operator keeps its queue place")
		n, err := f.q.Node(f.ctx, &types.QueryNodeRequest{NodeId: 200})
		require.NoError(t, err)
		require.False(t, n.Node.IsValidConfig, "no key: not a valid config")

		// with a key it is seated at the next boundaries
		require.NoError(t, f.setKey(keyless, nodeKey(keyless)))
		seated := false
		for c := 5; c <= 8 && !seated; c++ {
			f.boundary(c)
			for _, m := range f.state().Next {
				seated = seated || m.Owner == f.str(keyless)
			}
		}
		require.True(t, seated)
	}
}

// keylessGenesis: 4 genesis operators, 2 seats, one rotation per cycle, op-2 without a key.
func keylessGenesis(t *testing.T, requireKey bool) (*fixture, []sdk.AccAddress) {
	f, ops := genesisWithOperatorsEdit(t, 4, func(p *types.Params) {
		p.ActiveSetSize = 2
		p.RequireNodeKey = requireKey
	}, func(gs *types.GenesisState) { gs.Operators[1].SigningPublicKey = nil })
	return f, ops
}

// A new key while in the current or next set is announced for the boundary
// after next (cycle + 2) and put in force there; outside the sets at once.
func TestKeyRotationAnnouncedWhileSeated(t *testing.T) {
	f, ops := genesisWithOperators(t, 6, func(p *types.Params) { p.ActiveSetSize = 2 })
	s := f.state()
	require.Equal(t, uint64(0), s.Cycle)
	// seats (2, one rotation a cycle): cycle 0 current {1,2} next {2,3};
	// cycle 1 current {2,3}: op-2 is seated in cycles 0 and 1
	seated := ops[1]
	old, k1, k2 := pub(nodeKey(seated)), nodeKey(seated, 1), nodeKey(seated, 2)

	require.NoError(t, f.setKey(seated, k1))
	op := f.operator(seated)
	require.Equal(t, old, op.SigningPublicKey, "the old key stays in force")
	require.Equal(t, pub(k1), op.PendingSigningPublicKey)
	require.Equal(t, uint64(2), op.EffectiveCycle, "cycle 0 + 2: peers know it for the whole of cycle 1")
	ann := events.Typed[types.EventNodeKeyAnnounced](f.ctx)
	require.Equal(t, []types.EventNodeKeyAnnounced{{NodeId: 200, Owner: f.str(seated), PendingSigningPublicKey: hexOf(pub(k1)), EffectiveCycle: 2}}, ann)
	require.Empty(t, events.Typed[types.EventNodeKeyChanged](f.ctx))

	f.boundary(1)
	require.True(t, hasMember(f.state().Current, f.str(seated)))
	require.Equal(t, old, f.operator(seated).SigningPublicKey, "not yet at cycle 1")
	// a second rotation in cycle 1 replaces the pending key, effective 3
	require.NoError(t, f.setKey(seated, k2))
	require.Equal(t, uint64(3), f.operator(seated).EffectiveCycle)
	f.boundary(2)
	require.Equal(t, old, f.operator(seated).SigningPublicKey, "the replaced rotation does not happen at 2")
	require.Empty(t, events.Typed[types.EventNodeKeyChanged](f.ctx))
	f.boundary(3)
	op = f.operator(seated)
	require.Equal(t, pub(k2), op.SigningPublicKey, "in force at the announced boundary")
	require.Empty(t, op.PendingSigningPublicKey)
	require.Zero(t, op.EffectiveCycle)
	require.Equal(t, []types.EventNodeKeyChanged{{NodeId: 200, Owner: f.str(seated), SigningPublicKey: hexOf(pub(k2))}},
		events.Typed[types.EventNodeKeyChanged](f.ctx))

	// the key in force again cancels a pending rotation
	member := f.state().Current[0].Owner
	ma, err := f.ak.AddressCodec().StringToBytes(member)
	require.NoError(t, err)
	inForce := f.operator(ma).SigningPublicKey
	require.NoError(t, f.setKey(ma, nodeKey(ma, 7)))
	require.NotEmpty(t, f.operator(ma).PendingSigningPublicKey)
	var priv *secp256k1.PrivKey
	for _, p := range []*secp256k1.PrivKey{nodeKey(ma), nodeKey(ma, 1), nodeKey(ma, 2)} {
		if string(pub(p)) == string(inForce) {
			priv = p
		}
	}
	require.NotNil(t, priv)
	require.NoError(t, f.setKey(ma, priv))
	require.Empty(t, f.operator(ma).PendingSigningPublicKey, "cancelled")
	require.Zero(t, f.operator(ma).EffectiveCycle)
}
