package registry

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

// fakeSource serves a list the test sets and hands each subscription's
// channel to the test.
type fakeSource struct {
	mu         sync.Mutex
	snap       Snapshot
	readErr    error
	reads      int
	subErr     error
	subscribes int
	subs       chan chan Notice
}

func newFake(nodes ...Node) *fakeSource {
	return &fakeSource{snap: Snapshot{Nodes: nodes, Cycle: 1, Height: 10}, subs: make(chan chan Notice, 16)}
}

func (f *fakeSource) Nodes(context.Context) (Snapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if f.readErr != nil {
		return Snapshot{}, f.readErr
	}
	s := f.snap
	s.Nodes = append([]Node(nil), f.snap.Nodes...)
	return s, nil
}

func (f *fakeSource) Subscribe(ctx context.Context) (<-chan Notice, error) {
	f.mu.Lock()
	f.subscribes++
	err := f.subErr
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	in, out := make(chan Notice), make(chan Notice)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case n, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- n:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	f.subs <- in
	return out, nil
}

// set changes what the chain lists (height goes up by one).
func (f *fakeSource) set(nodes ...Node) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.snap = Snapshot{Nodes: nodes, Cycle: f.snap.Cycle, Height: f.snap.Height + 1}
}

func (f *fakeSource) counts() (reads, subscribes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads, f.subscribes
}

func testKey(t *testing.T) *secp256k1.PrivateKey {
	t.Helper()
	k, err := secp256k1.GeneratePrivateKey()
	require.NoError(t, err)
	return k
}

func node(t *testing.T, id uint32, canonical bool) Node {
	return Node{NodeID: id, SigningKey: testKey(t).PubKey().ToECDSA(), HTTPAddress: "https://n.example:443",
		IsCanonical: canonical, IsValidConfig: true, Status: "OPERATOR_STATUS_ACTIVE"}
}

// quiet options: no poll, no staleness, fast retries; each test moves the chain by hand.
var manual = Options{PollInterval: time.Hour, StaleAfter: time.Hour, RetryMin: 10 * time.Millisecond, RetryMax: 50 * time.Millisecond}

func started(t *testing.T, f *fakeSource, opt Options) (*Registry, chan Notice) {
	t.Helper()
	r := New(f, opt)
	t.Cleanup(r.Stop)
	r.Start()
	select {
	case <-r.Ready():
	case <-time.After(5 * time.Second):
		t.Fatal("registry not ready")
	}
	select {
	case sub := <-f.subs:
		return r, sub
	case <-time.After(5 * time.Second):
		t.Fatal("no subscription")
	}
	return nil, nil
}

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("nothing received")
	}
	var zero T
	return zero
}

func none[T any](t *testing.T, ch <-chan T, wait time.Duration) {
	t.Helper()
	select {
	case v := <-ch:
		t.Fatalf("unexpected %v", v)
	case <-time.After(wait):
	}
}

// waitReads waits until the source was read at least n times.
func waitReads(t *testing.T, f *fakeSource, n int) {
	t.Helper()
	require.Eventually(t, func() bool { r, _ := f.counts(); return r >= n }, 5*time.Second, 5*time.Millisecond)
}

func TestGetNodesBeforeAndAfterTheFirstRead(t *testing.T) {
	// ARRANGE: the chain does not answer yet.
	f := newFake(node(t, 300, false), node(t, 100, true))
	f.readErr = errors.New("down")
	r := New(f, manual)
	defer r.Stop()

	// ACT / ASSERT: nothing before the first read, an error naming why.
	_, err := r.GetNodes()
	require.ErrorIs(t, err, ErrNotLoaded)
	_, err = r.GetNode(100)
	require.ErrorIs(t, err, ErrNotLoaded)
	r.Start()
	waitReads(t, f, 3) // retried with backoff
	f.mu.Lock()
	f.readErr = nil
	f.mu.Unlock()
	recv(t, r.Ready())

	nodes, err := r.GetNodes()
	require.NoError(t, err)
	require.Equal(t, []uint32{100, 300}, ids(nodes), "ordered by node id")
	n, err := r.GetNode(300)
	require.NoError(t, err)
	require.True(t, n.Equal(f.snap.Nodes[0]))
	_, err = r.GetNode(200)
	require.ErrorIs(t, err, ErrNotFound)
	c, h := r.Cycle()
	require.Equal(t, uint64(1), c)
	require.Equal(t, int64(10), h)
	snap, err := r.Snapshot()
	require.NoError(t, err)
	require.Equal(t, Snapshot{Nodes: nodes, Cycle: 1, Height: 10}, snap)
}

func ids(ns []Node) []uint32 {
	out := make([]uint32, len(ns))
	for i, n := range ns {
		out[i] = n.NodeID
	}
	return out
}

func TestRelevantEventsDriveNewChangedAndRemovedNodes(t *testing.T) {
	// ARRANGE: nodes 100 and 200 listed; subscribers of every kind.
	a, b := node(t, 100, true), node(t, 200, true)
	f := newFake(a, b)
	r, sub := started(t, f, manual)
	added, removed, changedA, changedB, lists := r.OnNewNodes(), r.OnRemovedNodes(), r.OnChangedNode(100), r.OnChangedNode(200), r.OnChange()
	reads, _ := f.counts()

	// ACT 1: a block without node events: no read.
	c := node(t, 300, false)
	f.set(a, b, c)
	sub <- Notice{Height: 11}
	none(t, added, 100*time.Millisecond)
	r2, _ := f.counts()
	require.Equal(t, reads, r2, "an irrelevant block does not read the list")

	// ACT 2: a relevant block: node 300 appears.
	sub <- Notice{Height: 12, Relevant: true}
	require.Equal(t, []uint32{300}, ids(recv(t, added)))
	require.Equal(t, []uint32{100, 200, 300}, ids(recv(t, lists)))

	// ACT 3: node 100 rotates its key; node 200 leaves the list.
	a2 := a
	a2.SigningKey = testKey(t).PubKey().ToECDSA()
	f.set(a2, c)
	sub <- Notice{Height: 13, Relevant: true}

	// ASSERT: 100's subscriber sees the new key, 200's sees nothing, the removal carries 200's last value.
	got := recv(t, changedA)
	require.True(t, got.SigningKey.Equal(a2.SigningKey))
	gone := recv(t, removed)
	require.Len(t, gone, 1)
	require.True(t, gone[0].Equal(b))
	none(t, changedB, 50*time.Millisecond)
	none(t, added, 10*time.Millisecond)
	cur, err := r.GetNode(100)
	require.NoError(t, err)
	require.True(t, cur.SigningKey.Equal(a2.SigningKey))
}

func TestEveryFieldChangeIsAChange(t *testing.T) {
	base := node(t, 100, true)
	base.PendingSigningKey, base.EffectiveCycle = testKey(t).PubKey().ToECDSA(), 7
	edits := map[string]func(*Node){
		"SigningKey":        func(n *Node) { n.SigningKey = testKey(t).PubKey().ToECDSA() },
		"HTTPAddress":       func(n *Node) { n.HTTPAddress = "https://other:443" },
		"IsCanonical":       func(n *Node) { n.IsCanonical = false },
		"IsValidConfig":     func(n *Node) { n.IsValidConfig = false },
		"IsNext":            func(n *Node) { n.IsNext = true },
		"Owner":             func(n *Node) { n.Owner = "xmtp1other" },
		"Moniker":           func(n *Node) { n.Moniker = "renamed" },
		"PendingSigningKey": func(n *Node) { n.PendingSigningKey = nil },
		"EffectiveCycle":    func(n *Node) { n.EffectiveCycle = 8 },
		"Status":            func(n *Node) { n.Status = "OPERATOR_STATUS_JAILED" },
	}
	for field, edit := range edits {
		n := base
		edit(&n)
		require.False(t, base.Equal(n), field)
	}
	require.True(t, base.Equal(base))
}

func TestReconnectionReadsAtOnce(t *testing.T) {
	// ARRANGE
	a := node(t, 100, true)
	f := newFake(a)
	r, sub := started(t, f, manual)
	changed := r.OnChangedNode(100)

	// ACT: the chain changes while the connection is lost (no event seen), then it comes back.
	a2 := a
	a2.IsCanonical = false
	f.set(a2)
	close(sub)
	recv(t, f.subs) // resubscribed after a backoff

	// ASSERT: read at once on reconnection, without any event or poll.
	got := recv(t, changed)
	require.False(t, got.IsCanonical)
}

func TestAQuietSubscriptionIsReplaced(t *testing.T) {
	// ARRANGE: a subscription that stays open but brings nothing (a half-open connection).
	f := newFake(node(t, 100, true))
	opt := manual
	opt.StaleAfter = 100 * time.Millisecond
	_, sub := started(t, f, opt)

	// ACT: blocks keep it alive for a while, then nothing comes.
	for range 5 {
		sub <- Notice{Height: 20}
		time.Sleep(40 * time.Millisecond)
	}
	_, subs := f.counts()
	require.Equal(t, 1, subs, "a subscription that brings blocks is kept")

	// ASSERT: replaced after StaleAfter without a block.
	recv(t, f.subs)
}

func TestPollingIsTheFallback(t *testing.T) {
	// ARRANGE: no subscription ever succeeds.
	a := node(t, 100, true)
	f := newFake(a)
	f.subErr = errors.New("websocket refused")
	opt := manual
	opt.PollInterval = 50 * time.Millisecond
	r := New(f, opt)
	defer r.Stop()
	r.Start()
	recv(t, r.Ready())
	changed := r.OnChangedNode(100)

	// ACT
	a2 := a
	a2.HTTPAddress = "https://moved:443"
	f.set(a2)

	// ASSERT: the poll sees it; the failing subscription is retried with backoff, not in a busy loop.
	require.Equal(t, "https://moved:443", recv(t, changed).HTTPAddress)
	time.Sleep(300 * time.Millisecond)
	_, subs := f.counts()
	require.Less(t, subs, 20, "subscription attempts back off (10ms doubling to 50ms)")
	require.Greater(t, subs, 2)
}

func TestAnOlderListIsIgnored(t *testing.T) {
	// ARRANGE: the registry holds the list of height 10.
	a := node(t, 100, true)
	f := newFake(a)
	r, sub := started(t, f, manual)
	reads, _ := f.counts()

	// ACT: a lagging node answers with height 9 and a different list.
	f.mu.Lock()
	f.snap = Snapshot{Nodes: nil, Cycle: 1, Height: 9}
	f.mu.Unlock()
	sub <- Notice{Height: 11, Relevant: true}
	waitReads(t, f, reads+1)

	// ASSERT
	nodes, err := r.GetNodes()
	require.NoError(t, err)
	require.Len(t, nodes, 1, "the list never goes back in time")
}

func TestASlowReaderGetsMergedNews(t *testing.T) {
	// ARRANGE
	f := newFake(node(t, 100, true))
	r, sub := started(t, f, manual)
	added, changed := r.OnNewNodes(), r.OnChangedNode(100)
	base := f.snap.Nodes[0]

	// ACT: two additions and two changes while nobody reads.
	b, c := node(t, 200, false), node(t, 300, false)
	f.set(base, b)
	sub <- Notice{Height: 11, Relevant: true}
	waitReads(t, f, 2)
	x := base
	x.Moniker = "first"
	f.set(x, b, c)
	sub <- Notice{Height: 12, Relevant: true}
	waitReads(t, f, 3)
	y := x
	y.Moniker = "second"
	f.set(y, b, c)
	sub <- Notice{Height: 13, Relevant: true}
	waitReads(t, f, 4)

	// ASSERT: one message each, nothing lost, the node's latest value.
	require.Equal(t, []uint32{200, 300}, ids(recv(t, added)))
	require.Equal(t, "second", recv(t, changed).Moniker)
	none(t, added, 50*time.Millisecond)
}

func TestStopClosesTheChannels(t *testing.T) {
	f := newFake(node(t, 100, true))
	r, _ := started(t, f, manual)
	added, changed := r.OnNewNodes(), r.OnChangedNode(100)
	r.Stop()
	_, ok := <-added
	require.False(t, ok)
	_, ok = <-changed
	require.False(t, ok)
	_, ok = <-r.OnRemovedNodes() // subscribing after Stop gets a closed channel
	require.False(t, ok)
	r.Stop() // twice is fine
}

func TestANewCycleIsNewsForTheWholeList(t *testing.T) {
	// ARRANGE
	a := node(t, 100, true)
	f := newFake(a)
	r, sub := started(t, f, manual)
	lists, changed := r.OnChange(), r.OnChangedNode(100)

	// ACT: the boundary passes and no node changes.
	f.mu.Lock()
	f.snap.Cycle, f.snap.Height = 2, 11
	f.mu.Unlock()
	sub <- Notice{Height: 11, Relevant: true}

	// ASSERT: the list subscribers get it (its flags describe cycle 2); no node changed.
	require.Equal(t, []uint32{100}, ids(recv(t, lists)))
	c, _ := r.Cycle()
	require.Equal(t, uint64(2), c)
	none(t, changed, 50*time.Millisecond)
}
