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
	xmtpdcmd "github.com/xmtp/xmtpd-chain/cmd/xmtpd/cmd"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// iavlCache overrides the IAVL node cache of the benchmarks' apps; 0 takes
// the iavl-cache-size xmtpd writes into a node's app.toml, so the benchmarks
// measure the cache a node runs with.
var iavlCache = flag.Int("iavl.cache", 0, "IAVL node cache size of every store of the benchmark apps (0: the app.toml default of xmtpd)")

// iavlCacheSize is the IAVL node cache the benchmark apps run with.
func iavlCacheSize() int {
	if *iavlCache > 0 {
		return *iavlCache
	}
	return int(xmtpdcmd.DefaultAppConfig().IAVLCacheSize)
}

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
	cfg := apptesting.Config{Operators: s.operators, DB: s.db, IAVLCacheSize: iavlCacheSize()}
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
