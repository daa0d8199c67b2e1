// Package agent runs the operator agent for real: a localnet chain with short
// cycles, one `xmtpd operator start` and one HTTPS health server per
// operator, all real processes started by the shared harness; on the same
// chain, the node registry client (registry/) as an XMTP node embeds it.
package agent

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// net is the chain, its operators' agents and health servers.
type net struct {
	t       *testing.T
	bin     string
	node    *testchain.Node
	dir     string
	epBase  int
	stBase  int
	health  map[int]*testchain.Proc
	agents  map[string]*testchain.Proc
	servers int
}

// agentStatus is the agent's /status.
type agentStatus struct {
	Role    string   `json:"role"`
	Cycle   uint64   `json:"cycle"`
	Current []string `json:"current"`
	Next    []string `json:"next"`
	Probes  map[string]struct {
		Probes   uint64 `json:"probes"`
		Answered uint64 `json:"answered"`
	} `json:"probes"`
}

// stateCycle is one cycle file of an agent's state directory.
type stateCycle struct {
	Status string `json:"status"`
	TxHash string `json:"tx_hash"`
	Peers  map[string]struct {
		Probes   uint64 `json:"probes"`
		Answered uint64 `json:"answered"`
	} `json:"peers"`
}

func (n *net) healthServer(i int) {
	n.t.Helper()
	n.health[i] = testchain.Run(n.t, filepath.Join(n.dir, fmt.Sprintf("health%d.log", i)), n.bin, "operator", "health-server",
		"--home", n.node.Home, "--listen", fmt.Sprintf("127.0.0.1:%d", n.epBase+i-1), "--tls-dir", filepath.Join(n.dir, "tls"))
}

// agent starts the agent of key `key`, with state dir and status port of slot i.
func (n *net) agent(key string, i int) {
	n.t.Helper()
	n.agents[key] = testchain.Run(n.t, n.agentLog(key), n.bin, "operator", "start", "--home", n.node.Home,
		"--chain-id", "xmtp-localnet-1", "--signer-key", key, "--keyring-backend", "test", "--keyring-dir", n.node.Home,
		"--node-rpc", n.node.RPC(), "--node-grpc", n.node.GRPCAddr(), "--ca-file", filepath.Join(n.dir, "tls", "ca.pem"),
		"--probe-interval", "1500ms", "--probe-timeout", "1500ms", "--chain-poll", "500ms", "--jitter", "2s",
		"--timeout-blocks", "6", "--state-dir", n.stateDir(key), "--listen", fmt.Sprintf("127.0.0.1:%d", n.stBase+i),
		"--hook", filepath.Join(n.dir, "hook.sh"))
}

func (n *net) agentLog(key string) string { return filepath.Join(n.dir, key+".log") }
func (n *net) stateDir(key string) string { return filepath.Join(n.dir, "state-"+key) }

// status reads an agent's /status; ok is false while it does not answer.
func (n *net) status(i int) (agentStatus, bool) {
	var st agentStatus
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(fmt.Sprintf("http://127.0.0.1:%d/status", n.stBase+i))
	if err != nil {
		return st, false
	}
	defer resp.Body.Close()
	return st, resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&st) == nil
}

// cycle is the chain's cycle as op1's agent last saw it.
func (n *net) cycle() uint64 {
	st, _ := n.status(1)
	return st.Cycle
}

// waitCycle waits until the chain is in cycle c, for at most 3 cycles of blocks.
func (n *net) waitCycle(c uint64, cycleBlocks int64) {
	n.t.Helper()
	n.node.WaitBlocks(n.t, fmt.Sprintf("cycle %d", c), 3*cycleBlocks, func() bool { return n.cycle() >= c })
}

// state reads cycle c of an agent's state directory (zero value when absent).
func (n *net) state(key string, c uint64) stateCycle {
	var sc stateCycle
	b, err := os.ReadFile(filepath.Join(n.stateDir(key), fmt.Sprintf("cycle-%d.json", c)))
	if err == nil {
		_ = json.Unmarshal(b, &sc)
	}
	return sc
}

// attestationTxs returns the committed MsgSubmitAttestation transactions of
// sender for cycle c: how many succeeded and how many failed.
func (n *net) attestationTxs(sender string, c uint64) (ok, failed int) {
	n.t.Helper()
	var res struct {
		Txs []struct {
			Code float64 `json:"code"`
			Tx   struct {
				Body struct {
					Messages []struct {
						Cycle string `json:"cycle"`
					} `json:"messages"`
				} `json:"body"`
			} `json:"tx"`
		} `json:"txs"`
	}
	query := fmt.Sprintf("message.sender='%s' AND message.action='/xmtp.nodeselection.v1.MsgSubmitAttestation'", sender)
	n.node.Query(n.t, &res, "txs", "--query", query, "--limit", "100")
	for _, tx := range res.Txs {
		for _, m := range tx.Tx.Body.Messages {
			if m.Cycle == fmt.Sprint(c) {
				if tx.Code == 0 {
					ok++
				} else {
					failed++
				}
			}
		}
	}
	return ok, failed
}

type performance struct {
	UptimeBps uint32 `json:"uptime_bps"`
	Attested  bool   `json:"attested"`
}

// perf is the settled performance of owner in cycle c.
func (n *net) perf(owner string, c uint64) (performance, bool) {
	var res struct {
		Performances []performance `json:"performances"`
	}
	n.node.Query(n.t, &res, "nodeselection", "performance", owner, fmt.Sprint(c), fmt.Sprint(c))
	if len(res.Performances) == 0 {
		return performance{}, false
	}
	return res.Performances[0], true
}

func (n *net) addr(key string) string {
	n.t.Helper()
	out, err := n.node.CLI("keys", "show", key, "-a", "--keyring-backend", "test")
	require.NoError(n.t, err)
	return strings.TrimSpace(out)
}

func (n *net) genTLS() {
	n.t.Helper()
	out, err := exec.Command(n.bin, "operator", "gen-tls", filepath.Join(n.dir, "tls"), "--home", n.node.Home).CombinedOutput()
	require.NoError(n.t, err, string(out))
	// Role changes go to hooks.log, node list changes to nodes-hooks.log.
	hook := "#!/bin/sh\nif [ \"$XMTPD_REASON\" = nodes ]; then echo \"$XMTPD_OPERATOR $XMTPD_NODES_FILE\" >> " +
		filepath.Join(n.dir, "nodes-hooks.log") + "; exit 0; fi\necho \"$XMTPD_OPERATOR $XMTPD_CYCLE $1\" >> " +
		filepath.Join(n.dir, "hooks.log") + "\n"
	require.NoError(n.t, os.WriteFile(filepath.Join(n.dir, "hook.sh"), []byte(hook), 0o755))
}

// hooks returns the hook lines of operator owner: "<cycle> <role>".
func (n *net) hooks(owner string) []string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "hooks.log"))
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == owner {
			out = append(out, f[1]+" "+f[2])
		}
	}
	return out
}

func (n *net) logContains(key, s string) bool {
	b, _ := os.ReadFile(n.agentLog(key))
	return strings.Contains(string(b), s)
}

// setActiveSetSize changes x/nodeselection's active_set_size through the
// admin authority (draft-update-params, edit, exec).
func (n *net) setActiveSetSize(size int) {
	n.t.Helper()
	out, err := n.node.CLI("tx", "authority", "draft-update-params", "nodeselection")
	require.NoError(n.t, err)
	var file map[string]any
	require.NoError(n.t, json.Unmarshal([]byte(out), &file), out)
	msgs := file["messages"].([]any)
	params := msgs[0].(map[string]any)["params"].(map[string]any)
	params["active_set_size"] = size
	b, err := json.Marshal(file)
	require.NoError(n.t, err)
	path := filepath.Join(n.dir, "params.json")
	require.NoError(n.t, os.WriteFile(path, b, 0o644))
	n.node.Tx(n.t, n.node.Home, "admin", "authority", "exec", path)
}
