package testchain

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
)

// RelayerBinary builds (once) and returns build/rly, the pinned cosmos/relayer
// of scripts/build-relayer.sh; $XMTPD_RLY overrides it.
func RelayerBinary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("XMTPD_RLY"); p != "" {
		return p
	}
	root := RepoRoot(t)
	start := time.Now()
	cmd := exec.Command(filepath.Join(root, "scripts", "build-relayer.sh"))
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/build-relayer.sh: %v\n%s", err, out)
	}
	t.Logf("relayer ready in %s", time.Since(start).Round(time.Millisecond))
	return filepath.Join(root, "build", "rly")
}

// Relayer is a cosmos/relayer home (rly) between xmtpd processes. Every
// command's output is appended to <home>/rly.log.
type Relayer struct {
	T    testing.TB
	Bin  string
	Home string
	proc *Proc
}

// NewRelayer writes an empty rly home (`rly config init`).
func NewRelayer(t testing.TB, bin string) *Relayer {
	t.Helper()
	r := &Relayer{T: t, Bin: bin, Home: t.TempDir()}
	r.Must("config", "init")
	return r
}

// Run runs rly with its home and returns stdout, or an error with stderr.
func (r *Relayer) Run(args ...string) (string, error) {
	cmd := exec.Command(r.Bin, append(args, "--home", r.Home)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if f, ferr := openLog(filepath.Join(r.Home, "rly.log")); ferr == nil {
		fmt.Fprintf(f, "$ rly %s\n%s%s\n", strings.Join(args, " "), out, stderr.String())
		_ = f.Close()
	}
	if err != nil {
		return string(out), fmt.Errorf("rly %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out), nil
}

// Must is Run that fails the test on an error.
func (r *Relayer) Must(args ...string) string {
	r.T.Helper()
	out, err := r.Run(args...)
	if err != nil {
		r.T.Fatal(err)
	}
	return out
}

// AddChain registers chain `name` (chain id chainID) served by node n's RPC,
// creates the relayer's key on it and funds that key with 1000000 of
// feeDenom from key `from` of the keyring in `home` (gas is free on test
// chains, but the account must exist).
func (r *Relayer) AddChain(name, chainID, prefix, feeDenom string, n *Node, home, from string) {
	r.T.Helper()
	cfg := map[string]any{"type": "cosmos", "value": map[string]any{
		"key": "relayer", "chain-id": chainID, "rpc-addr": fmt.Sprintf("http://127.0.0.1:%d", n.RPCPort()),
		"account-prefix": prefix, "keyring-backend": "test", "gas-adjustment": 1.5,
		"gas-prices": "0" + feeDenom, "debug": false, "timeout": "20s", "output-format": "json",
		"sign-mode": "direct", "coin-type": 118, "broadcast-mode": "batch",
	}}
	file := filepath.Join(r.Home, name+".json")
	bz, err := json.Marshal(cfg)
	if err != nil {
		r.T.Fatal(err)
	}
	if err := os.WriteFile(file, bz, 0o644); err != nil {
		r.T.Fatal(err)
	}
	r.Must("chains", "add", "--file", file, name)
	var key struct{ Address string }
	decode(r.T, r.Must("keys", "add", name, "relayer"), &key)
	n.Tx(r.T, home, from, "bank", "send", from, key.Address, "1000000"+feeDenom)
}

// Link creates path `path` from chain a to chain b and links it: clients,
// connection and an ICS-20 transfer channel.
func (r *Relayer) Link(path, a, b string) {
	r.T.Helper()
	r.Must("paths", "new", a, b, path)
	start := time.Now()
	r.Must("tx", "link", path, "--src-port", transfertypes.PortID, "--dst-port", transfertypes.PortID, "--version", transfertypes.V1)
	r.T.Logf("rly tx link: %s", time.Since(start).Round(time.Millisecond))
}

// Flush relays every pending packet, acknowledgement and timeout of a
// channel once (`rly tx flush`).
func (r *Relayer) Flush(path, channel string) error {
	_, err := r.Run("tx", "flush", path, channel)
	return err
}

// Start runs `rly start path` in the background (log <home>/rly-start.log);
// it is killed when the test ends.
func (r *Relayer) Start(path string, extra ...string) {
	r.T.Helper()
	if r.proc != nil {
		r.proc.Start()
		return
	}
	args := append([]string{"start", path, "--home", r.Home}, extra...)
	r.proc = Run(r.T, filepath.Join(r.Home, "rly-start.log"), r.Bin, args...)
}

// Kill stops `rly start` with SIGKILL (a no-op when it is not running).
func (r *Relayer) Kill() {
	if r.proc != nil {
		r.proc.Kill()
	}
}

// VoucherDenom is the ibc/ denom of baseDenom received over port transfer,
// channel `channel`.
func VoucherDenom(baseDenom, channel string) string {
	return transfertypes.NewDenom(baseDenom, transfertypes.NewHop(transfertypes.PortID, channel)).IBCDenom()
}

// EditGenesis rewrites the genesis.json of a home that has not started.
func EditGenesis(t testing.TB, home string, edit func(map[string]any)) {
	t.Helper()
	file := filepath.Join(home, "config", "genesis.json")
	bz, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var g map[string]any
	decode(t, string(bz), &g)
	edit(g)
	if bz, err = json.MarshalIndent(g, "", " "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, bz, 0o644); err != nil {
		t.Fatal(err)
	}
}
