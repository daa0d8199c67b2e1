// Package agent wires the operator agent: it follows the chain, probes the
// peers while its operator serves, attests each cycle after its boundary and
// announces its role. One constructor builds it from small components (chain
// client, prober, store, attester, announcer, metrics); Run runs it.
package agent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xmtp/xmtpd-chain/operator/announce"
	"github.com/xmtp/xmtpd-chain/operator/attester"
	"github.com/xmtp/xmtpd-chain/operator/chain"
	"github.com/xmtp/xmtpd-chain/operator/config"
	"github.com/xmtp/xmtpd-chain/operator/metrics"
	"github.com/xmtp/xmtpd-chain/operator/prober"
	"github.com/xmtp/xmtpd-chain/operator/resident"
	"github.com/xmtp/xmtpd-chain/operator/store"
	"github.com/xmtp/xmtpd-chain/registry"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Agent is one operator's agent.
type Agent struct {
	cfg      config.Config
	owner    string
	chain    chain.Client
	prober   *prober.Prober
	work     *prober.WorkSource
	store    *store.Store
	attester *attester.Attester
	announce *announce.Announcer
	metrics  *metrics.Metrics
	nodes    *announce.Nodes
	registry *registry.Registry // nil: no node list (UseRegistry not called)
	log      *slog.Logger
	rand     *rand.Rand

	mu        sync.Mutex
	view      *nstypes.QueryActiveSetResponse
	endpoints map[string]string // owner -> endpoint, refreshed each cycle
	epCycle   uint64
	down      bool
	retry     map[uint64]retryState // cycles whose last attestation step failed
}

// retryState spaces out the attempts of a failing attestation: 2 × chain_poll,
// doubled per failure up to 16 × chain_poll, never more than 30s.
type retryState struct {
	failures int
	at       time.Time
}

// New builds the agent; owner is the operator's owner address.
func New(cfg config.Config, owner string, c chain.Client, log *slog.Logger) (*Agent, error) {
	st, err := store.Open(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	p, err := prober.New(cfg.CAFile, cfg.HealthPath, owner, cfg.ProbeTimeout.Duration)
	if err != nil {
		return nil, err
	}
	m := metrics.New()
	a := &Agent{
		cfg: cfg, owner: owner, chain: c, prober: p, store: st, metrics: m, log: log,
		announce: announce.New(filepath.Join(cfg.StateDir, announce.FileName), filepath.Join(cfg.StateDir, announce.NodesFileName), cfg.Hook),
		nodes:    announce.NewNodes(filepath.Join(cfg.StateDir, announce.NodesFileName)),
		attester: &attester.Attester{Chain: c, Store: st, Owner: owner, TimeoutBlocks: cfg.TimeoutBlocks, Log: log, Metrics: m},
		rand:     rand.New(rand.NewSource(time.Now().UnixNano())),
		retry:    map[uint64]retryState{},
	}
	if cfg.WorkURL != "" {
		a.work = &prober.WorkSource{URL: cfg.WorkURL, Metric: cfg.WorkMetric, Label: cfg.WorkLabel, Client: p.HTTPClient()}
	}
	return a, nil
}

// Metrics are the agent's metrics (for tests and the HTTP server).
func (a *Agent) Metrics() *metrics.Metrics { return a.metrics }

// Run serves /status, /nodes and /metrics and runs the chain, probe and
// node-list loops until ctx ends.
func (a *Agent) Run(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.Handle("/status", a.announce.Handler())
	mux.Handle("/nodes", a.nodes.Handler())
	mux.Handle("/metrics", promhttp.HandlerFor(a.metrics.Registry, promhttp.HandlerOpts{}))
	ln, err := net.Listen("tcp", a.cfg.StatusListen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.cfg.StatusListen, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	a.log.Info("operator agent started", "operator", a.owner, "signer", a.chain.Signer(), "node_rpc", a.cfg.NodeRPC,
		"node_grpc", a.cfg.NodeGRPC, "state_dir", a.cfg.StateDir, "listen", ln.Addr().String(),
		"probe_interval", a.cfg.ProbeInterval.Duration, "work_source", a.workSource())

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); a.probeLoop(ctx) }()
	if a.registry != nil {
		wg.Add(1)
		go func() { defer wg.Done(); a.nodesLoop(ctx) }()
	}
	a.chainLoop(ctx)
	wg.Wait()
	a.log.Info("operator agent stopped")
	return nil
}

func (a *Agent) workSource() string {
	if a.work == nil {
		return "none (work units 0)"
	}
	return a.work.URL + " " + a.work.Metric
}

// chainLoop looks at the chain every chain_poll: role and announcements,
// boundaries, and the attestations of ended cycles.
func (a *Agent) chainLoop(ctx context.Context) {
	var lastCycle uint64
	var haveCycle bool
	var attestAt time.Time
	tick := time.NewTicker(a.cfg.ChainPoll.Duration)
	defer tick.Stop()
	for {
		view, height, err := a.look(ctx)
		switch {
		case err != nil:
			a.chainDown(err)
		default:
			a.chainUp(height)
			if !haveCycle || view.Cycle != lastCycle {
				delay := time.Duration(0)
				if a.cfg.Jitter.Duration > 0 {
					delay = time.Duration(a.rand.Int63n(int64(a.cfg.Jitter.Duration)))
				}
				attestAt = time.Now().Add(delay)
				if haveCycle {
					a.log.Info("boundary", "cycle", view.Cycle, "ended", lastCycle, "attest_in", delay.Round(time.Millisecond))
				}
				lastCycle, haveCycle = view.Cycle, true
				// Once a cycle (and right after start-up): give back the
				// memory the process no longer uses.
				resident.Release()
			}
			a.announceRole(ctx, view, height)
			if !time.Now().Before(attestAt) {
				a.attestEnded(ctx, view.Cycle)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (a *Agent) look(ctx context.Context) (*nstypes.QueryActiveSetResponse, int64, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	height, err := a.chain.Height(cctx)
	if err != nil {
		return nil, 0, err
	}
	view, err := a.chain.ActiveSet(cctx)
	if err != nil {
		return nil, 0, err
	}
	a.mu.Lock()
	a.view = view
	a.mu.Unlock()
	return view, height, nil
}

func (a *Agent) chainDown(err error) {
	a.metrics.ChainErrors.Inc()
	a.mu.Lock()
	was := a.down
	a.down = true
	a.mu.Unlock()
	if !was && !errors.Is(err, context.Canceled) {
		a.log.Warn("node unreachable, retrying every chain_poll", "err", err)
	}
}

func (a *Agent) chainUp(height int64) {
	a.metrics.Height.Set(float64(height))
	a.mu.Lock()
	was := a.down
	a.down = false
	a.mu.Unlock()
	if was {
		a.log.Info("node reachable again", "height", height)
	}
}

// attestEnded steps the attestation of every stored cycle before current.
func (a *Agent) attestEnded(ctx context.Context, current uint64) {
	cycles, err := a.store.Cycles()
	if err != nil {
		a.log.Error("read state dir", "err", err)
		return
	}
	for _, c := range cycles {
		if c >= current {
			break
		}
		cy, err := a.store.Get(c)
		if err != nil || attester.Done(cy) {
			delete(a.retry, c)
			continue
		}
		if r := a.retry[c]; time.Now().Before(r.at) {
			continue
		}
		if err := a.attester.Step(ctx, c); err != nil { // logged inside
			r := a.retry[c]
			r.failures++
			delay := a.cfg.ChainPoll.Duration << min(r.failures, 4)
			r.at = time.Now().Add(min(delay, 30*time.Second))
			a.retry[c] = r
		} else {
			delete(a.retry, c)
		}
	}
	if current > 10 {
		if err := a.store.Prune(current - 10); err != nil {
			a.log.Warn("prune state dir", "err", err)
		}
	}
}
