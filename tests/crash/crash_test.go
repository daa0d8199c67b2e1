// Package crash kills the real xmtpd binary with SIGKILL at random moments
// around cycle boundaries and checks that nothing is lost, created or done twice.
package crash

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const (
	kills = 10
	cycle = 6 * time.Second
)

// TestKillNineAroundBoundaries runs a single-validator localnet with 6 s
// cycles, SIGKILLs it 10 times at random moments (every moment is within a
// few blocks of a boundary) and restarts it each time. Then, with the node
// stopped, `xmtpd debug invariants` must pass; the cycle history must have
// every cycle exactly once and the settled records must be unique; and a
// replay of the whole block store into an empty application database (what a
// node that never crashed computes) must reproduce every app hash — CometBFT
// refuses to continue on a mismatch — and reach the same invariants.
func TestKillNineAroundBoundaries(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test runs the real binary")
	}
	bin := testchain.Binary(t)
	nw := testchain.NewLocalnet(t, bin, "--operators", "6", "--cycle-duration", cycle.String(),
		"--payout-period", (5 * cycle).String(), "--waiting-period", cycle.String(), "--operator-unbonding", (3 * cycle).String())
	n := nw.Nodes[0]

	n.Start(t)
	n.WaitHeight(t, 2, time.Minute)
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	var heights []int64
	for i := 0; i < kills; i++ {
		time.Sleep(time.Duration(1500+r.Intn(4500)) * time.Millisecond) // the random moment of the kill
		h := n.Height()
		n.Kill()
		heights = append(heights, h)
		n.Start(t)
		n.WaitHeight(t, h+2, time.Minute) // it recovered and produces blocks again
	}
	t.Logf("killed at heights %v", heights)
	n.WaitHeight(t, n.Height()+int64(2*cycle/time.Second)+2, time.Minute) // two more cycles of blocks
	history := cycleHistory(t, n)
	last := n.Height()
	n.Stop()
	invariants(t, n)

	// Replay from scratch: an empty application database, the same blocks.
	require.NoError(t, os.Rename(filepath.Join(n.Home, "data", "application.db"), filepath.Join(n.Home, "data", "application.db.crashed")))
	n.Start(t)
	n.WaitHeight(t, last+3, 3*time.Minute)
	replayed := cycleHistory(t, n)
	n.Stop()
	invariants(t, n)
	require.Equal(t, history, replayed[:len(history)], "replayed cycle history differs from the crashed node's")
	t.Logf("%d kills survived; %d cycles, last height %d; replay from genesis matched", kills, len(history), last)
}

// cycleHistory returns, for every cycle that has ended, its members, and
// checks that no cycle is missing or recorded twice.
func cycleHistory(t *testing.T, n *testchain.Node) []string {
	var st struct {
		Cycle string `json:"cycle"`
	}
	n.Query(t, &st, "nodeselection", "active-set")
	var cur int
	fmt.Sscan(st.Cycle, &cur)
	require.Greater(t, cur, kills, "too few cycle transitions")
	var out []string
	for c := 0; c < cur; c++ {
		var rec json.RawMessage
		n.Query(t, &rec, "nodeselection", "cycle-history", fmt.Sprint(c))
		out = append(out, string(rec))
	}
	return out
}

func invariants(t *testing.T, n *testchain.Node) {
	out, err := exec.Command(n.Bin, "debug", "invariants", "--home", n.Home).CombinedOutput()
	require.NoError(t, err, "invariants: %s\nnode log tail:\n%s", out, n.LogTail(6000))
}
