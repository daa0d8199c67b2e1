package keeper_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

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
