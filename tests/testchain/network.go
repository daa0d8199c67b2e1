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
)

// Network is an N-validator network written by `xmtpd testnet init-files`,
// plus any full nodes added later.
type Network struct {
	T        testing.TB
	Dir      string
	ChainID  string
	BasePort int
	Nodes    []*Node
}

// NewNetwork writes the homes of a network of `validators` nodes under a
// temporary directory (`xmtpd testnet init-files --v N` plus initFlags) and
// registers a cleanup that stops every node. It starts nothing.
func NewNetwork(t testing.TB, bin string, validators int, initFlags ...string) *Network {
	t.Helper()
	dir := t.TempDir()
	// Room for the validators and a few full nodes added later.
	base := FreeBasePort(t, 10*(validators+3))
	chainID := "xmtp-system-1"
	args := append([]string{"testnet", "init-files", "--v", fmt.Sprint(validators), "--output-dir", dir,
		"--base-port", fmt.Sprint(base), "--chain-id", chainID}, initFlags...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("xmtpd %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	nw := &Network{T: t, Dir: dir, ChainID: chainID, BasePort: base}
	for i := 0; i < validators; i++ {
		nw.Nodes = append(nw.Nodes, newNode(nw, i, filepath.Join(dir, fmt.Sprintf("node%d", i)), bin))
	}
	t.Cleanup(nw.StopAll)
	return nw
}

// StartAll starts every node and waits until each has committed block 2.
func (nw *Network) StartAll(t testing.TB) {
	t.Helper()
	for _, n := range nw.Nodes {
		n.Start(t)
	}
	for _, n := range nw.Nodes {
		n.WaitHeight(t, 2, 90*time.Second)
	}
}

// StopAll stops every running node (also used as the test cleanup).
func (nw *Network) StopAll() {
	for _, n := range nw.Nodes {
		n.Stop()
	}
}

// Running returns the nodes that are running.
func (nw *Network) Running() []*Node {
	var out []*Node
	for _, n := range nw.Nodes {
		if n.IsRunning() {
			out = append(out, n)
		}
	}
	return out
}

// AddFullNode writes the home of a non-validator node that peers with every
// validator and syncs the chain from genesis, and returns it (not started).
func (nw *Network) AddFullNode(t testing.TB, bin string) *Node {
	t.Helper()
	i := len(nw.Nodes)
	home := filepath.Join(nw.Dir, fmt.Sprintf("node%d", i))
	if out, err := exec.Command(bin, "init", fmt.Sprintf("node%d", i), "--home", home, "--chain-id", nw.ChainID).CombinedOutput(); err != nil {
		t.Fatalf("xmtpd init: %v\n%s", err, out)
	}
	gen, err := os.ReadFile(filepath.Join(nw.Nodes[0].Home, "config", "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "config", "genesis.json"), gen, 0o644); err != nil {
		t.Fatal(err)
	}
	n := newNode(nw, i, home, bin)
	var peers []string
	for _, v := range nw.Nodes {
		peers = append(peers, fmt.Sprintf("%s@127.0.0.1:%d", v.NodeID(t), v.P2PPort()))
	}
	nw.writeConfigs(t, n, peers)
	nw.Nodes = append(nw.Nodes, n)
	return n
}

// NodeID returns the CometBFT node id of a node (from its node_key.json).
func (n *Node) NodeID(t testing.TB) string {
	t.Helper()
	out, err := exec.Command(n.Bin, "comet", "show-node-id", "--home", n.Home).Output()
	if err != nil {
		t.Fatalf("show-node-id of %s: %v", n.Name(), err)
	}
	return strings.TrimSpace(string(out))
}

// KeyAddress returns the address of a key in node0's test keyring.
func (nw *Network) KeyAddress(t testing.TB, name string) string {
	t.Helper()
	out, err := nw.Nodes[0].CLI("keys", "show", name, "-a", "--keyring-backend", "test")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

// decode unmarshals JSON output or fails the test.
func decode(t testing.TB, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("decode %q: %v", truncate(out, 500), err)
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
