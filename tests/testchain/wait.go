package testchain

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// Waits are driven by the chain, not by the wall clock: a deadline is a
// number of blocks, and the only wall-clock limit is a stall (no new block
// for StallTimeout), so a loaded machine that produces blocks slowly waits
// longer instead of failing.

// StallTimeout is how long a wait tolerates a chain that commits no block.
var StallTimeout = 2 * time.Minute

// WaitBlocks polls cond (every 300ms) until it holds; it fails the test once
// the node has committed `blocks` blocks since the wait began without cond
// holding, or when the node commits nothing for StallTimeout.
func (n *Node) WaitBlocks(t testing.TB, what string, blocks int64, cond func() bool) {
	t.Helper()
	start := n.Height()
	last, lastAt := start, time.Now()
	for !cond() {
		h := n.Height()
		if h > last {
			last, lastAt = h, time.Now()
		}
		if start > 0 && h > start+blocks {
			t.Fatalf("%s: not within %d blocks (heights %d..%d)", what, blocks, start, h)
		}
		if time.Since(lastAt) > StallTimeout {
			t.Fatalf("%s: the chain committed no block for %s (at height %d); log tail:\n%s", what, StallTimeout, last, n.LogTail(3000))
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// WaitHeight waits until the node has committed height h; it fails when the
// node commits no block for `stall` (the node may be down at first: a
// restarting node counts as stalled from the call).
func (n *Node) WaitHeight(t testing.TB, h int64, stall time.Duration) {
	t.Helper()
	last, lastAt := n.Height(), time.Now()
	for last < h {
		if time.Since(lastAt) > stall {
			t.Fatalf("%s did not reach height %d: no new block for %s (at %d); log tail:\n%s", n.Name(), h, stall, last, n.LogTail(4000))
		}
		time.Sleep(300 * time.Millisecond)
		if cur := n.Height(); cur > last {
			last, lastAt = cur, time.Now()
		}
	}
}

// WaitFor polls cond every 500ms until it holds or the timeout passes. Use it
// only for conditions that do not depend on the chain's progress (a process
// coming up); chain conditions use WaitBlocks.
func WaitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func openLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open log %s: %w", path, err)
	}
	return f, nil
}
