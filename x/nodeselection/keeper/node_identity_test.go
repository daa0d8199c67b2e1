package keeper_test

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

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

// Outside the current and next sets a new key is in force at once.
func TestKeyRotationImmediateOutsideSets(t *testing.T) {
	f, ops := genesisWithOperators(t, 6, func(p *types.Params) { p.ActiveSetSize = 2 })
	outside := ops[5]
	require.False(t, inAny(f.state(), f.str(outside)))
	k := nodeKey(outside, 1)
	require.NoError(t, f.setKey(outside, k))
	op := f.operator(outside)
	require.Equal(t, pub(k), op.SigningPublicKey)
	require.Empty(t, op.PendingSigningPublicKey)
	require.Equal(t, []types.EventNodeKeyChanged{{NodeId: 600, Owner: f.str(outside), SigningPublicKey: hexOf(pub(k))}},
		events.Typed[types.EventNodeKeyChanged](f.ctx))
	require.Empty(t, events.Typed[types.EventNodeKeyAnnounced](f.ctx))
}

func inAny(s types.CycleState, owner string) bool {
	for _, m := range append(append([]types.Member{}, s.Current...), s.Next...) {
		if m.Owner == owner {
			return true
		}
	}
	return false
}

// An endpoint change emits EventNodeAddressChanged (not when it is the same);
// each boundary emits EventNodeCanonicalChanged for exactly the nodes whose
// is_canonical or is_next flag changed.
func TestNodeAddressAndCanonicalEvents(t *testing.T) {
	f, ops := genesisWithOperators(t, 6, func(p *types.Params) { p.ActiveSetSize = 2 })
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(ops[2]), Endpoint: "https://new.example.com"})
	require.NoError(t, err)
	require.Equal(t, []types.EventNodeAddressChanged{{NodeId: 300, Owner: f.str(ops[2]), HttpAddress: "https://new.example.com"}},
		events.Typed[types.EventNodeAddressChanged](f.ctx))
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(ops[2]), Endpoint: "https://new.example.com"})
	require.NoError(t, err)
	require.Empty(t, events.Typed[types.EventNodeAddressChanged](f.ctx))

	for c := 1; c <= 5; c++ {
		before := f.state()
		f.boundary(c)
		after := f.state()
		want := map[string][2]bool{}
		for _, o := range ops {
			s := f.str(o)
			was := [2]bool{hasMember(before.Current, s), hasMember(before.Next, s)}
			now := [2]bool{hasMember(after.Current, s), hasMember(after.Next, s)}
			if was != now {
				want[s] = now
			}
		}
		got := map[string][2]bool{}
		for _, e := range events.Typed[types.EventNodeCanonicalChanged](f.ctx) {
			require.Equal(t, after.Cycle, e.Cycle)
			addr, err := f.ak.AddressCodec().StringToBytes(e.Owner)
			require.NoError(t, err)
			require.Equal(t, f.nodeID(addr), e.NodeId)
			got[e.Owner] = [2]bool{e.IsCanonical, e.IsNext}
		}
		require.NotEmpty(t, want, "cycle %d rotates", c)
		require.Equal(t, want, got, "cycle %d", c)
	}
}

func hasMember(ms []types.Member, owner string) bool {
	for _, m := range ms {
		if m.Owner == owner {
			return true
		}
	}
	return false
}

// Query/Nodes lists every operator by node id in numeric order, pages with
// count_total, and its flags follow the cycle state; Query/Node finds one.
func TestNodesQuery(t *testing.T) {
	f, ops := genesisWithOperators(t, 12, func(p *types.Params) { p.ActiveSetSize = 3 })
	require.NoError(t, f.setMoniker(ops[10], "Eleven"))
	f.violate(ops[11])
	f.violate(ops[11])
	f.violate(ops[11])
	f.violate(ops[11])
	f.boundary(1)
	s := f.state()

	var all []types.Node
	var next []byte
	for page := 0; ; page++ {
		resp, err := f.q.Nodes(f.ctx, &types.QueryNodesRequest{Pagination: &query.PageRequest{Key: next, Limit: 5, CountTotal: page == 0}})
		require.NoError(t, err)
		require.Equal(t, s.Cycle, resp.Cycle)
		if page == 0 {
			require.Equal(t, uint64(12), resp.Pagination.Total)
		}
		require.LessOrEqual(t, len(resp.Nodes), 5)
		all = append(all, resp.Nodes...)
		if next = resp.Pagination.NextKey; next == nil {
			break
		}
	}
	require.Len(t, all, 12)
	for i, n := range all {
		require.Equal(t, uint32(100*(i+1)), n.NodeId, "numeric order (node 1000 after 900, not after 100)")
		op := f.operator(ops[i])
		require.Equal(t, op.Owner, n.Owner)
		require.Equal(t, op.Endpoint, n.HttpAddress)
		require.Equal(t, op.SigningPublicKey, n.SigningPublicKey)
		require.Equal(t, hasMember(s.Current, op.Owner), n.IsCanonical, "node %d", n.NodeId)
		require.Equal(t, hasMember(s.Next, op.Owner), n.IsNext, "node %d", n.NodeId)
		require.Equal(t, op.Status, n.Status)
	}
	require.Equal(t, "Eleven", all[10].Moniker)
	require.Equal(t, types.OPERATOR_STATUS_JAILED, all[11].Status)
	require.False(t, all[11].IsValidConfig, "jailed")
	require.True(t, all[0].IsValidConfig)

	one, err := f.q.Node(f.ctx, &types.QueryNodeRequest{NodeId: 1100})
	require.NoError(t, err)
	require.Equal(t, all[10], one.Node)
	_, err = f.q.Node(f.ctx, &types.QueryNodeRequest{NodeId: 9900})
	require.Equal(t, codes.NotFound, status.Code(err))
	require.Contains(t, err.Error(), "op-99")
	_, err = f.q.Node(f.ctx, &types.QueryNodeRequest{NodeId: 150})
	require.Equal(t, codes.InvalidArgument, status.Code(err))
}

// Export with monikers, keys and a pending rotation imports into the same
// state, the indexes rebuilt: the pending key is still taken and is applied
// at its boundary; genesis validation rejects duplicates.
func TestNodeRegistryGenesisRoundTrip(t *testing.T) {
	f, ops := genesisWithOperators(t, 4, func(p *types.Params) { p.ActiveSetSize = 2 })
	require.NoError(t, f.setMoniker(ops[0], "Zero"))
	require.NoError(t, f.setKey(ops[0], nodeKey(ops[0], 1)))
	require.NotEmpty(t, f.operator(ops[0]).PendingSigningPublicKey)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)

	g := importInto(t, f, gs)
	require.Equal(t, f.snapshot(), g.snapshot())
	require.Equal(t, f.rawStore(), g.rawStore(), "indexes rebuilt byte for byte")
	require.ErrorIs(t, g.setMoniker(ops[1], "zero"), types.ErrMonikerTaken)
	require.ErrorIs(t, g.setKey(ops[3], nodeKey(ops[0], 1)), types.ErrNodeKeyTaken)
	g.boundary(1)
	g.boundary(2)
	require.Equal(t, pub(nodeKey(ops[0], 1)), g.operator(ops[0]).SigningPublicKey)

	ac := f.ak.AddressCodec()
	for name, edit := range map[string]func(*types.GenesisState){
		"same moniker": func(gs *types.GenesisState) { gs.Operators[1].Moniker = "ZERO" },
		"same key":     func(gs *types.GenesisState) { gs.Operators[1].SigningPublicKey = gs.Operators[0].SigningPublicKey },
		"key pending for two": func(gs *types.GenesisState) {
			gs.Operators[2].SigningPublicKey = gs.Operators[0].PendingSigningPublicKey
		},
		"bad key":     func(gs *types.GenesisState) { gs.Operators[1].SigningPublicKey = []byte{2, 3} },
		"bad moniker": func(gs *types.GenesisState) { gs.Operators[1].Moniker = " x" },
		"pending without effective cycle": func(gs *types.GenesisState) {
			gs.Operators[0].EffectiveCycle = 0
		},
	} {
		bad := cloneGenesis(t, f, gs)
		edit(bad)
		require.ErrorIs(t, bad.Validate(ac), types.ErrInvalidGenesis, name)
	}
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

// genesisWithOperatorsEdit is genesisWithOperators with a last edit of the genesis.
func genesisWithOperatorsEdit(t *testing.T, n int, mutate func(*types.Params), edit func(*types.GenesisState)) (*fixture, []sdk.AccAddress) {
	t.Helper()
	owners := make([]sdk.AccAddress, n)
	f := newFixtureWith(t, func(f *fixture) *types.GenesisState {
		require.NoError(t, f.nft.SaveClass(f.ctx, nft.Class{Id: types.NFTClassID}))
		gs := types.DefaultGenesis()
		mutate(&gs.Params)
		for i := range owners {
			owners[i] = addr(i + 1)
			id := fmt.Sprintf("op-%d", i+1)
			require.NoError(t, f.nft.Mint(f.ctx, nft.NFT{ClassId: types.NFTClassID, Id: id}, owners[i]))
			gs.Operators = append(gs.Operators, types.Operator{Owner: f.str(owners[i]), NftId: id, Stake: math.NewInt(minBond),
				Endpoint: "https://n.example.com", Region: "US", SigningPublicKey: pub(nodeKey(owners[i]))})
		}
		gs.NextNftSeq = uint64(n + 1)
		coins := sdk.NewCoins(sdk.NewInt64Coin(bond, int64(n)*minBond))
		require.NoError(t, f.bank.MintCoins(f.ctx, faucet, coins))
		require.NoError(t, f.bank.SendCoinsFromModuleToModule(f.ctx, faucet, types.ModuleName, coins))
		edit(gs)
		return gs
	})
	return f, owners
}

// importInto starts a fresh chain from gs holding f's NFTs and escrow.
func importInto(t *testing.T, f *fixture, gs *types.GenesisState) *fixture {
	return newFixtureWith(t, func(g *fixture) *types.GenesisState {
		require.NoError(t, g.nft.SaveClass(g.ctx, nft.Class{Id: types.NFTClassID}))
		for _, n := range f.nft.GetNFTsOfClass(f.ctx, types.NFTClassID) {
			require.NoError(t, g.nft.Mint(g.ctx, n, f.nft.GetOwner(f.ctx, types.NFTClassID, n.Id)))
		}
		coins := sdk.NewCoins(sdk.NewCoin(bond, f.escrow()))
		require.NoError(t, g.bank.MintCoins(g.ctx, faucet, coins))
		require.NoError(t, g.bank.SendCoinsFromModuleToModule(g.ctx, faucet, types.ModuleName, coins))
		g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime()).WithChainID(f.ctx.ChainID())
		return gs
	})
}

// cloneGenesis is a deep copy of gs.
func cloneGenesis(t *testing.T, f *fixture, gs *types.GenesisState) *types.GenesisState {
	bz, err := f.cdc.MarshalJSON(gs)
	require.NoError(t, err)
	var out types.GenesisState
	require.NoError(t, f.cdc.UnmarshalJSON(bz, &out))
	return &out
}
