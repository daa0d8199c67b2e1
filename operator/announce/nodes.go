package announce

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/xmtp/xmtpd-chain/operator/store"
	"github.com/xmtp/xmtpd-chain/registry"
)

// NodesFileName is the node list's file in the state directory.
const NodesFileName = "nodes.json"

// NodeList is the JSON of nodes.json and of GET /nodes: the chain's node
// registry as the agent last read it.
type NodeList struct {
	// Cycle is the cycle the is_canonical flags describe (is_next: Cycle+1).
	Cycle uint64 `json:"cycle"`
	// Height is the block height the list was read at.
	Height int64 `json:"height"`
	// Nodes are ordered by node_id, with the fields of Query/Nodes.
	Nodes []registry.Node `json:"nodes"`
	// UpdatedAt is when the agent read the list.
	UpdatedAt time.Time `json:"updated_at"`
}

// Nodes keeps the last node list, writes it to its file and serves it.
type Nodes struct {
	file string
	mu   sync.Mutex
	list NodeList
	seen bool
}

// NewNodes writes to file (nodes.json in the state directory).
func NewNodes(file string) *Nodes { return &Nodes{file: file} }

// File is the path of nodes.json.
func (n *Nodes) File() string { return n.file }

// Update stores the list and rewrites the file atomically (temp file, fsync,
// rename): a reader sees the old list or the new one, never a part.
func (n *Nodes) Update(l NodeList) error {
	if l.Nodes == nil {
		l.Nodes = []registry.Node{}
	}
	n.mu.Lock()
	n.list, n.seen = l, true
	n.mu.Unlock()
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	return store.WriteFileAtomic(n.file, b)
}

// Current is the last list.
func (n *Nodes) Current() (NodeList, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.list, n.seen
}

// Handler serves the last list as JSON (503 before the first read).
func (n *Nodes) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		l, ok := n.Current()
		w.Header().Set("Content-Type", "application/json")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error":"node list not read from the chain yet"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(l)
	})
}
