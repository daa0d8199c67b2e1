package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// ErrNotLoaded is returned by GetNodes and GetNode before the first read of
// the chain succeeded.
var ErrNotLoaded = errors.New("registry: node list not read from the chain yet")

// ErrNotFound is returned by GetNode for an id the chain does not list.
var ErrNotFound = errors.New("registry: node not found")

// Options tune a Registry; zero values take the defaults.
type Options struct {
	// PollInterval is the fallback: the list is read this often even when
	// no event arrives (default 30s).
	PollInterval time.Duration
	// StaleAfter ends a subscription that brought no block for this long,
	// and connects again (default 30s; a few block times).
	StaleAfter time.Duration
	// QueryTimeout bounds one read of the list (default 10s).
	QueryTimeout time.Duration
	// RetryMin and RetryMax bound the exponential backoff between
	// reconnections and between failed reads (defaults 500ms and 10s).
	RetryMin, RetryMax time.Duration
	// Logger receives one line per connection change and failed read (default: discarded).
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.PollInterval, 30*time.Second)
	def(&o.StaleAfter, 30*time.Second)
	def(&o.QueryTimeout, 10*time.Second)
	def(&o.RetryMin, 500*time.Millisecond)
	def(&o.RetryMax, 10*time.Second)
	if o.RetryMax < o.RetryMin {
		o.RetryMax = o.RetryMin
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// Registry keeps the chain's node list in memory and tells subscribers what
// changed. It reads the whole list when the chain's events say it may have
// changed, right after every (re)connection, and every PollInterval.
type Registry struct {
	src  Source
	opt  Options
	subs subscribers

	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	refresh chan struct{}
	ready   chan struct{}
	start   sync.Once
	stop    sync.Once
	closers []func() error

	mu     sync.RWMutex
	nodes  map[uint32]Node
	cycle  uint64
	height int64
	loaded bool
}

// New builds a registry over src; nothing is read before Start.
func New(src Source, opt Options) *Registry {
	ctx, cancel := context.WithCancel(context.Background())
	return &Registry{src: src, opt: opt.withDefaults(), ctx: ctx, cancel: cancel,
		refresh: make(chan struct{}, 1), ready: make(chan struct{}), nodes: map[uint32]Node{}}
}

// Start runs the subscription and refresh loops in the background (once).
func (r *Registry) Start() {
	r.start.Do(func() {
		r.wg.Add(2)
		go func() { defer r.wg.Done(); r.refresher() }()
		go func() { defer r.wg.Done(); r.follow() }()
	})
}

// Ready is closed once the list has been read from the chain.
func (r *Registry) Ready() <-chan struct{} { return r.ready }

// Stop ends the loops and closes every channel handed out by the On…
// methods (after the last value was sent; a receive then returns !ok).
func (r *Registry) Stop() {
	r.stop.Do(func() {
		r.cancel()
		r.wg.Wait()
		r.subs.closeAll()
		for _, c := range r.closers {
			_ = c()
		}
	})
}

// GetNodes returns every node the chain lists, ordered by NodeID; callers
// choose by IsCanonical and IsValidConfig.
func (r *Registry) GetNodes() ([]Node, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !r.loaded {
		return nil, ErrNotLoaded
	}
	return sorted(r.nodes), nil
}

// GetNode returns one node.
func (r *Registry) GetNode(id uint32) (*Node, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !r.loaded {
		return nil, ErrNotLoaded
	}
	n, ok := r.nodes[id]
	if !ok {
		return nil, fmt.Errorf("%w: node_id %d", ErrNotFound, id)
	}
	return &n, nil
}

// Snapshot is the whole list with the cycle it describes and the height it
// was read at, taken together (GetNodes and Cycle are two looks).
func (r *Registry) Snapshot() (Snapshot, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !r.loaded {
		return Snapshot{}, ErrNotLoaded
	}
	return Snapshot{Nodes: sorted(r.nodes), Cycle: r.cycle, Height: r.height}, nil
}

// Cycle is the cycle of the last list read and the height it was read at.
func (r *Registry) Cycle() (cycle uint64, height int64) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cycle, r.height
}

// OnNewNodes sends the nodes that appear in the list (not those of the first
// read, which GetNodes returns).
func (r *Registry) OnNewNodes() <-chan []Node { return r.subs.listBox(&r.subs.added) }

// OnRemovedNodes sends, with their last values, the nodes that leave the list.
func (r *Registry) OnRemovedNodes() <-chan []Node { return r.subs.listBox(&r.subs.removed) }

// OnChangedNode sends node id's new value whenever any of its fields changes.
func (r *Registry) OnChangedNode(id uint32) <-chan Node { return r.subs.nodeBox(id) }

// OnChange sends the whole list (ordered by NodeID) after every read that
// changed anything or found a new cycle (the flags then describe another
// cycle), the first read included for a subscriber from before Start; an
// unread list is replaced by the newer one.
func (r *Registry) OnChange() <-chan []Node { return r.subs.listBox(&r.subs.lists) }

// requestRefresh asks for a read; requests made while one is pending or
// running fold into one more read.
func (r *Registry) requestRefresh() {
	select {
	case r.refresh <- struct{}{}:
	default:
	}
}

// refresher is the only writer of the list: it reads on request, on the
// poll ticker, and again after a backoff when a read failed.
func (r *Registry) refresher() {
	poll := time.NewTicker(r.opt.PollInterval)
	defer poll.Stop()
	bo := r.backoff()
	var retry <-chan time.Time
	r.requestRefresh() // the first read does not wait for a subscription
	for {
		select {
		case <-r.ctx.Done():
			return
		case <-r.refresh:
		case <-poll.C:
		case <-retry:
		}
		retry = nil
		if err := r.load(); err != nil {
			if r.ctx.Err() != nil {
				return
			}
			wait := bo.NextBackOff()
			r.opt.Logger.Warn("registry: reading the node list failed", "err", err, "retry_in", wait)
			retry = time.After(wait)
			continue
		}
		bo.Reset()
	}
}

func (r *Registry) load() error {
	ctx, cancel := context.WithTimeout(r.ctx, r.opt.QueryTimeout)
	defer cancel()
	snap, err := r.src.Nodes(ctx)
	if err != nil {
		return err
	}
	r.apply(snap)
	return nil
}

// apply replaces the list with snap and publishes the differences. A
// snapshot older than the one held is ignored (a lagging node after a
// reconnection never takes the list back in time).
func (r *Registry) apply(snap Snapshot) {
	r.mu.Lock()
	if r.loaded && snap.Height > 0 && snap.Height < r.height {
		r.mu.Unlock()
		return
	}
	first, newCycle := !r.loaded, r.loaded && snap.Cycle != r.cycle
	next := make(map[uint32]Node, len(snap.Nodes))
	var added, changed, removed []Node
	for _, n := range snap.Nodes {
		next[n.NodeID] = n
		old, ok := r.nodes[n.NodeID]
		switch {
		case !ok && !first:
			added = append(added, n)
		case ok && !old.Equal(n):
			changed = append(changed, n)
		}
	}
	for id, old := range r.nodes {
		if _, ok := next[id]; !ok {
			removed = append(removed, old)
		}
	}
	sort.Slice(removed, func(i, j int) bool { return removed[i].NodeID < removed[j].NodeID })
	r.nodes, r.cycle, r.height, r.loaded = next, snap.Cycle, max(snap.Height, r.height), true
	list := sorted(next)
	r.mu.Unlock()
	if first {
		close(r.ready)
		r.subs.publishList(list)
		return
	}
	r.subs.publish(added, removed, changed, list, newCycle)
}

// follow keeps a subscription open: after every (re)connection it asks for a
// read at once, then one per relevant notice; a subscription that ends or
// goes quiet for StaleAfter is replaced after a backoff.
func (r *Registry) follow() {
	bo := r.backoff()
	for r.ctx.Err() == nil {
		ctx, cancel := context.WithCancel(r.ctx)
		notices, err := r.src.Subscribe(ctx)
		if err == nil {
			r.opt.Logger.Info("registry: following the chain's events")
			r.requestRefresh()
			if r.drain(notices) {
				bo.Reset()
			}
			err = errors.New("subscription ended")
		}
		cancel()
		if r.ctx.Err() != nil {
			return
		}
		wait := bo.NextBackOff()
		r.opt.Logger.Warn("registry: not following the chain's events, reconnecting", "err", err, "retry_in", wait)
		select {
		case <-r.ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// drain reads notices until the channel closes or StaleAfter passes without
// one; it reports whether any notice came (the connection was good).
func (r *Registry) drain(notices <-chan Notice) (got bool) {
	stale := time.NewTimer(r.opt.StaleAfter)
	defer stale.Stop()
	for {
		select {
		case <-r.ctx.Done():
			return got
		case <-stale.C:
			r.opt.Logger.Warn("registry: no block for a while", "stale_after", r.opt.StaleAfter)
			return got
		case n, ok := <-notices:
			if !ok {
				return got
			}
			got = true
			if n.Relevant {
				r.requestRefresh()
			}
			stale.Reset(r.opt.StaleAfter) // Go 1.23+: no stale tick survives a Reset
		}
	}
}

func (r *Registry) backoff() *backoff.ExponentialBackOff {
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval, bo.MaxInterval, bo.MaxElapsedTime = r.opt.RetryMin, r.opt.RetryMax, 0
	bo.Reset()
	return bo
}

func sorted(m map[uint32]Node) []Node {
	out := make([]Node, 0, len(m))
	for _, n := range m {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NodeID < out[j].NodeID })
	return out
}
