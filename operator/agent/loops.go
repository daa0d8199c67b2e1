package agent

import (
	"context"
	"time"

	"github.com/xmtp/xmtpd-chain/operator/announce"
	"github.com/xmtp/xmtpd-chain/operator/prober"
	"github.com/xmtp/xmtpd-chain/operator/store"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func owners(ms []nstypes.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Owner
	}
	return out
}

// announceRole writes the status and runs the hook when the role changed.
func (a *Agent) announceRole(ctx context.Context, view *nstypes.QueryActiveSetResponse, height int64) {
	cur, next := owners(view.Current), owners(view.Next)
	st := announce.Status{
		Operator: a.owner, Role: announce.Role(a.owner, cur, next), Cycle: view.Cycle,
		CycleStart: view.CycleStart, NextBoundary: view.NextBoundary, Current: cur, Next: next,
		Height: height, UpdatedAt: time.Now().UTC(),
	}
	if cy, err := a.store.Get(view.Cycle); err == nil && len(cy.Peers) > 0 {
		st.Probes = map[string]announce.Counts{}
		for peer, p := range cy.Peers {
			st.Probes[peer] = announce.Counts{Probes: p.Probes, Answered: p.Answered}
		}
	}
	a.metrics.Cycle.Set(float64(view.Cycle))
	prev, seen := a.announce.Current()
	changed, err := a.announce.Update(st)
	if err != nil {
		a.log.Error("write status file", "err", err)
	}
	if !changed {
		return
	}
	a.metrics.SetRole(st.Role)
	from := "none"
	if seen {
		from = prev.Role
	}
	a.log.Info("role", "role", st.Role, "was", from, "cycle", view.Cycle, "next_boundary", view.NextBoundary.UTC().Format(time.RFC3339))
	if a.cfg.Hook != "" {
		a.runHook(ctx, st, announce.ReasonRole)
	}
}

// probeLoop probes the peers every probe_interval while the operator serves.
func (a *Agent) probeLoop(ctx context.Context) {
	tick := time.NewTicker(a.cfg.ProbeInterval.Duration)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		a.mu.Lock()
		view := a.view
		a.mu.Unlock()
		if view == nil || announce.Role(a.owner, owners(view.Current), nil) == announce.RoleIdle {
			continue // not serving: nothing to measure
		}
		peers := a.peerEndpoints(ctx, view)
		if len(peers) == 0 {
			continue
		}
		a.round(ctx, view.Cycle, peers)
	}
}

// peerEndpoints are the registered endpoints of the other members, looked up
// once per cycle.
func (a *Agent) peerEndpoints(ctx context.Context, view *nstypes.QueryActiveSetResponse) map[string]string {
	a.mu.Lock()
	if a.endpoints != nil && a.epCycle == view.Cycle {
		eps := a.endpoints
		a.mu.Unlock()
		return eps
	}
	a.mu.Unlock()
	eps := map[string]string{}
	for _, m := range view.Current {
		if m.Owner == a.owner {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ep, err := a.chain.Endpoint(cctx, m.Owner)
		cancel()
		if err != nil {
			a.log.Warn("endpoint lookup failed", "peer", m.Owner, "err", err)
			return nil // retried at the next round
		}
		eps[m.Owner] = ep
	}
	a.mu.Lock()
	a.endpoints, a.epCycle = eps, view.Cycle
	a.mu.Unlock()
	return eps
}

// round probes every peer once, reads the work counter, and persists the counts.
func (a *Agent) round(ctx context.Context, cycle uint64, peers map[string]string) {
	res := a.prober.Round(ctx, peers)
	var work map[string]uint64
	if a.work != nil {
		w, err := a.work.Read(ctx)
		if err != nil {
			a.log.Warn("work source unreadable, work units unchanged this round", "err", err)
		}
		work = w
	}
	answered := 0
	cy, err := a.store.Update(cycle, func(cy *store.Cycle) error {
		for peer, r := range res {
			p := cy.Peers[peer]
			if p == nil {
				p = &store.Peer{}
				cy.Peers[peer] = p
			}
			prober.Count(p, r.Answered)
			if v, ok := work[peer]; ok {
				prober.AddWork(p, v)
			}
		}
		return nil
	})
	if err != nil {
		a.log.Error("persist probe counts", "cycle", cycle, "err", err)
		return
	}
	var missed []string
	for peer, r := range res {
		a.metrics.ProbesSent.WithLabelValues(peer).Inc()
		if r.Answered {
			answered++
			a.metrics.ProbesAnswered.WithLabelValues(peer).Inc()
		} else {
			missed = append(missed, peer+": "+errText(r.Err))
		}
		p := cy.Peers[peer]
		a.metrics.AnsweredShare.WithLabelValues(peer).Set(float64(prober.UptimeBps(p.Answered, p.Probes)))
	}
	if len(missed) > 0 {
		a.log.Info("probe round", "cycle", cycle, "answered", answered, "probed", len(res), "missed", missed)
	} else {
		a.log.Info("probe round", "cycle", cycle, "answered", answered, "probed", len(res))
	}
}

func errText(err error) string {
	if err == nil {
		return "no answer"
	}
	return err.Error()
}
