package agent

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/announce"
	"github.com/xmtp/xmtpd-chain/operator/config"
	"github.com/xmtp/xmtpd-chain/registry"
)

// listSource is a chain whose node list the test sets; every set is announced
// by a relevant block.
type listSource struct {
	mu     sync.Mutex
	snap   registry.Snapshot
	notify chan registry.Notice
}

func (s *listSource) Nodes(context.Context) (registry.Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap, nil
}

func (s *listSource) Subscribe(ctx context.Context) (<-chan registry.Notice, error) {
	out := make(chan registry.Notice)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case n := <-s.notify:
				out <- n
			}
		}
	}()
	return out, nil
}

func (s *listSource) set(cycle uint64, nodes ...registry.Node) {
	s.mu.Lock()
	s.snap = registry.Snapshot{Nodes: nodes, Cycle: cycle, Height: s.snap.Height + 1}
	s.mu.Unlock()
	s.notify <- registry.Notice{Height: s.snap.Height, Relevant: true}
}

func TestNodeListIsServedWrittenAndHooked(t *testing.T) {
	// ARRANGE: an agent whose role is known, a hook that records why it ran.
	dir := t.TempDir()
	hookOut := filepath.Join(dir, "hook.out")
	hook := filepath.Join(dir, "hook.sh")
	require.NoError(t, os.WriteFile(hook, []byte("#!/bin/sh\necho \"$1 $XMTPD_REASON $XMTPD_NODES_FILE\" >> "+hookOut+"\n"), 0o755))
	cfg := config.Default()
	cfg.StateDir, cfg.Hook = filepath.Join(dir, "state"), hook
	a, err := New(cfg, "xmtp1self", &oneCycleChain{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	_, err = a.announce.Update(announce.Status{Operator: "xmtp1self", Role: announce.RoleActive, Cycle: 3})
	require.NoError(t, err)
	key, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	n100 := registry.Node{NodeID: 100, SigningKey: key.PubKey().ToECDSA(), HTTPAddress: "https://a:1", IsCanonical: true,
		IsValidConfig: true, Owner: "xmtp1self", Status: "OPERATOR_STATUS_ACTIVE"}
	src := &listSource{snap: registry.Snapshot{Nodes: []registry.Node{n100}, Cycle: 3, Height: 50}, notify: make(chan registry.Notice)}
	a.UseRegistry(src, registry.Options{PollInterval: time.Hour})
	served := httptest.NewRecorder()
	a.nodes.Handler().ServeHTTP(served, httptest.NewRequest(http.MethodGet, "/nodes", nil))
	require.Equal(t, http.StatusServiceUnavailable, served.Code, "no list before the first read")

	// ACT: the agent reads the list, then node 200 appears.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); a.nodesLoop(ctx) }()
	defer func() { cancel(); <-done }()
	fileNodes := func() []uint32 {
		var l announce.NodeList
		b, err := os.ReadFile(a.NodesFile())
		if err != nil || json.Unmarshal(b, &l) != nil {
			return nil
		}
		ids := []uint32{}
		for _, n := range l.Nodes {
			ids = append(ids, n.NodeID)
		}
		return ids
	}
	require.Eventually(t, func() bool { return len(fileNodes()) == 1 }, 5*time.Second, 10*time.Millisecond)
	n200 := registry.Node{NodeID: 200, HTTPAddress: "https://b:1", Status: "OPERATOR_STATUS_WAITING"}
	src.set(4, n100, n200)
	require.Eventually(t, func() bool { return len(fileNodes()) == 2 }, 5*time.Second, 10*time.Millisecond)

	// ASSERT: the file and /nodes hold the list with the chain's fields; the hook ran once per list.
	var l announce.NodeList
	b, err := os.ReadFile(filepath.Join(cfg.StateDir, announce.NodesFileName))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &l))
	require.Equal(t, uint64(4), l.Cycle)
	require.True(t, l.Nodes[0].SigningKey.Equal(n100.SigningKey))
	require.True(t, l.Nodes[0].IsCanonical)
	require.False(t, l.Nodes[1].IsCanonical)
	served = httptest.NewRecorder()
	a.nodes.Handler().ServeHTTP(served, httptest.NewRequest(http.MethodGet, "/nodes", nil))
	require.Equal(t, http.StatusOK, served.Code)
	require.Contains(t, served.Body.String(), `"node_id":200`)
	require.Contains(t, served.Body.String(), `"is_canonical":true`)
	require.Eventually(t, func() bool {
		out, _ := os.ReadFile(hookOut)
		return strings.Count(string(out), "active nodes "+a.NodesFile()+"\n") == 2
	}, 5*time.Second, 10*time.Millisecond)

	// ACT 2: a boundary that changes no node: the file follows the cycle, the hook does not run.
	src.set(5, n100, n200)
	require.Eventually(t, func() bool {
		b, err := os.ReadFile(a.NodesFile())
		return err == nil && json.Unmarshal(b, &l) == nil && l.Cycle == 5
	}, 5*time.Second, 10*time.Millisecond)
	time.Sleep(200 * time.Millisecond) // a hook would have run by now
	out, err := os.ReadFile(hookOut)
	require.NoError(t, err)
	require.Equal(t, 2, strings.Count(string(out), "\n"), "hook runs: %s", out)
	entries, err := os.ReadDir(cfg.StateDir)
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.Contains(e.Name(), ".tmp-"), "no temporary file left: %s", e.Name())
	}
}
