package app_test

import (
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"

	"github.com/xmtp/xmtpd-chain/app"
)

func init() { simcli.GetSimulatorFlags() }

// Short defaults for `go test ./...`; `make sim` passes -NumBlocks and -BlockSize
// and sets XMTPD_SIM_SEEDS for the long run.
const (
	shortBlocks    = 60
	shortBlockSize = 30
)

var (
	shortSeeds = []int64{7, 42}
	longSeeds  = []int64{1, 2, 7, 42, 123, 2989}
)

// simConfig returns the simulator config: the command-line flags when given,
// otherwise the short form, always with a fixed genesis time.
func simConfig(t *testing.T) (simtypes.Config, []int64) {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["NumBlocks"] {
		cfg.NumBlocks = shortBlocks
	}
	if !set["BlockSize"] {
		cfg.BlockSize = shortBlockSize
	}
	if !set["GenesisTime"] {
		cfg.GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	}
	seeds := shortSeeds
	if os.Getenv("XMTPD_SIM_SEEDS") == "long" {
		seeds = longSeeds
	}
	if set["Seed"] {
		seeds = []int64{cfg.Seed}
	}
	return cfg, seeds
}

// checkedApp builds apps whose every commit runs the simChecker.
func checkedApp(tb testing.TB, checkers map[int64]*simChecker, seed int64) func(log.Logger, dbm.DB, bool, servertypes.AppOptions, ...func(*baseapp.BaseApp)) *app.XmtpApp {
	return func(logger log.Logger, db dbm.DB, loadLatest bool, opts servertypes.AppOptions, baseOpts ...func(*baseapp.BaseApp)) *app.XmtpApp {
		c := &simChecker{tb: tb}
		baseOpts = append(baseOpts, func(b *baseapp.BaseApp) { b.SetPrecommiter(c.check) })
		a := app.NewXmtpApp(logger, db, loadLatest, opts, baseOpts...)
		c.app = a
		checkers[seed] = c
		return a
	}
}

func stateFactory(a *app.XmtpApp) simsx.SimStateFactory {
	return simsx.SimStateFactory{
		Codec:         a.AppCodec(),
		AppStateFn:    simtestutil.AppStateFnWithExtendedCb(a.AppCodec(), a.SimulationManager(), a.DefaultGenesis(), simGenesisFixups(a.AppCodec())),
		BlockedAddr:   app.BlockedAddresses(),
		AccountSource: a.AccountKeeper,
		BalanceSource: a.BankKeeper,
	}
}

// runSim runs one seed and returns its checker and the final app hash.
func runSim(t *testing.T, cfg simtypes.Config, seed int64, post ...func(testing.TB, simsx.TestInstance[*app.XmtpApp], []simtypes.Account)) (*simChecker, []byte) {
	checkers := map[int64]*simChecker{}
	var hash []byte
	post = append(post, func(_ testing.TB, ti simsx.TestInstance[*app.XmtpApp], _ []simtypes.Account) {
		hash = ti.App.LastCommitID().Hash
	})
	simsx.RunWithSeed(t, cfg, checkedApp(t, checkers, seed), stateFactory, seed, nil, post...)
	c := checkers[seed]
	require.NotNil(t, c)
	require.NoError(t, c.err)
	t.Logf("seed %d: %s, app hash %X", seed, c.summary(), hash)
	return c, hash
}

// TestFullAppSimulation runs random blocks of every simulated module's
// operations with all invariants checked at every block, for several seeds.
func TestFullAppSimulation(t *testing.T) {
	cfg, seeds := simConfig(t)
	transitions := 0
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			c, _ := runSim(t, cfg, seed)
			require.Equal(t, cfg.NumBlocks, c.blocks, "every block must have been checked")
			transitions += c.transitions
		})
	}
	require.Positive(t, transitions, "the simulation must cross cycle boundaries")
}

// TestAppStateDeterminism runs the same seed twice and requires the same app hash.
func TestAppStateDeterminism(t *testing.T) {
	cfg, seeds := simConfig(t)
	seed := seeds[0]
	_, h1 := runSim(t, cfg, seed)
	_, h2 := runSim(t, cfg, seed)
	require.NotEmpty(t, h1)
	require.Equal(t, hex.EncodeToString(h1), hex.EncodeToString(h2), "same seed, different app hash: non-determinism")
}

// TestAppImportExport runs a simulation, exports the genesis, imports it into
// a fresh app and compares every KV store of every module.
func TestAppImportExport(t *testing.T) {
	cfg, seeds := simConfig(t)
	seed := seeds[len(seeds)-1]
	runSim(t, cfg, seed, func(tb testing.TB, ti simsx.TestInstance[*app.XmtpApp], _ []simtypes.Account) {
		compareExportImport(t, ti.App)
	})
}

func compareExportImport(t *testing.T, a *app.XmtpApp) {
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)

	b := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()), baseapp.SetChainID(simsx.SimAppChainID))
	lastTime := a.NewUncachedContext(true, cmtproto.Header{}).BlockTime()
	hdr := cmtproto.Header{Height: a.LastBlockHeight(), ChainID: simsx.SimAppChainID, Time: lastTime}
	ctxA := a.NewContextLegacy(true, hdr)
	ctxB := b.NewContextLegacy(true, hdr)
	_, err = b.InitChainer(ctxB, initChainReq(exported))
	require.NoError(t, err)
	require.NoError(t, b.StoreConsensusParams(ctxB, exported.ConsensusParams))

	for _, name := range storeNames() {
		keyA, keyB := a.GetKey(name), b.GetKey(name)
		require.NotNil(t, keyA, name)
		skip := skipPrefixes[name]
		aKV := kvPairs(ctxA.KVStore(keyA), skip)
		bKV := kvPairs(ctxB.KVStore(keyB), skip)
		require.Equal(t, len(aKV), len(bKV), "store %s: %d entries before export, %d after import", name, len(aKV), len(bKV))
		for i := range aKV {
			if !bytes.Equal(aKV[i][0], bKV[i][0]) || !bytes.Equal(aKV[i][1], bKV[i][1]) {
				t.Fatalf("store %s differs at entry %d: key %X value %X vs key %X value %X", name, i, aKV[i][0], aKV[i][1], bKV[i][0], bKV[i][1])
			}
		}
		t.Logf("store %-14s %6d entries identical after export/import", name, len(aKV))
	}
	require.NoError(t, b.CheckInvariants(ctxB))
}
