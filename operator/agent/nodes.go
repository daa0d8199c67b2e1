package agent

import (
	"context"
	"time"

	"github.com/xmtp/xmtpd-chain/operator/announce"
	"github.com/xmtp/xmtpd-chain/registry"
)

// UseRegistry makes the agent keep the chain's node list (SPEC 14) through a
// registry over src: GET /nodes, nodes.json beside the state, and the hook
// on every change. Call it before Run.
func (a *Agent) UseRegistry(src registry.Source, opt registry.Options) {
	if opt.Logger == nil {
		opt.Logger = a.log
	}
	a.registry = registry.New(src, opt)
}

// NodesFile is the path of nodes.json.
func (a *Agent) NodesFile() string { return a.nodes.File() }

// nodesLoop writes every new list (a node changed, or a new cycle) to
// nodes.json, and runs the hook with XMTPD_REASON=nodes when the nodes differ
// from those of its last nodes run, once the role is known (before that, the
// first role hook names the same file). A boundary that changes no node
// rewrites the file (its cycle) without running the hook.
func (a *Agent) nodesLoop(ctx context.Context) {
	lists := a.registry.OnChange()
	a.registry.Start()
	defer a.registry.Stop()
	var hooked []registry.Node // the nodes of the hook's last nodes run
	for {
		select {
		case <-ctx.Done():
			return
		case list, ok := <-lists:
			if !ok {
				return
			}
			cycle, height := a.registry.Cycle()
			canonical := 0
			for _, n := range list {
				if n.IsCanonical {
					canonical++
				}
			}
			if err := a.nodes.Update(announce.NodeList{Cycle: cycle, Height: height, Nodes: list, UpdatedAt: time.Now().UTC()}); err != nil {
				a.log.Error("write nodes file", "err", err)
				continue
			}
			a.log.Info("node list", "nodes", len(list), "canonical", canonical, "cycle", cycle, "height", height)
			st, seen := a.announce.Current()
			if a.cfg.Hook == "" || !seen || (hooked != nil && sameNodes(hooked, list)) {
				continue
			}
			hooked = list
			a.runHook(ctx, st, announce.ReasonNodes)
		}
	}
}

// runHook runs the hook in the background and logs its outcome.
func (a *Agent) runHook(ctx context.Context, st announce.Status, reason string) {
	go func() {
		out, err := a.announce.RunHook(ctx, st, reason)
		if err != nil {
			a.log.Warn("hook failed", "role", st.Role, "reason", reason, "err", err, "output", out)
			return
		}
		a.log.Info("hook ran", "role", st.Role, "reason", reason, "output", out)
	}()
}

// sameNodes reports whether two lists (ordered by node id) hold equal nodes.
func sameNodes(a, b []registry.Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}
