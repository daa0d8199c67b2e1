package bench

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/baseapp"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// stateCycles runs 2 years of 12h cycles and 140 more (70 days) so that
// record retention (730 days) has pruned for a while.
const stateCycles = 1_600

// BenchmarkTwoYearsOfState simulates stateCycles cycles at default parameters
// with 100 registered operators and 10 seats: every member attests every other
// member every cycle, 300 USDC funded every cycle, payouts every 60 cycles
// (30 days). It prints the state bytes per module at 6, 12, 24 months and
// after, the genesis export size and time, and the time to start from the
// exported genesis (InitChain) and from the database (load latest version).
// One op is the whole simulation.
func BenchmarkTwoYearsOfState(b *testing.B) {
	db := dbm.NewMemDB()
	ta := newApp(b, setup{operators: 100, db: db})
	signers := map[string]*apptesting.Signer{}
	for _, op := range ta.Operators {
		signers[op.Addr.String()] = ta.NewSigner(op)
	}
	admin := ta.NewSigner(ta.Admin)
	checkpoints := map[int]string{360: "6 months", 730: "12 months", 1460: "24 months", 1530: "24 months + 35 days", 1600: "24 months + 70 days"}
	modules := []string{nstypes.ModuleName, rewardstypes.ModuleName, treasurytypes.ModuleName, "nft", "bank", "acc", "staking", "distribution", "slashing"}
	fmt.Printf("\n| cycle | age | %s | all modules |\n|---|---|%s---:|\n", joinCols(modules), repeat("---:|", len(modules)))
	byColl := map[int]map[string]int64{}
	ta.NextBlock(time.Minute) // the boundaries fall at the genesis block + k cycles
	start := time.Now()
	for c := 1; c <= stateCycles; c++ {
		ta.NextBlock(cycle - time.Minute) // with the attestation block a minute later: one cycle
		cyc, members := attestCycle(b, ta)
		txs := [][]byte{ta.Sign(admin, 2_000_000, &rewardstypes.MsgFundRewardPool{Sender: ta.Admin.Addr.String(),
			Amount: sdk.NewInt64Coin(app.RewardDenom, 300_000_000)})}
		for i, m := range members {
			txs = append(txs, ta.Sign(signers[m], 2_000_000, &nstypes.MsgSubmitAttestation{Signer: m, Cycle: cyc,
				Observations: observations(members, i, len(members)-1)}))
		}
		res := ta.DeliverBlock(time.Minute, txs)
		for j, r := range res.TxResults {
			require.Equal(b, uint32(0), r.Code, "cycle %d tx %d: %s", c, j, r.Log)
		}
		if c == 1460 || c == stateCycles {
			byColl[c] = collectionBytes(ta)
		}
		if age, ok := checkpoints[c]; ok {
			sizes, total := moduleBytes(ta, modules)
			fmt.Printf("| %d | %s |", c, age)
			for _, m := range modules {
				fmt.Printf(" %d |", sizes[m])
			}
			fmt.Printf(" %d |\n", total)
		}
	}
	simTime := time.Since(start)
	printGrowth(byColl[1460], byColl[stateCycles], stateCycles-1460)

	t0 := time.Now()
	exported, err := ta.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(b, err)
	exportTime := time.Since(t0)

	t0 = time.Now()
	fresh := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(apptesting.ChainID))
	consensus := *simtestutil.DefaultConsensusParams
	consensus.Authority = &cmtproto.AuthorityParams{Authority: ta.Admin.Addr.String()}
	_, err = fresh.InitChain(&abci.RequestInitChain{ChainId: apptesting.ChainID, Time: ta.Time, ConsensusParams: &consensus,
		AppStateBytes: exported.AppState, InitialHeight: exported.Height + 1})
	require.NoError(b, err)
	initTime := time.Since(t0)

	t0 = time.Now()
	reopened := app.NewXmtpApp(log.NewNopLogger(), db, true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(apptesting.ChainID))
	require.Equal(b, ta.LastBlockHeight(), reopened.LastBlockHeight())
	reopenTime := time.Since(t0)

	fmt.Printf("\n| two years of state | value |\n|---|---:|\n")
	fmt.Printf("| simulation (%d cycles, %d blocks) | %s |\n", stateCycles, ta.Height, simTime.Round(time.Millisecond))
	fmt.Printf("| genesis export size | %d bytes |\n| genesis export time | %s |\n", len(exported.AppState), exportTime.Round(time.Millisecond))
	fmt.Printf("| start from exported genesis (InitChain) | %s |\n", initTime.Round(time.Millisecond))
	fmt.Printf("| start from the database (load latest version) | %s |\n", reopenTime.Round(time.Millisecond))
	b.ReportMetric(float64(len(exported.AppState)), "genesis_bytes")
}

// moduleBytes sums len(key)+len(value) over each module's committed store.
func moduleBytes(ta *apptesting.TestApp, modules []string) (map[string]int64, int64) {
	out := map[string]int64{}
	var total int64
	names := make([]string, 0)
	for name := range ta.ModuleManager.Modules {
		names = append(names, name)
	}
	names = append(names, "acc") // x/auth's store key
	sort.Strings(names)
	for _, name := range names {
		key := ta.GetKey(name)
		if key == nil {
			continue
		}
		it := ta.CommitMultiStore().GetKVStore(key).Iterator(nil, nil)
		var n int64
		for ; it.Valid(); it.Next() {
			n += int64(len(it.Key()) + len(it.Value()))
		}
		it.Close()
		out[name] = n
		total += n
	}
	for _, m := range modules {
		if _, ok := out[m]; !ok {
			out[m] = 0
		}
	}
	return out, total
}

func joinCols(cols []string) string {
	s := ""
	for i, c := range cols {
		if i > 0 {
			s += " | "
		}
		s += c
	}
	return s
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

// collectionBytes returns Σ len(key)+len(value) per collection of the three
// xmtpd modules ("module/collection"; an index counts on its own).
func collectionBytes(ta *apptesting.TestApp) map[string]int64 {
	out := map[string]int64{}
	for module, schema := range map[string]collections.Schema{
		nstypes.ModuleName: ta.NodeSelectionKeeper.Schema, rewardstypes.ModuleName: ta.RewardsKeeper.Schema,
		treasurytypes.ModuleName: ta.TreasuryKeeper.Schema,
	} {
		store := ta.CommitMultiStore().GetKVStore(ta.GetKey(module))
		for _, coll := range schema.ListCollections() {
			prefix := coll.GetPrefix()
			it := storetypes.KVStorePrefixIterator(store, prefix)
			var n int64
			for ; it.Valid(); it.Next() {
				n += int64(len(it.Key()) + len(it.Value()))
			}
			it.Close()
			out[module+"/"+coll.GetName()] = n
		}
	}
	return out
}

// printGrowth prints the collections whose size changed over the cycles after
// retention started pruning, with the change per cycle.
func printGrowth(before, after map[string]int64, cycles int) {
	var names []string
	for name := range after {
		if after[name] != before[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	fmt.Printf("\n| collection changed over the last %d cycles (retention pruning) | bytes at cycle 1460 | bytes after | change per cycle |\n|---|---:|---:|---:|\n", cycles)
	for _, name := range names {
		fmt.Printf("| %s | %d | %d | %+.1f |\n", name, before[name], after[name], float64(after[name]-before[name])/float64(cycles))
	}
}
