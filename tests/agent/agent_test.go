package agent

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const (
	cycle       = 12 * time.Second
	cycleBlocks = 12 // about one block a second
	minUptime   = 9500
)

// TestOperatorAgents runs four genesis operators, each with its agent and
// health server, plus a twin agent sharing op3's key, and a fifth operator
// that registers while the test runs. Within a few cycles:
//   - op4's health server is off for the whole of cycle D: its settled uptime
//     is below min_uptime_bps and a DOWNTIME violation is recorded; the others
//     are at 10000;
//   - op1's agent is SIGKILLed in the middle of cycle K and restarted: it
//     resumes the counts it had and submits exactly one attestation for K;
//   - the node is stopped and restarted in cycle R: the agents reconnect and
//     cycle R is attested;
//   - the fifth operator's hook runs with `next` one cycle before `active`;
//   - op3's two agents land exactly one successful attestation per cycle;
//   - op1's agent serves the node registry (/nodes, nodes.json, the hook)
//     with the canonical and next flags of the sets it reports in /status;
//   - the node registry client (registry/) follows the node's events across
//     the node restart, and op2's node key rotation, announced before the
//     restart, from the boundary it takes effect at (registry_test.go).
func TestOperatorAgents(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real binaries")
	}
	// ARRANGE
	bin := testchain.Binary(t)
	epBase := testchain.FreeBasePort(t, 10)
	nw := testchain.NewLocalnet(t, bin, "--operators", "4", "--cycle-duration", cycle.String(),
		"--waiting-period", cycle.String(), "--endpoint-base-port", fmt.Sprint(epBase))
	n := &net{t: t, bin: bin, node: nw.Nodes[0], dir: t.TempDir(), epBase: epBase, stBase: testchain.FreeBasePort(t, 10),
		health: map[int]*testchain.Proc{}, agents: map[string]*testchain.Proc{}}
	t.Cleanup(func() {
		if t.Failed() {
			for key := range n.agents {
				t.Logf("%s log: %s", key, n.agentLog(key))
			}
		}
	})
	n.genTLS()
	n.node.Start(t)
	n.node.WaitHeight(t, 2, time.Minute)
	n.giveNodeKeys(true, "op1", "op2", "op3", "op4")
	for i := 1; i <= 5; i++ {
		n.healthServer(i)
	}
	for i := 1; i <= 4; i++ {
		n.agent(fmt.Sprintf("op%d", i), i)
	}
	n.agents["twin3"] = testchain.Run(t, n.agentLog("twin3"), bin, "operator", "start", "--home", n.node.Home,
		"--chain-id", "xmtp-localnet-1", "--signer-key", "op3", "--keyring-backend", "test", "--keyring-dir", n.node.Home,
		"--node-rpc", n.node.RPC(), "--node-grpc", n.node.GRPCAddr(), "--ca-file", filepath.Join(n.dir, "tls", "ca.pem"),
		"--probe-interval", "1500ms", "--probe-timeout", "1500ms", "--chain-poll", "500ms", "--jitter", "2s",
		"--timeout-blocks", "6", "--state-dir", n.stateDir("twin3"), "--listen", fmt.Sprintf("127.0.0.1:%d", n.stBase+9))
	owner := map[string]string{}
	for i := 1; i <= 4; i++ {
		owner[fmt.Sprintf("op%d", i)] = n.addr(fmt.Sprintf("op%d", i))
	}
	testchain.WaitFor(t, "op1's agent to answer /status", time.Minute, func() bool { _, ok := n.status(1); return ok })

	// A fifth operator's agent runs from the start (idle); it registers later.
	_, err := n.node.CLI("keys", "add", "op5", "--keyring-backend", "test")
	require.NoError(t, err)
	owner["op5"] = n.addr("op5")
	n.agent("op5", 5)

	// ACT 1: op4's health server is off for the whole of cycle D.
	d := n.cycle() + 1
	n.waitCycle(d, cycleBlocks)
	n.health[4].Stop()
	n.waitCycle(d+1, cycleBlocks)
	n.health[4].Start()

	// ACT 2: in cycle K = D+1, op1's agent dies with SIGKILL once it counted a few probes.
	k := d + 1
	n.node.WaitBlocks(t, "op1 to count 3 probes of op2 in cycle K", cycleBlocks, func() bool {
		return n.state("op1", k).Peers[owner["op2"]].Probes >= 3
	})
	n.agents["op1"].Kill()
	before := n.state("op1", k).Peers[owner["op2"]].Probes
	n.agents["op1"].Start()
	var resumed agentStatus
	testchain.WaitFor(t, "op1's agent to come back", time.Minute, func() bool {
		st, ok := n.status(1)
		resumed = st
		return ok && (st.Cycle > k || st.Probes[owner["op2"]].Probes > 0)
	})
	if resumed.Cycle == k { // its first answer, still in cycle K (a slow restart is checked below only)
		require.GreaterOrEqual(t, resumed.Probes[owner["op2"]].Probes, before, "the restarted agent continues the counts it persisted")
	}

	// ACT 2b: a node registry client (registry/, see registry_test.go)
	// follows the node's events, and op2, serving, rotates its node key: in
	// force at the boundary after next, after the node restart below.
	events := n.followEvents()
	rot := n.startRotation("op2")

	// ACT 3: in cycle R = K+1 the node stops for a few seconds and restarts.
	r := k + 1
	n.waitCycle(r, cycleBlocks)
	n.node.WaitBlocks(t, "a few blocks into cycle R", cycleBlocks, func() bool { return n.state("op2", r).Peers[owner["op1"]].Probes >= 2 })
	events.beforeStop(rot.txHeight)
	stopHeight := n.node.Height()
	n.node.Stop()
	events.afterStop()
	time.Sleep(3 * time.Second) // the node is down: agents see it unreachable
	n.node.Start(t)
	n.node.WaitHeight(t, n.node.Height()+2, time.Minute)
	events.afterStart()
	rot.afterRestart(n.activeSet(stopHeight).Cycle, stopHeight)

	// ASSERT 3b: op1's /nodes and nodes.json list the four operators, flags as the sets of its /status.
	n.checkNodes(1, "op1", map[string]string{"op1": owner["op1"], "op2": owner["op2"], "op3": owner["op3"], "op4": owner["op4"]})

	// ACT 4: the set shrinks to the 4 seats it has, and op5 registers: once
	// eligible it is announced in next (one rotation per boundary), then serves.
	n.setActiveSetSize(4)
	n.node.Tx(t, n.node.Home, "admin", "bank", "send", "admin", owner["op5"], "150000000000uxmtp")
	n.node.Tx(t, n.node.Home, "admin", "nodeselection", "issue-operator-nft", owner["op5"], "--no-proposal")
	n.node.Tx(t, n.node.Home, "op5", "nodeselection", "register-operator", "op-5", "100000000000uxmtp",
		fmt.Sprintf("https://127.0.0.1:%d", epBase+4), "SK")
	n.giveNodeKeys(false, "op5")

	// Settlement of R happens at the boundary that ends R+1.
	n.waitCycle(r+2, cycleBlocks)
	n.node.WaitBlocks(t, "cycle R's settled record", 2*cycleBlocks, func() bool { _, ok := n.perf(owner["op2"], r); return ok })

	// ASSERT 1: downtime from real probes.
	p4, ok := n.perf(owner["op4"], d)
	require.True(t, ok)
	require.True(t, p4.Attested)
	require.Less(t, p4.UptimeBps, uint32(minUptime), "op4 was off during cycle %d", d)
	var viol struct {
		Violations []struct {
			Kind  string `json:"kind"`
			Cycle string `json:"cycle"`
		} `json:"violations"`
	}
	n.node.Query(t, &viol, "nodeselection", "violations", owner["op4"])
	require.Contains(t, viol.Violations, struct {
		Kind  string `json:"kind"`
		Cycle string `json:"cycle"`
	}{"VIOLATION_KIND_DOWNTIME", fmt.Sprint(d)})
	for _, key := range []string{"op1", "op2", "op3"} {
		p, ok := n.perf(owner[key], d)
		require.True(t, ok)
		require.Equal(t, uint32(10000), p.UptimeBps, "%s answered every probe in cycle %d", key, d)
	}

	// ASSERT 2: one attestation of op1 for K, with the counts from before the kill.
	okTxs, failed := n.attestationTxs(owner["op1"], k)
	require.Equal(t, 1, okTxs, "exactly one attestation of op1 for cycle %d", k)
	require.Zero(t, failed)
	final := n.state("op1", k)
	require.Equal(t, "confirmed", final.Status)
	require.Greater(t, final.Peers[owner["op2"]].Probes, before, "counts before and after the kill add up")

	// ASSERT 3: the agents reconnected; cycle R is attested and op2's attestation confirmed.
	require.True(t, n.logContains("op2", "node reachable again"))
	pr, _ := n.perf(owner["op2"], r)
	require.True(t, pr.Attested, "cycle %d attested after the node restart", r)
	require.Equal(t, "confirmed", n.state("op2", r).Status)

	// ASSERT 4: op5 was announced (hook `next`) one cycle before it served (hook `active`).
	n.node.WaitBlocks(t, "op5's hook to run with active", 6*cycleBlocks, func() bool {
		return strings.HasSuffix(strings.Join(n.hooks(owner["op5"]), ","), " active")
	})
	h5 := n.hooks(owner["op5"])
	var nextAt, activeAt uint64
	for _, l := range h5 {
		var c uint64
		var role string
		fmt.Sscan(l, &c, &role)
		if role == "next" && nextAt == 0 {
			nextAt = c
		}
		if role == "active" && activeAt == 0 {
			activeAt = c
		}
	}
	require.NotZero(t, nextAt, "hook lines of op5: %v", h5)
	require.Equal(t, nextAt+1, activeAt, "hook lines of op5: %v", h5)
	require.Contains(t, n.hooks(owner["op1"]), fmt.Sprintf("%d leaving", nextAt), "op1 (oldest seat) rotates out for op5")
	nodesHooks, _ := os.ReadFile(filepath.Join(n.dir, "nodes-hooks.log"))
	require.Contains(t, string(nodesHooks), owner["op1"]+" "+filepath.Join(n.stateDir("op1"), "nodes.json"),
		"op1's hook ran for the node list (op5 joined) with XMTPD_NODES_FILE")

	// ASSERT 5: op3's two agents: one successful attestation per cycle, never two.
	for c := d; c <= r; c++ {
		okTxs, _ := n.attestationTxs(owner["op3"], c)
		require.Equal(t, 1, okTxs, "op3 (two agents, one key) in cycle %d", c)
	}

	// ASSERT 6: the registry client showed op2's old key before the
	// effective cycle and the new one from its boundary on (registry_test.go).
	rot.finish()
}
