// Package faults runs a real 4-validator xmtpd network on loopback through
// faults that only a running network shows: the first transaction a node
// receives right after it restarts, one validator cut off from the others
// by a network partition while every process keeps running, and a new node
// that joins by state sync from the validators' snapshots.
//
// One network is shared by the subtests, in order. Skipped with -short.
package faults

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const (
	cycle            = 10 * time.Second
	snapshotInterval = 10 // blocks
)

type suite struct {
	nw    *testchain.Network
	bin   string
	home0 string // node0's home: the admin and payer keys
	part  *testchain.Partition
	rec   *testchain.AppHashRecorder
}

func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 4-validator network of real xmtpd processes (skipped with -short)")
	}
	begin := time.Now()
	s := &suite{bin: testchain.Binary(t)}
	s.nw = testchain.NewNetwork(t, s.bin, 4, "--cycle-duration", cycle.String(), "--operators", "6")
	s.home0 = s.nw.Nodes[0].Home
	for _, n := range s.nw.Nodes {
		n.SetConfig(t, "app.toml", "state-sync", "snapshot-interval", strconv.Itoa(snapshotInterval))
		n.SetConfig(t, "app.toml", "state-sync", "snapshot-keep-recent", "2")
	}
	s.part = s.nw.Isolatable(t, 3)
	t.Cleanup(func() {
		if t.Failed() {
			for _, n := range s.nw.Nodes {
				t.Logf("---- %s log tail ----\n%s", n.Name(), n.LogTail(2000))
			}
		}
	})
	s.nw.StartAll(t)
	s.rec = s.nw.RecordAppHashes(700 * time.Millisecond)

	for _, st := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"FirstTxAfterRestart", s.testFirstTxAfterRestart},
		{"PartitionOneValidator", s.testPartition},
		{"StateSyncJoin", s.testStateSync},
	} {
		if !t.Run(st.name, st.run) {
			return
		}
	}
	t.Logf("wall time %s", time.Since(begin).Round(time.Second))
}

func (s *suite) node(i int) *testchain.Node { return s.nw.Nodes[i] }

// cycleAt is x/nodeselection's current cycle at height h (latest when 0).
func cycleAt(t testing.TB, n *testchain.Node, h int64) uint64 {
	t.Helper()
	var res struct {
		Cycle json.Number `json:"cycle"`
	}
	args := []string{"nodeselection", "active-set"}
	if h > 0 {
		args = append(args, "--height", fmt.Sprint(h))
	}
	n.Query(t, &res, args...)
	c, err := strconv.ParseUint(strings.Trim(res.Cycle.String(), `"`), 10, 64)
	require.NoError(t, err)
	return c
}

// waitBoundary waits until node n's chain has passed the next cycle boundary.
func waitBoundary(t testing.TB, n *testchain.Node) uint64 {
	t.Helper()
	c := cycleAt(t, n, 0)
	n.WaitBlocks(t, fmt.Sprintf("cycle %d", c+1), int64(2*cycle/time.Second)+10, func() bool {
		time.Sleep(time.Second) // each poll is a CLI process; leave the CPU to the nodes
		return cycleAt(t, n, 0) > c
	})
	return c + 1
}

// checkAgreement checks the sampled app hashes and that the given nodes
// store the same headers for heights [from, to].
func (s *suite) checkAgreement(t *testing.T, from, to int64, nodes ...*testchain.Node) {
	t.Helper()
	compared := s.rec.Check(t, s.node(0))
	testchain.CheckHeaders(t, from, to, nodes...)
	t.Logf("app hashes agree: %d heights sampled on 2+ nodes, headers %d..%d equal on %d nodes",
		compared, from, to, len(nodes))
}

// testFirstTxAfterRestart restarts the network without a quorum (2 of 4
// validators), so the restarted node0 commits no block, and sends it a
// signed transaction at once: CheckTx must accept it. Until its first commit
// a restarted node checks transactions against the state it loaded from
// disk; a check context at height 0 would make the signature check use
// account number 0 (the genesis rule) and refuse every account's signature.
// Once the quorum is back the transaction is committed.
func (s *suite) testFirstTxAfterRestart(t *testing.T) {
	n0, n1 := s.node(0), s.node(1)
	s.nw.StopAll()
	n0.Start(t)
	n1.Start(t)
	// node0 takes transactions once it leaves block sync (it has a peer at
	// its height); CometBFT refuses broadcasts while a node catches up.
	testchain.WaitFor(t, "node0 to leave block sync after the restart", time.Minute, func() bool {
		catchingUp, err := n0.CatchingUp()
		return err == nil && !catchingUp
	})
	h := n0.Height()
	admin := s.nw.KeyAddress(t, "admin")
	out, err := n0.CLIWithHome(s.home0, "tx", "bank", "send", "payer", admin, "1uxmtp",
		"--keyring-backend", "test", "--gas", "200000", "-y", "-o", "json")
	require.NoError(t, err)
	var sync struct {
		Code   int    `json:"code"`
		RawLog string `json:"raw_log"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &sync), out)
	require.Equal(t, h, n0.Height(), "no block may commit before the check (2 of 4 validators)")
	require.Zero(t, sync.Code, "CheckTx of the first tx after a restart: %s", sync.RawLog)

	s.node(2).Start(t)
	s.node(3).Start(t)
	res := n0.WaitTx(t, out)
	t.Logf("sent at height %d before any block after the restart; committed at height %v", h, res["height"])
	for _, n := range s.nw.Nodes {
		n.WaitHeight(t, n0.Height(), 90*time.Second)
	}
}

// testPartition cuts node3's connections while every process runs. The
// other three (75% of the power) keep producing blocks and pass a cycle
// boundary while node3 stays at its height; healed, node3 catches up and
// agrees on every app hash.
func (s *suite) testPartition(t *testing.T) {
	n0, n3 := s.node(0), s.node(3)
	s.part.Cut()
	cutAt := time.Now()
	testchain.WaitFor(t, "node3 to lose its peers", 30*time.Second, func() bool { p, err := n3.Peers(); return err == nil && p == 0 })
	time.Sleep(2 * time.Second) // a block in flight may still reach node3
	h3 := n3.Height()
	h0 := n0.Height()

	c := waitBoundary(t, n0)
	n0.WaitBlocks(t, "two more blocks", 10, func() bool { return n0.Height() >= h0+2 })
	tip := n0.Height()
	require.Equal(t, h3, n3.Height(), "the cut node commits nothing while cut off")
	require.True(t, n3.IsRunning())
	peers, err := n3.Peers()
	require.NoError(t, err)
	require.Zero(t, peers, "node3 stayed cut off (its redials are refused)")
	t.Logf("cut for %s: node0 %d -> %d, crossed into cycle %d; node3 stayed at %d",
		time.Since(cutAt).Round(time.Second), h0, tip, c, h3)

	s.part.Heal()
	healAt := time.Now()
	n3.WaitHeight(t, tip+2, 120*time.Second)
	testchain.WaitFor(t, "node3 to be connected to the three others again", 30*time.Second, func() bool {
		p, err := n3.Peers()
		return err == nil && p == 3
	})
	t.Logf("node3 caught up %d blocks in %s", tip-h3, time.Since(healAt).Round(time.Second))
	require.Equal(t, c, cycleAt(t, n3, tip), "node3 sees the boundary it missed")
	s.checkAgreement(t, h3-1, tip+1, s.nw.Nodes...)
}

// testStateSync adds a fifth node that restores the newest snapshot of the
// validators instead of replaying the chain, then follows the chain across
// a cycle boundary and agrees on every app hash; x/nodeselection, x/rewards
// and x/treasury answer it the same as on node0.
func (s *suite) testStateSync(t *testing.T) {
	n0 := s.node(0)
	// The snapshot needs two blocks above it for the light client.
	n0.WaitHeight(t, 2*snapshotInterval+3, 90*time.Second)
	n4 := s.nw.AddStateSyncNode(t, s.bin, n0, s.node(0), s.node(1))
	start := time.Now()
	n4.Start(t)
	testchain.WaitFor(t, "node4 to restore a snapshot and answer", 3*time.Minute, func() bool { return n4.Height() > 0 })
	first, err := n4.EarliestHeight()
	require.NoError(t, err)
	require.Greater(t, first, int64(1), "state sync starts above genesis")
	require.True(t, n4.LogContains("Snapshot restored"), "node4 restored a snapshot")
	n4.WaitHeight(t, n0.Height(), 120*time.Second)
	t.Logf("node4 joined by state sync in %s; its first block is %d", time.Since(start).Round(time.Second), first)

	c := waitBoundary(t, n4)
	tip := n0.Height()
	n4.WaitHeight(t, tip+2, 60*time.Second)
	s.checkAgreement(t, first, tip, s.nw.Nodes...)
	for _, q := range [][]string{
		{"nodeselection", "active-set"},
		{"nodeselection", "operators"},
		{"rewards", "cycle-records"},
		{"rewards", "pool"},
		{"treasury", "buckets"},
		{"bank", "total-supply"},
	} {
		args := append(append([]string{"query"}, q...), "--height", fmt.Sprint(tip), "-o", "json")
		want, err := n0.CLI(args...)
		require.NoError(t, err)
		got, err := n4.CLI(args...)
		require.NoError(t, err)
		require.JSONEq(t, want, got, "query %v at height %d", q, tip)
	}
	t.Logf("node4 passed into cycle %d and agrees up to height %d", c, tip)
}
