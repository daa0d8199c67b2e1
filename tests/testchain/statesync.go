package testchain

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// AddStateSyncNode writes the home of a non-validator node like AddFullNode,
// configured to join by state sync: it trusts the block that `trusted` has at
// its latest height, verifies the snapshot with light clients on the RPCs of
// `rpc` (at least two nodes) and restores the newest snapshot its peers offer.
// The validators must take snapshots (app.toml state-sync.snapshot-interval)
// and have one at least two blocks old when it starts.
func (nw *Network) AddStateSyncNode(t testing.TB, bin string, trusted *Node, rpc ...*Node) *Node {
	t.Helper()
	if len(rpc) < 2 {
		t.Fatal("state sync needs two rpc_servers")
	}
	h := trusted.Height()
	hash, err := trusted.BlockHash(h)
	if err != nil {
		t.Fatalf("hash of block %d from %s: %v", h, trusted.Name(), err)
	}
	n := nw.AddFullNode(t, bin)
	var servers []string
	for _, r := range rpc {
		servers = append(servers, fmt.Sprintf("http://127.0.0.1:%d", r.RPCPort()))
	}
	n.SetConfig(t, "config.toml", "statesync", "enable", "true")
	n.SetConfig(t, "config.toml", "statesync", "rpc_servers", fmt.Sprintf("%q", strings.Join(servers, ",")))
	n.SetConfig(t, "config.toml", "statesync", "trust_height", strconv.FormatInt(h, 10))
	n.SetConfig(t, "config.toml", "statesync", "trust_hash", fmt.Sprintf("%q", hash))
	n.SetConfig(t, "config.toml", "statesync", "trust_period", `"168h0m0s"`)
	n.SetConfig(t, "config.toml", "statesync", "discovery_time", `"5s"`)
	return n
}

// BlockHash returns the hash of block h as the node's RPC reports it (the
// trust_hash of state sync).
func (n *Node) BlockHash(h int64) (string, error) {
	var res struct {
		BlockID struct {
			Hash string `json:"hash"`
		} `json:"block_id"`
	}
	if err := n.RPCGet(fmt.Sprintf("block?height=%d", h), &res); err != nil {
		return "", err
	}
	if res.BlockID.Hash == "" {
		return "", fmt.Errorf("block %d: no hash", h)
	}
	return res.BlockID.Hash, nil
}

// EarliestHeight is the lowest block height the node stores (1 for a node
// that synced from genesis, above the snapshot height after state sync).
func (n *Node) EarliestHeight() (int64, error) {
	var st struct {
		SyncInfo struct {
			EarliestBlockHeight string `json:"earliest_block_height"`
		} `json:"sync_info"`
	}
	if err := n.RPCGet("status", &st); err != nil {
		return 0, err
	}
	return strconv.ParseInt(st.SyncInfo.EarliestBlockHeight, 10, 64)
}

// CatchingUp reports whether the node is still syncing (state sync or block
// sync: /status catching_up); such a node refuses broadcasts. An error means
// the node does not answer.
func (n *Node) CatchingUp() (bool, error) {
	var st struct {
		SyncInfo struct {
			CatchingUp bool `json:"catching_up"`
		} `json:"sync_info"`
	}
	if err := n.RPCGet("status", &st); err != nil {
		return false, err
	}
	return st.SyncInfo.CatchingUp, nil
}
