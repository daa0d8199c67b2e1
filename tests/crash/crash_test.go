// Package crash kills the real xmtpd binary with SIGKILL at random moments
// around cycle boundaries and checks that nothing is lost, created or done twice.
package crash

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	kills = 10
	cycle = 6 * time.Second
)

type node struct {
	t         *testing.T
	bin, home string
	cmd       *exec.Cmd
	logs      *bytes.Buffer
}

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
	n := &node{t: t, bin: build(t), home: t.TempDir(), logs: &bytes.Buffer{}}
	base := freeBasePort(t)
	out, err := exec.Command(n.bin, "testnet", "localnet", "--home", n.home, "--base-port", fmt.Sprint(base),
		"--operators", "6", "--cycle-duration", cycle.String(), "--payout-period", (5 * cycle).String(),
		"--waiting-period", cycle.String(), "--operator-unbonding", (3 * cycle).String()).CombinedOutput()
	require.NoError(t, err, string(out))
	rpc := fmt.Sprintf("tcp://127.0.0.1:%d", base+1)

	n.start()
	t.Cleanup(n.kill)
	n.waitHeight(rpc, 2, time.Minute)
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	var heights []int64
	for i := 0; i < kills; i++ {
		time.Sleep(time.Duration(1500+r.Intn(4500)) * time.Millisecond)
		h := n.height(rpc)
		n.kill()
		heights = append(heights, h)
		n.start()
		n.waitHeight(rpc, h+2, time.Minute) // it recovered and produces blocks again
	}
	t.Logf("killed at heights %v", heights)
	time.Sleep(2 * cycle)
	history := n.cycleHistory(rpc)
	last := n.height(rpc)
	n.stop()
	n.invariants()

	// Replay from scratch: an empty application database, the same blocks.
	require.NoError(t, os.Rename(filepath.Join(n.home, "data", "application.db"), filepath.Join(n.home, "data", "application.db.crashed")))
	n.start()
	n.waitHeight(rpc, last+3, 3*time.Minute)
	replayed := n.cycleHistory(rpc)
	n.stop()
	n.invariants()
	require.Equal(t, history, replayed[:len(history)], "replayed cycle history differs from the crashed node's")
	t.Logf("%d kills survived; %d cycles, last height %d; replay from genesis matched", kills, len(history), last)
}

// cycleHistory returns, for every cycle that has ended, its members, and
// checks that no cycle is missing or recorded twice.
func (n *node) cycleHistory(rpc string) []string {
	var st struct {
		Cycle string `json:"cycle"`
	}
	n.query(rpc, &st, "nodeselection", "active-set")
	var cur int
	fmt.Sscan(st.Cycle, &cur)
	require.Greater(n.t, cur, kills, "too few cycle transitions")
	var out []string
	for c := 0; c < cur; c++ {
		var rec json.RawMessage
		n.query(rpc, &rec, "nodeselection", "cycle-history", fmt.Sprint(c))
		out = append(out, string(rec))
	}
	return out
}

func (n *node) query(rpc string, v any, args ...string) {
	n.t.Helper()
	full := append(append([]string{"query"}, args...), "--node", rpc, "-o", "json")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, n.bin, full...).Output()
	require.NoError(n.t, err, "xmtpd %s", strings.Join(full, " "))
	require.NoError(n.t, json.Unmarshal(out, v), string(out))
}

func (n *node) start() {
	n.cmd = exec.Command(n.bin, "start", "--home", n.home)
	n.cmd.Stdout, n.cmd.Stderr = n.logs, n.logs
	require.NoError(n.t, n.cmd.Start())
}

func (n *node) kill() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGKILL)
	_, _ = n.cmd.Process.Wait()
	n.cmd = nil
}

func (n *node) stop() {
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _, _ = n.cmd.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = n.cmd.Process.Kill()
		<-done
	}
	n.cmd = nil
}

func (n *node) invariants() {
	out, err := exec.Command(n.bin, "debug", "invariants", "--home", n.home).CombinedOutput()
	require.NoError(n.t, err, "invariants: %s\nnode log tail:\n%s", out, tail(n.logs.String()))
}

func (n *node) height(rpc string) int64 {
	out, err := exec.Command(n.bin, "status", "--node", rpc).Output()
	if err != nil {
		return 0
	}
	var st struct {
		SyncInfo struct {
			H string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if json.Unmarshal(out, &st) != nil {
		return 0
	}
	var h int64
	fmt.Sscan(st.SyncInfo.H, &h)
	return h
}

func (n *node) waitHeight(rpc string, h int64, timeout time.Duration) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for n.height(rpc) < h {
		if time.Now().After(deadline) {
			n.t.Fatalf("node did not reach height %d in %s; log tail:\n%s", h, timeout, tail(n.logs.String()))
		}
		time.Sleep(300 * time.Millisecond)
	}
}

func tail(s string) string {
	if len(s) > 6000 {
		return s[len(s)-6000:]
	}
	return s
}

func build(t *testing.T) string {
	if p := os.Getenv("XMTPD_BIN"); p != "" {
		return p
	}
	bin := filepath.Join(t.TempDir(), "xmtpd")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/xmtpd")
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func freeBasePort(t *testing.T) int {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for range 50 {
		base := 20000 + 10*r.Intn(3000)
		ok := true
		for p := base; p < base+10 && ok; p++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				ok = false
				continue
			}
			_ = l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no free port range")
	return 0
}
