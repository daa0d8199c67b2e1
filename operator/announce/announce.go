// Package announce tells the local XMTP node what is coming: the operator's
// role (next, active, leaving, idle), the current and next sets and the next
// boundary, as a JSON file, a local HTTP endpoint (/status) and a hook
// command run on each role change; and the chain's node registry (SPEC 14)
// as nodes.json and GET /nodes, the hook running on each change of it too.
package announce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/xmtp/xmtpd-chain/operator/store"
)

// Roles of an operator relative to the current and next sets.
const (
	RoleIdle    = "idle"    // in neither set
	RoleNext    = "next"    // announced for the next cycle, not serving now: start syncing
	RoleActive  = "active"  // serving now, and next cycle too
	RoleLeaving = "leaving" // serving now, not next cycle
)

// Role is the role of owner given the current and next sets.
func Role(owner string, current, next []string) string {
	in := func(set []string) bool {
		for _, o := range set {
			if o == owner {
				return true
			}
		}
		return false
	}
	cur, nxt := in(current), in(next)
	switch {
	case cur && nxt:
		return RoleActive
	case cur:
		return RoleLeaving
	case nxt:
		return RoleNext
	}
	return RoleIdle
}

// Status is the JSON of the file and of /status.
type Status struct {
	Operator     string            `json:"operator"`
	Role         string            `json:"role"`
	Cycle        uint64            `json:"cycle"`
	CycleStart   time.Time         `json:"cycle_start"`
	NextBoundary time.Time         `json:"next_boundary"`
	Current      []string          `json:"current"`
	Next         []string          `json:"next"`
	Height       int64             `json:"height"`
	Probes       map[string]Counts `json:"probes,omitempty"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

// Counts are the probe counts of one peer in the current cycle.
type Counts struct {
	Probes   uint64 `json:"probes"`
	Answered uint64 `json:"answered"`
}

// Announcer keeps the last status and runs the hook on role changes.
type Announcer struct {
	file      string
	nodesFile string
	hook      string
	mu        sync.Mutex
	st        Status
	seen      bool
}

// New writes the status to file and runs hook (may be empty); nodesFile is
// the node list's file, named to the hook.
func New(file, nodesFile, hook string) *Announcer {
	return &Announcer{file: file, nodesFile: nodesFile, hook: hook}
}

// Why the hook runs (XMTPD_REASON).
const (
	ReasonRole  = "role"  // the operator's role changed (or the agent started)
	ReasonNodes = "nodes" // the node list changed (nodes.json rewritten)
)

// FileName is the status file's name in the state directory.
const FileName = "status.json"

// Update stores st, rewrites the file and reports whether the role changed
// (the first update counts as a change).
func (a *Announcer) Update(st Status) (changed bool, err error) {
	a.mu.Lock()
	changed = !a.seen || a.st.Role != st.Role
	a.st, a.seen = st, true
	a.mu.Unlock()
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return changed, err
	}
	return changed, store.WriteFileAtomic(a.file, b)
}

// Current is the last status.
func (a *Announcer) Current() (Status, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.st, a.seen
}

// RunHook runs the hook with the role as its argument and the status in the
// environment (XMTPD_ROLE, XMTPD_CYCLE, XMTPD_NEXT_BOUNDARY, XMTPD_OPERATOR,
// XMTPD_STATUS_FILE, XMTPD_NODES_FILE, XMTPD_REASON); it returns the hook's
// combined output.
func (a *Announcer) RunHook(ctx context.Context, st Status, reason string) (string, error) {
	if a.hook == "" {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	fields := strings.Fields(a.hook)
	cmd := exec.CommandContext(ctx, fields[0], append(fields[1:], st.Role)...)
	cmd.Env = append(os.Environ(),
		"XMTPD_ROLE="+st.Role,
		fmt.Sprintf("XMTPD_CYCLE=%d", st.Cycle),
		"XMTPD_NEXT_BOUNDARY="+st.NextBoundary.UTC().Format(time.RFC3339),
		"XMTPD_OPERATOR="+st.Operator,
		"XMTPD_STATUS_FILE="+a.file,
		"XMTPD_NODES_FILE="+a.nodesFile,
		"XMTPD_REASON="+reason,
	)
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// Handler serves the last status as JSON (503 before the first look at the chain).
func (a *Announcer) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		st, ok := a.Current()
		w.Header().Set("Content-Type", "application/json")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error":"no answer from the chain yet"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(st)
	})
}
