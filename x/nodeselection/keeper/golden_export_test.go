package keeper_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The golden export was written by the code before the keeper was regrouped
// (issue 18); set XMTPD_UPDATE_GOLDEN=1 to rewrite it (only for a schema change,
// which needs a migration).
const goldenDir = "testdata"

// goldenWorld is what an import needs from other modules.
type goldenWorld struct {
	BlockTime time.Time         `json:"block_time"`
	Escrow    string            `json:"escrow"`
	NFTs      map[string]string `json:"nfts"` // id -> holder
}

// goldenChain runs a chain into every kind of state the module keeps:
// waiting, active, eligible, jailed and leaving operators, unbondings, votes
// and vote unbondings, violations and penalty windows, attestations of the
// open cycle, settled performance and cycle history.
func goldenChain(t *testing.T) (*fixture, goldenWorld) {
	f, ops := genesisWithOperators(t, 8, func(p *types.Params) { p.ActiveSetSize = 4 })
	voters := []sdk.AccAddress{addr(91), addr(92)}
	for _, v := range voters {
		f.fund(v, 1000)
	}
	require.NoError(t, f.vote(voters[0], ops[6], 300))
	require.NoError(t, f.vote(voters[1], ops[6], 200))
	require.NoError(t, f.vote(voters[1], ops[1], 50))
	f.boundary(1)
	require.NoError(t, f.attest(ops[0], 0, f.obs(9000, 7, ops[1], ops[2])))
	require.NoError(t, f.attest(ops[1], 0, f.obs(10000, 3, ops[0], ops[3])))
	require.NoError(t, f.unvote(voters[0], ops[6], 100))
	for i := 0; i < 4; i++ {
		f.violate(ops[7]) // jailed, slashed
	}
	f.violate(ops[5]) // a running penalty window
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(ops[4])})
	require.NoError(t, err)
	f.boundary(2) // settles cycle 0
	f.onboard(40) // waiting
	f.issue(addr(41))
	rec, err := f.k.GetCycleRecord(f.ctx, 1)
	require.NoError(t, err)
	m := make([]sdk.AccAddress, 3)
	for i := range m {
		m[i], err = f.ak.AddressCodec().StringToBytes(rec.Members[i].Owner)
		require.NoError(t, err)
	}
	require.NoError(t, f.attest(m[0], 1, f.obs(8000, 4, m[1], m[2])))
	f.at(f.ctx.BlockTime().Add(time.Minute))
	require.NoError(t, f.k.EndBlocker(f.ctx))
	require.Equal(t, types.OPERATOR_STATUS_JAILED, f.operator(ops[7]).Status)
	require.Equal(t, types.OPERATOR_STATUS_LEAVING, f.operator(ops[4]).Status)
	require.Equal(t, types.OPERATOR_STATUS_WAITING, f.operator(addr(40)).Status)
	w := goldenWorld{BlockTime: f.ctx.BlockTime(), Escrow: f.escrow().String(), NFTs: map[string]string{}}
	for _, n := range f.nft.GetNFTsOfClass(f.ctx, types.NFTClassID) {
		w.NFTs[n.Id] = f.str(f.nft.GetOwner(f.ctx, types.NFTClassID, n.Id))
	}
	return f, w
}

// storeDump lists the module store as "prefix key=value" lines (hex), sorted.
func storeDump(f *fixture) string {
	var lines []string
	for k, v := range f.rawStore() {
		lines = append(lines, hex.EncodeToString([]byte(k[:1]))+" "+hex.EncodeToString([]byte(k[1:]))+"="+hex.EncodeToString(v))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func exportJSON(t *testing.T, f *fixture) []byte {
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	bz, err := f.cdc.MarshalJSON(gs)
	require.NoError(t, err)
	return bz
}

func readGolden(t *testing.T, name string) []byte {
	bz, err := os.ReadFile(filepath.Join(goldenDir, name))
	require.NoError(t, err)
	return bz
}

// Importing the golden export and exporting again gives the same bytes, and
// the same store bytes prefix by prefix: the schema never changes silently.
func TestGoldenExportRoundTrip(t *testing.T) {
	if os.Getenv("XMTPD_UPDATE_GOLDEN") == "1" {
		f, w := goldenChain(t)
		wbz, err := json.MarshalIndent(w, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, "golden_genesis.json"), exportJSON(t, f), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, "golden_world.json"), wbz, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, "golden_store.txt"), []byte(storeDump(f)), 0o644))
	}
	golden := readGolden(t, "golden_genesis.json")
	goldenStore := string(readGolden(t, "golden_store.txt"))
	var w goldenWorld
	require.NoError(t, json.Unmarshal(readGolden(t, "golden_world.json"), &w))

	// ACT: import into a fresh chain holding the same NFTs and escrow
	g := newFixtureWith(t, func(g *fixture) *types.GenesisState {
		require.NoError(t, g.nft.SaveClass(g.ctx, nft.Class{Id: types.NFTClassID}))
		for id, holder := range w.NFTs {
			h, err := g.ak.AddressCodec().StringToBytes(holder)
			require.NoError(t, err)
			require.NoError(t, g.nft.Mint(g.ctx, nft.NFT{ClassId: types.NFTClassID, Id: id}, h))
		}
		escrow, ok := math.NewIntFromString(w.Escrow)
		require.True(t, ok)
		coins := sdk.NewCoins(sdk.NewCoin(bond, escrow))
		require.NoError(t, g.bank.MintCoins(g.ctx, faucet, coins))
		require.NoError(t, g.bank.SendCoinsFromModuleToModule(g.ctx, faucet, types.ModuleName, coins))
		g.ctx = g.ctx.WithBlockTime(w.BlockTime)
		var gs types.GenesisState
		require.NoError(t, g.cdc.UnmarshalJSON(golden, &gs))
		return &gs
	})

	// ASSERT: byte-for-byte the same export and store
	require.Equal(t, string(golden), string(exportJSON(t, g)))
	require.Equal(t, goldenStore, storeDump(g))
	require.NoError(t, g.k.CheckInvariants(g.ctx))

	// and today's code drives the same chain into the same state
	f, _ := goldenChain(t)
	require.Equal(t, string(golden), string(exportJSON(t, f)))
	require.Equal(t, goldenStore, storeDump(f))
}
