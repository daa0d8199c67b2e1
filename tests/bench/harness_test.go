// Package bench holds the app-level benchmarks of docs/benchmarks.md: blocks
// built and finalized through the real app (FinalizeBlock + Commit on an IAVL
// store), large active sets, two years of state, queries under load and the
// boundary profile. `make bench` runs them and prints the table.
package bench

import (
	"encoding/json"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// iavlCache sets the IAVL node cache of the benchmarks' apps (0: the store
// default of 500,000 nodes; a node's app.toml default is 781,250).
var iavlCache = flag.Int("iavl.cache", 0, "IAVL node cache size of every store of the benchmark apps (0: default)")

// cycle is the default cycle duration.
const cycle = 12 * time.Hour

// setup is apptesting.Config plus the shapes the benchmarks need.
type setup struct {
	operators int
	accounts  int
	seats     uint32 // active_set_size; 0 keeps the default
	nftOnly   int    // accounts (of the first ones) that hold an unregistered operator NFT
	edit      func(map[string]json.RawMessage, codec.JSONCodec)
	db        dbm.DB // nil: a fresh in-memory DB
}

// newApp starts an in-memory app with the given genesis shape.
func newApp(tb testing.TB, s setup) *apptesting.TestApp {
	tb.Helper()
	accs := make([]apptesting.Account, s.accounts)
	for i := range accs {
		accs[i] = apptesting.NewAccount()
	}
	cfg := apptesting.Config{Operators: s.operators, DB: s.db, IAVLCacheSize: *iavlCache}
	cfg.EditGenesis = func(cdc codec.JSONCodec, state map[string]json.RawMessage) {
		var ns nstypes.GenesisState
		require.NoError(tb, cdc.UnmarshalJSON(state[nstypes.ModuleName], &ns))
		if s.seats > 0 {
			ns.Params.ActiveSetSize = s.seats
		}
		if s.nftOnly > 0 {
			var ng nft.GenesisState
			require.NoError(tb, cdc.UnmarshalJSON(state[nft.ModuleName], &ng))
			for i := 0; i < s.nftOnly; i++ {
				id := fmt.Sprintf("%s%d", nstypes.NFTIDPrefix, ns.NextNftSeq)
				ns.NextNftSeq++
				ng.Entries = append(ng.Entries, &nft.Entry{Owner: accs[i].Addr.String(),
					Nfts: []*nft.NFT{{ClassId: nstypes.NFTClassID, Id: id}}})
			}
			bz, err := cdc.MarshalJSON(&ng)
			require.NoError(tb, err)
			state[nft.ModuleName] = bz
		}
		bz, err := cdc.MarshalJSON(&ns)
		require.NoError(tb, err)
		state[nstypes.ModuleName] = bz
		if s.edit != nil {
			s.edit(state, cdc)
		}
	}
	cfg.Preset = accs
	return apptesting.Setup(tb, cfg)
}
