package testchain

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// AppHashRecorder samples the app hash that every running node computed
// itself (ABCI Info) while a test runs, so that disagreement at any sampled
// height is caught even when it would not stop the chain.
type AppHashRecorder struct {
	nw   *Network
	mu   sync.Mutex
	seen map[int64]map[string]string // height -> node -> app hash
	stop chan struct{}
	wg   sync.WaitGroup
}

// RecordAppHashes starts sampling every interval until the test ends.
func (nw *Network) RecordAppHashes(interval time.Duration) *AppHashRecorder {
	r := &AppHashRecorder{nw: nw, seen: map[int64]map[string]string{}, stop: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-r.stop:
				return
			case <-tick.C:
				r.sample()
			}
		}
	}()
	nw.T.Cleanup(func() { close(r.stop); r.wg.Wait() })
	return r
}

func (r *AppHashRecorder) sample() {
	for _, n := range r.nw.Running() {
		h, hash, err := n.AppInfo()
		if err != nil || h == 0 {
			continue
		}
		r.mu.Lock()
		if r.seen[h] == nil {
			r.seen[h] = map[string]string{}
		}
		r.seen[h][n.Name()] = hash
		r.mu.Unlock()
	}
}

// Check fails the test if two nodes reported different app hashes for the
// same height, or if a node's own hash differs from the header of the next
// block stored by `ref`. It returns how many heights were compared across at
// least two nodes.
func (r *AppHashRecorder) Check(t testing.TB, ref *Node) int {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	var heights []int64
	for h := range r.seen {
		heights = append(heights, h)
	}
	sort.Slice(heights, func(i, j int) bool { return heights[i] < heights[j] })
	if len(heights) == 0 {
		t.Fatal("no app hash sampled")
	}
	// A sample may come from a node ahead of ref: wait until ref stores the
	// header after the highest sampled height.
	headers := storedHeaders(t, ref, heights[0], heights[len(heights)-1])
	multi := 0
	var bad []string
	for _, h := range heights {
		byNode := r.seen[h]
		if len(byNode) > 1 {
			multi++
		}
		for node, hash := range byNode {
			if want, ok := headers[h]; ok && !strings.EqualFold(want, hash) {
				bad = append(bad, fmt.Sprintf("height %d: %s computed %s, header of %d says %s", h, node, hash, h+1, want))
			}
			for other, oh := range byNode {
				if other < node && oh != hash {
					bad = append(bad, fmt.Sprintf("height %d: %s=%s but %s=%s", h, node, hash, other, oh))
				}
			}
		}
	}
	if len(bad) > 0 {
		t.Fatalf("app hash disagreement:\n%s", strings.Join(bad, "\n"))
	}
	return multi
}

// CheckHeaders fails the test if the headers of heights [from, to] stored by
// the given nodes differ. A node that stores block h+1 has verified it against
// the state it computed itself, so equal headers mean equal app hashes.
func CheckHeaders(t testing.TB, from, to int64, nodes ...*Node) {
	t.Helper()
	var ref map[int64]string
	for i, n := range nodes {
		got := storedHeaders(t, n, from, to)
		if int64(len(got)) < to-from+1 {
			t.Fatalf("%s stores %d of the headers %d..%d", n.Name(), len(got), from+1, to+1)
		}
		if i == 0 {
			ref = got
			continue
		}
		for h, hash := range got {
			if ref[h] != hash {
				t.Fatalf("app hash after height %d: %s=%s, %s=%s", h, nodes[0].Name(), ref[h], n.Name(), hash)
			}
		}
	}
}

// storedHeaders reads the app hashes after heights [from, to] from the
// headers the node stores, waiting for the node to store header to+1 first:
// a node's /blockchain answers up to one block below the height /status
// reports, and a node may lag the others on a loaded machine.
func storedHeaders(t testing.TB, n *Node, from, to int64) map[int64]string {
	t.Helper()
	n.WaitHeight(t, to+2, 60*time.Second)
	got, err := n.HeaderAppHashes(from, to)
	for deadline := time.Now().Add(60 * time.Second); err != nil && time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		got, err = n.HeaderAppHashes(from, to)
	}
	if err != nil {
		t.Fatalf("read headers from %s: %v", n.Name(), err)
	}
	return got
}
