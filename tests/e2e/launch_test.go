package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// launchStakes are the genesis stakes of op1..op3 (uxmtp; min_stake is 100000000000).
var launchStakes = []int64{100_000_000_000, 150_000_000_000, 250_000_000_000}

// TestLaunch launches a network the way a validator would (init, keys,
// genesis accounts, three `genesis add-operator` calls, gentx, collect-gentxs,
// validate), with short cycle, waiting and unbonding periods set in
// genesis.json. The running chain's escrow must hold the sum of the stakes;
// every operator deregisters and is paid back exactly its stake, leaving the
// escrow empty. The chain is then exported and the export started as a new
// chain with the same validator key: it must produce blocks, audit clean and
// pass the invariants, as the first chain must.
func TestLaunch(t *testing.T) {
	bin := testchain.Binary(t)
	escrow := sdk.MustBech32ifyAddressBytes(chainconfig.Bech32Prefix, authtypes.NewModuleAddress(nstypes.ModuleName))

	// ARRANGE: the genesis of the launch.
	home := filepath.Join(t.TempDir(), "launch")
	const chainID = "xmtp-launch-1"
	cli(t, bin, home, "init", "launch", "--chain-id", chainID)
	editGenesis(t, home, func(g map[string]any) {
		ns := path(g, "app_state", "nodeselection", "params")
		ns["cycle_duration"], ns["waiting_period"], ns["unbonding_period"] = "3s", "1s", "4s"
		ns["require_node_key"] = false // `genesis add-operator` gives these operators no XMTP node key
		path(g, "app_state", "rewards", "params")["payout_period"] = "6s"
	})
	cli(t, bin, home, "keys", "add", "validator", "--keyring-backend", "test")
	cli(t, bin, home, "genesis", "add-genesis-account", "validator", "1000000000000uxmtp,1000000000uusdc", "--keyring-backend", "test")
	total := math.ZeroInt()
	for i, stake := range launchStakes {
		op := fmt.Sprintf("op%d", i+1)
		cli(t, bin, home, "keys", "add", op, "--keyring-backend", "test")
		cli(t, bin, home, "genesis", "add-genesis-account", op, "1000000000000uxmtp", "--keyring-backend", "test")
		cli(t, bin, home, "genesis", "add-operator", op, fmt.Sprintf("%duxmtp", stake),
			"--endpoint", fmt.Sprintf("https://%s.example.com:5050", op), "--region", "DE", "--keyring-backend", "test")
		total = total.Add(math.NewInt(stake))
	}
	cli(t, bin, home, "genesis", "gentx", "validator", "100000000uxmtp", "--chain-id", chainID, "--keyring-backend", "test")
	cli(t, bin, home, "genesis", "collect-gentxs")
	cli(t, bin, home, "genesis", "validate")

	// ACT: start it.
	n := testchain.FromHome(t, bin, home, chainID).Nodes[0]
	n.Start(t)
	n.WaitHeight(t, 2, 90*time.Second)

	// ASSERT: the escrow holds every stake, once.
	require.Equal(t, total.String(), balance(t, n, escrow, "uxmtp").String(), "escrow = sum of the genesis stakes")
	n.Tx(t, home, "validator", "rewards", "fund-reward-pool", "30000000uusdc")
	n.WaitBlocks(t, "two settled cycles with members", 40, func() bool { return settledWithMembers(t, n) >= 2 })

	// ACT: every operator deregisters.
	before := make([]math.Int, len(launchStakes))
	for i := range launchStakes {
		op := fmt.Sprintf("op%d", i+1)
		before[i] = balance(t, n, keyAddr(t, bin, home, op), "uxmtp")
		n.Tx(t, home, op, "nodeselection", "deregister-operator")
	}

	// ASSERT: each unbonding matures and pays back exactly the stake.
	for i, stake := range launchStakes {
		addr := keyAddr(t, bin, home, fmt.Sprintf("op%d", i+1))
		want := before[i].Add(math.NewInt(stake))
		n.WaitBlocks(t, "op"+strconv.Itoa(i+1)+" paid back", 20, func() bool { return balance(t, n, addr, "uxmtp").GTE(want) })
		require.Equal(t, want.String(), balance(t, n, addr, "uxmtp").String(), "op%d gets back exactly its stake", i+1)
	}
	require.True(t, balance(t, n, escrow, "uxmtp").IsZero(), "escrow empty after every payback")
	settled := len(cycleRecords(t, n))
	n.WaitBlocks(t, "a cycle settled after the exits", 20, func() bool { return len(cycleRecords(t, n)) > settled })
	first, last, audited := auditClean(t, n, 2)

	// ACT: stop, check the invariants, export, start the export as a new chain.
	n.Stop()
	require.Contains(t, cli(t, bin, home, "debug", "invariants"), "all invariants hold")
	exported := filepath.Join(t.TempDir(), "export.json")
	cli(t, bin, home, "export", "--output-document", exported)
	home2 := filepath.Join(t.TempDir(), "relaunch")
	const chainID2 = "xmtp-launch-2"
	cli(t, bin, home2, "init", "relaunch", "--chain-id", chainID2)
	key, err := os.ReadFile(filepath.Join(home, "config", "priv_validator_key.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home2, "config", "priv_validator_key.json"), key, 0o600))
	bz, err := os.ReadFile(exported)
	require.NoError(t, err)
	var gen map[string]any
	require.NoError(t, json.Unmarshal(bz, &gen))
	gen["chain_id"], gen["genesis_time"] = chainID2, time.Now().UTC().Format(time.RFC3339Nano)
	bz, err = json.MarshalIndent(gen, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(home2, "config", "genesis.json"), bz, 0o644))
	cli(t, bin, home2, "genesis", "validate")
	n2 := testchain.FromHome(t, bin, home2, chainID2).Nodes[0]
	n2.Start(t)
	n2.WaitHeight(t, 1, 90*time.Second)

	// ASSERT: the new chain produces blocks, keeps the history, settles on,
	// audits clean and holds its invariants.
	start := n2.Height()
	n2.WaitBlocks(t, "the relaunched chain produces blocks", 10, func() bool { return n2.Height() >= start+3 })
	require.True(t, balance(t, n2, escrow, "uxmtp").IsZero(), "relaunched escrow")
	n2.WaitBlocks(t, "a cycle settled on the relaunched chain", 20, func() bool { return lastCycle(t, n2) > last })
	first2, _, _ := auditClean(t, n2, audited+1)
	require.Equal(t, first, first2, "the exported cycle records are kept")
	n2.Stop()
	require.Contains(t, cli(t, bin, home2, "debug", "invariants"), "all invariants hold")
}

// cli runs the binary with --home and fails the test on error.
func cli(t *testing.T, bin, home string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, append(args, "--home", home)...).CombinedOutput()
	require.NoError(t, err, "xmtpd %s: %s", strings.Join(args, " "), out)
	return string(out)
}

func keyAddr(t *testing.T, bin, home, name string) string {
	t.Helper()
	out, err := exec.Command(bin, "keys", "show", name, "-a", "--keyring-backend", "test", "--home", home).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// editGenesis rewrites config/genesis.json of home through f.
func editGenesis(t *testing.T, home string, f func(map[string]any)) {
	t.Helper()
	file := filepath.Join(home, "config", "genesis.json")
	bz, err := os.ReadFile(file)
	require.NoError(t, err)
	var g map[string]any
	require.NoError(t, json.Unmarshal(bz, &g))
	f(g)
	bz, err = json.MarshalIndent(g, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, bz, 0o644))
}

func path(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}

func balance(t *testing.T, n *testchain.Node, addr, denom string) math.Int {
	t.Helper()
	var res struct {
		Balances []struct{ Denom, Amount string } `json:"balances"`
	}
	n.Query(t, &res, "bank", "balances", addr)
	for _, c := range res.Balances {
		if c.Denom == denom {
			v, ok := math.NewIntFromString(c.Amount)
			require.True(t, ok, c.Amount)
			return v
		}
	}
	return math.ZeroInt()
}

type launchRecord struct {
	Cycle   json.Number       `json:"cycle"`
	Members []json.RawMessage `json:"members"`
}

func cycleRecords(t *testing.T, n *testchain.Node) []launchRecord {
	t.Helper()
	out, err := n.CLI("query", "rewards", "cycle-records", "--page-limit", "1000", "-o", "json")
	require.NoError(t, err)
	var res struct {
		Records []launchRecord `json:"records"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res), out)
	return res.Records
}

func settledWithMembers(t *testing.T, n *testchain.Node) int {
	c := 0
	for _, r := range cycleRecords(t, n) {
		if len(r.Members) > 0 {
			c++
		}
	}
	return c
}

func lastCycle(t *testing.T, n *testchain.Node) uint64 {
	recs := cycleRecords(t, n)
	if len(recs) == 0 {
		return 0
	}
	return recs[len(recs)-1].cycle(t)
}

// cycle is the record's cycle number (JSON omits cycle 0).
func (r launchRecord) cycle(t *testing.T) uint64 {
	if r.Cycle == "" {
		return 0
	}
	c, err := strconv.ParseUint(r.Cycle.String(), 10, 64)
	require.NoError(t, err)
	return c
}

// auditClean runs `q rewards audit` over every stored cycle record and
// requires at least min audited cycles, all matching (recompute, provenance
// and continuity), a record for every cycle x/nodeselection ended, and every
// payout matching. It returns the cycle range and the audited count.
func auditClean(t *testing.T, n *testchain.Node, min int) (uint64, uint64, int) {
	t.Helper()
	recs := cycleRecords(t, n)
	require.NotEmpty(t, recs)
	first := recs[0].cycle(t)
	last := lastCycle(t, n)
	out, err := n.CLI("query", "rewards", "audit", "--from", fmt.Sprint(first), "--to", fmt.Sprint(last), "-o", "json")
	require.NoError(t, err)
	var rep struct {
		Audited, Matched, Mismatched, Missing int
		Rows                                  []struct {
			Cycle                         uint64
			Status, Recompute, Provenance string
			Continuity                    string
			Differences                   []string
		}
		Payouts []struct {
			ID          uint64
			Status      string
			Differences []string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	t.Logf("audit %s cycles %d..%d: audited %d, matched %d, mismatched %d, missing %d, payouts %d",
		n.Name(), first, last, rep.Audited, rep.Matched, rep.Mismatched, rep.Missing, len(rep.Payouts))
	require.GreaterOrEqual(t, rep.Audited, min, out)
	require.Zero(t, rep.Mismatched, out)
	require.Equal(t, rep.Audited, rep.Matched, out)
	for _, r := range rep.Rows {
		if r.Status == "missing" {
			// Only a cycle that a late block skipped (no x/nodeselection
			// history either) may lack a record.
			_, err := n.CLI("query", "nodeselection", "cycle-history", fmt.Sprint(r.Cycle), "-o", "json")
			require.Error(t, err, "cycle %d ended in x/nodeselection but has no rewards record: %v", r.Cycle, r.Differences)
			continue
		}
		require.Equal(t, []string{"match", "ok", "ok", "ok"}, []string{r.Status, r.Recompute, r.Provenance, r.Continuity}, "cycle %d: %v", r.Cycle, r.Differences)
	}
	for _, p := range rep.Payouts {
		require.Equal(t, "match", p.Status, "payout %d: %v", p.ID, p.Differences)
	}
	return first, last, rep.Audited
}
