// Package registry runs the node registry client (registry/) against a real
// chain: a localnet xmtpd process with short cycles.
package registry

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/registry"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// TestEventsAcrossANodeRestart follows a node's CometBFT events through
// ChainSource: a notice per block, a relevant one at every boundary (the
// block's EventCycleStarted), the subscription ending when the node stops
// and opening again once it is back.
func TestEventsAcrossANodeRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real chain")
	}
	// ARRANGE
	node := testchain.StartLocalnet(t, testchain.Binary(t), "--operators", "2", "--cycle-duration", "5s", "--waiting-period", "5s")
	src := &registry.ChainSource{RPC: node.RPC()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// ACT 1: subscribe and read notices until a boundary.
	notices, err := src.Subscribe(ctx)
	require.NoError(t, err)
	var heights []int64
	sawBoundary := false
	deadline := time.After(30 * time.Second)
	for !sawBoundary {
		select {
		case n, ok := <-notices:
			require.True(t, ok, "subscription ended while the node runs")
			heights = append(heights, n.Height)
			sawBoundary = n.Relevant
		case <-deadline:
			t.Fatalf("no boundary within 30s; heights %v", heights)
		}
	}

	// ASSERT 1: one notice per block at least, heights never going back.
	require.GreaterOrEqual(t, len(heights), 2, "heights %v", heights)
	for i := 1; i < len(heights); i++ {
		require.GreaterOrEqual(t, heights[i], heights[i-1], "heights %v", heights)
	}

	// ACT 2: the node stops.
	node.Stop()
	closed := false
	deadline = time.After(20 * time.Second)
	for !closed {
		select {
		case _, ok := <-notices:
			closed = !ok
		case <-deadline:
			t.Fatal("the subscription did not end within 20s of the node stopping")
		}
	}
	_, err = src.Subscribe(ctx)
	require.Error(t, err, "no subscription while the node is down")

	// ACT 3: it is back: a new subscription brings blocks again.
	node.Start(t)
	var again <-chan registry.Notice
	testchain.WaitFor(t, "a subscription after the restart", time.Minute, func() bool {
		again, err = src.Subscribe(ctx)
		return err == nil
	})
	select {
	case n := <-again:
		require.Greater(t, n.Height, heights[len(heights)-1])
	case <-time.After(30 * time.Second):
		t.Fatal("no block after the restart")
	}
}
