package agent

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/xmtp/xmtpd-chain/registry"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The node registry client (registry/) against the real chain. These checks
// run on TestOperatorAgents' chain, around its node restart in cycle R, so
// no chain of their own is started.

// eventsCheck follows the node's CometBFT events through ChainSource: a
// notice per block, a relevant one at a boundary (the block's
// EventCycleStarted), the subscription ending when the node stops and
// opening again once it is back.
type eventsCheck struct {
	n       *net
	src     *registry.ChainSource
	ctx     context.Context
	mu      sync.Mutex
	notices []registry.Notice
	closed  chan struct{} // the subscription ended
}

// followEvents subscribes (ACT 1 of the events check) and records every notice.
func (n *net) followEvents() *eventsCheck {
	t := n.t
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e := &eventsCheck{n: n, src: &registry.ChainSource{RPC: n.node.RPC()}, ctx: ctx, closed: make(chan struct{})}
	notices, err := e.src.Subscribe(ctx)
	require.NoError(t, err)
	go func() {
		defer close(e.closed)
		for x := range notices {
			e.mu.Lock()
			e.notices = append(e.notices, x)
			e.mu.Unlock()
		}
	}()
	return e
}

// beforeStop (ASSERT 1): the subscription lives while the node runs and
// brought a notice per block at least, heights never going back, and a
// relevant one at the boundary it crossed (the first block of a new cycle,
// EventCycleStarted). txHeight is the height of a transaction of ours
// whose notice is relevant by itself.
func (e *eventsCheck) beforeStop(txHeight int64) {
	t := e.n.t
	t.Helper()
	select {
	case <-e.closed:
		t.Fatal("subscription ended while the node runs")
	default:
	}
	e.mu.Lock()
	notices := append([]registry.Notice(nil), e.notices...)
	e.mu.Unlock()
	var heights []int64
	for _, x := range notices {
		heights = append(heights, x.Height)
	}
	require.GreaterOrEqual(t, len(heights), 2, "heights %v", heights)
	for i := 1; i < len(heights); i++ {
		require.GreaterOrEqual(t, heights[i], heights[i-1], "heights %v", heights)
	}
	lo, hi := heights[0], heights[len(heights)-1]
	first := e.n.activeSet(lo).Cycle
	require.Greater(t, e.n.activeSet(hi).Cycle, first, "the subscription crossed a boundary; heights %v", heights)
	for lo+1 < hi { // hi: the first height of a later cycle
		if mid := (lo + hi) / 2; e.n.activeSet(mid).Cycle > first {
			hi = mid
		} else {
			lo = mid
		}
	}
	relevant := false
	for _, x := range notices {
		relevant = relevant || (x.Height == hi && x.Relevant)
	}
	if hi == txHeight {
		t.Logf("the boundary at height %d holds our transaction too", hi)
	}
	require.True(t, relevant, "no relevant notice at the boundary (height %d); heights %v", hi, heights)
}

// afterStop (ACT 2): the subscription ends within 20s of the node stopping
// and no new one opens while it is down.
func (e *eventsCheck) afterStop() {
	t := e.n.t
	t.Helper()
	select {
	case <-e.closed:
	case <-time.After(20 * time.Second):
		t.Fatal("the subscription did not end within 20s of the node stopping")
	}
	_, err := e.src.Subscribe(e.ctx)
	require.Error(t, err, "no subscription while the node is down")
}

// afterStart (ACT 3): once the node is back, a new subscription brings blocks again.
func (e *eventsCheck) afterStart() {
	t := e.n.t
	t.Helper()
	var again <-chan registry.Notice
	testchain.WaitFor(t, "a subscription after the restart", time.Minute, func() bool {
		var err error
		again, err = e.src.Subscribe(e.ctx)
		return err == nil
	})
	e.mu.Lock()
	last := e.notices[len(e.notices)-1].Height
	e.mu.Unlock()
	select {
	case x := <-again:
		require.Greater(t, x.Height, last)
	case <-time.After(30 * time.Second):
		t.Fatal("no block after the restart")
	}
}

// rotationCheck: a serving operator rotates its node key; the client,
// driven by events only (its poll is an hour),
//   - shows the key as pending with effective_cycle = the cycle of the
//     transaction + 2 (announced one cycle ahead, SPEC 14);
//   - survives the chain's process stopping and restarting in between, and
//     reads the list again at once when it is back;
//   - shows the old key in every cycle before effective_cycle and the new one
//     from its first block, within a few seconds of that boundary.
type rotationCheck struct {
	n        *net
	reg      *registry.Registry
	id       uint32
	oldKey   []byte
	newKey   []byte
	txHeight int64
	txCycle  uint64
	eff      uint64
	changed  <-chan registry.Node
	samples  *samples
}

// startRotation: ARRANGE, ACT 1 and ASSERT 1 of the rotation check, for
// the operator of keyring key `key`.
func (n *net) startRotation(key string) *rotationCheck {
	t := n.t
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg, err := registry.Dial(ctx, n.node.GRPCAddr(), n.node.RPC(), registry.Options{PollInterval: time.Hour,
		StaleAfter: 5 * time.Second, RetryMin: 200 * time.Millisecond, RetryMax: 2 * time.Second})
	require.NoError(t, err)
	t.Cleanup(reg.Stop)
	owner := n.addr(key)
	var cur registry.Node
	testchain.WaitFor(t, key+" to serve with a node key", 4*cycle, func() bool {
		nodes, err := reg.GetNodes()
		if err != nil {
			return false
		}
		for _, x := range nodes {
			if x.Owner == owner {
				cur = x
			}
		}
		return cur.IsCanonical && cur.SigningKey != nil && cur.PendingSigningKey == nil
	})
	r := &rotationCheck{n: n, reg: reg, id: cur.NodeID, oldKey: registry.CompressKey(cur.SigningKey)}
	r.changed = reg.OnChangedNode(r.id)
	r.samples = record(t, reg, r.id)

	// ACT 1: the operator rotates to a new key.
	newKey, proof, err := nstypes.SignNodeKeyProof(secp256k1.GenPrivKey(), "xmtp-localnet-1", owner, r.id)
	require.NoError(t, err)
	r.newKey = newKey
	res := n.updateNodeKey(key, owner, newKey, proof)
	r.txHeight, err = strconv.ParseInt(fmt.Sprint(res["height"]), 10, 64)
	require.NoError(t, err)
	r.txCycle = n.activeSet(r.txHeight).Cycle

	// ASSERT 1: announced, effective at the boundary after next.
	var announced registry.Node
	testchain.WaitFor(t, "the client to show the pending key", 15*time.Second, func() bool {
		x, err := reg.GetNode(r.id)
		if err != nil {
			return false
		}
		announced = *x
		return bytes.Equal(registry.CompressKey(x.PendingSigningKey), newKey)
	})
	r.eff = announced.EffectiveCycle
	require.Equal(t, r.txCycle+2, r.eff, "rotation of a serving node takes effect at the boundary after next")
	require.Equal(t, r.oldKey, registry.CompressKey(announced.SigningKey), "the old key still signs")
	return r
}

// afterRestart (ASSERT 2): the client reconnected and read the list again
// (its poll is an hour away); the restart was in cycle c, before the key
// took effect.
func (r *rotationCheck) afterRestart(c uint64, stopHeight int64) {
	t := r.n.t
	t.Helper()
	require.Less(t, c, r.eff, "the node restarts between the announcement and the effective cycle")
	testchain.WaitFor(t, "the client to read after the restart", 20*time.Second, func() bool {
		s, err := r.reg.Snapshot()
		return err == nil && s.Height > stopHeight
	})
}

// finish: ACT 3 and ASSERT 3 of the rotation check.
func (r *rotationCheck) finish() {
	t := r.n.t
	t.Helper()
	// ACT 3: wait for the effective cycle.
	testchain.WaitFor(t, "the client to reach the effective cycle", 4*cycle+time.Minute, func() bool {
		return time.Since(r.samples.first(r.eff)) > 2*time.Second
	})

	// ASSERT 3: old key before, new key from the boundary on, seen within seconds of it.
	for _, s := range r.samples.all() {
		if s.cycle < r.eff {
			require.Equal(t, r.oldKey, s.key, "cycle %d (before %d) at height %d", s.cycle, r.eff, s.height)
		} else {
			require.Equal(t, r.newKey, s.key, "cycle %d (from %d) at height %d", s.cycle, r.eff, s.height)
			require.Nil(t, s.pending, "the rotation is done")
		}
	}
	first, ok := r.samples.firstOf(r.eff)
	require.True(t, ok)
	lag := first.at.Sub(r.cycleStart(r.eff, first.height))
	t.Logf("rotation sent in cycle %d, effective in cycle %d; %d samples; the client showed it %s after the boundary",
		r.txCycle, r.eff, len(r.samples.all()), lag.Round(time.Millisecond))
	require.Less(t, lag, 5*time.Second, "the client follows the boundary's events, not its hourly poll")
	var last registry.Node
	for drained := false; !drained; {
		select {
		case x := <-r.changed:
			last = x
		default:
			drained = true
		}
	}
	require.Equal(t, r.newKey, registry.CompressKey(last.SigningKey), "OnChangedNode delivered the key in force")
}

// sample is what the client showed of one node at one moment.
type sample struct {
	at      time.Time
	cycle   uint64
	height  int64
	key     []byte
	pending []byte
}

// samples are the client's snapshots every 50ms.
type samples struct {
	mu   sync.Mutex
	list []sample
}

func record(t *testing.T, reg *registry.Registry, id uint32) *samples {
	s := &samples{}
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			snap, err := reg.Snapshot()
			if err != nil {
				continue
			}
			for _, x := range snap.Nodes {
				if x.NodeID == id {
					s.mu.Lock()
					s.list = append(s.list, sample{at: time.Now(), cycle: snap.Cycle, height: snap.Height,
						key: registry.CompressKey(x.SigningKey), pending: registry.CompressKey(x.PendingSigningKey)})
					s.mu.Unlock()
				}
			}
		}
	}()
	return s
}

func (s *samples) all() []sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sample(nil), s.list...)
}

// firstOf is the client's first sample of cycle c or later.
func (s *samples) firstOf(c uint64) (sample, bool) {
	for _, x := range s.all() {
		if x.cycle >= c {
			return x, true
		}
	}
	return sample{}, false
}

// first is when the client first showed cycle c (far future when never).
func (s *samples) first(c uint64) time.Time {
	if x, ok := s.firstOf(c); ok {
		return x.at
	}
	return time.Now().Add(time.Hour)
}

// query is x/nodeselection's gRPC query client of the node.
func (n *net) query() nstypes.QueryClient {
	n.t.Helper()
	conn, err := grpc.NewClient(n.node.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(gogo{})))
	require.NoError(n.t, err)
	n.t.Cleanup(func() { _ = conn.Close() })
	return nstypes.NewQueryClient(conn)
}

// activeSet is x/nodeselection's ActiveSet at a height.
func (n *net) activeSet(height int64) *nstypes.QueryActiveSetResponse {
	n.t.Helper()
	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-cosmos-block-height", strconv.FormatInt(height, 10))
	res, err := n.query().ActiveSet(ctx, &nstypes.QueryActiveSetRequest{})
	require.NoError(n.t, err)
	return res
}

// cycleStart is when cycle c started, read at a height of cycle c.
func (r *rotationCheck) cycleStart(c uint64, height int64) time.Time {
	r.n.t.Helper()
	res := r.n.activeSet(height)
	require.Equal(r.n.t, c, res.Cycle, "height %d is in cycle %d", height, c)
	return res.CycleStart
}

// gogo is a gRPC codec for the chain's gogoproto messages.
type gogo struct{}

func (gogo) Marshal(v any) ([]byte, error) {
	return v.(interface{ Marshal() ([]byte, error) }).Marshal()
}
func (gogo) Unmarshal(b []byte, v any) error {
	return v.(interface{ Unmarshal([]byte) error }).Unmarshal(b)
}
func (gogo) Name() string { return "proto" }
