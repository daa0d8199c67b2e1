package agent

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/registry"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// agentNodes is an agent's GET /nodes (and nodes.json).
type agentNodes struct {
	Cycle uint64          `json:"cycle"`
	Nodes []registry.Node `json:"nodes"`
}

// nodes reads an agent's /nodes; ok is false while it does not answer 200.
func (n *net) nodes(i int) (agentNodes, bool) {
	var l agentNodes
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(fmt.Sprintf("http://127.0.0.1:%d/nodes", n.stBase+i))
	if err != nil {
		return l, false
	}
	defer resp.Body.Close()
	return l, resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&l) == nil
}

// nodesFile reads nodes.json of an agent's state directory.
func (n *net) nodesFile(key string) (agentNodes, error) {
	var l agentNodes
	b, err := os.ReadFile(filepath.Join(n.stateDir(key), "nodes.json"))
	if err == nil {
		err = json.Unmarshal(b, &l)
	}
	return l, err
}

// giveNodeKeys gives each of the named operators that has no XMTP node key
// one (in force at once when it is in no set, announced when it serves),
// then, with wait, waits until all of them serve (with require_node_key a
// keyless operator is not seated). A localnet whose operators come with keys
// needs nothing.
func (n *net) giveNodeKeys(wait bool, keys ...string) {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg, err := registry.Dial(ctx, n.node.GRPCAddr(), n.node.RPC(), registry.Options{PollInterval: time.Second})
	require.NoError(n.t, err)
	defer reg.Stop()
	byOwner := func() map[string]registry.Node {
		nodes, err := reg.GetNodes()
		require.NoError(n.t, err)
		m := map[string]registry.Node{}
		for _, x := range nodes {
			m[x.Owner] = x
		}
		return m
	}
	for _, key := range keys {
		owner := n.addr(key)
		node, ok := byOwner()[owner]
		require.True(n.t, ok, "%s (%s) is in the registry", key, owner)
		if node.SigningKey != nil {
			continue
		}
		pub, proof, err := nstypes.SignNodeKeyProof(secp256k1.GenPrivKey(), "xmtp-localnet-1", owner, node.NodeID)
		require.NoError(n.t, err)
		n.updateNodeKey(key, owner, pub, proof)
	}
	if !wait {
		return
	}
	testchain.WaitFor(n.t, "the operators with keys to serve", 3*cycle+30*time.Second, func() bool {
		m := byOwner()
		for _, key := range keys {
			if !m[n.addr(key)].IsCanonical {
				return false
			}
		}
		return true
	})
}

// updateNodeKey signs MsgUpdateOperator{signing_public_key, key_proof} with
// the operator's key and waits for it to be committed. It signs again when
// the key's agent took the account sequence first.
func (n *net) updateNodeKey(key, owner string, pub, proof []byte) map[string]any {
	n.t.Helper()
	unsigned := fmt.Sprintf(`{"body":{"messages":[{"@type":"/xmtp.nodeselection.v1.MsgUpdateOperator","owner":%q,
"signing_public_key":%q,"key_proof":%q}]},"auth_info":{"fee":{"amount":[],"gas_limit":"600000"}},"signatures":[]}`,
		owner, base64.StdEncoding.EncodeToString(pub), base64.StdEncoding.EncodeToString(proof))
	file := filepath.Join(n.dir, "node-key-"+key+".json")
	for attempt := 1; ; attempt++ {
		require.NoError(n.t, os.WriteFile(file, []byte(unsigned), 0o644))
		signed, err := n.node.CLI("tx", "sign", file, "--from", key, "--keyring-backend", "test", "--chain-id", "xmtp-localnet-1", "-o", "json")
		require.NoError(n.t, err)
		require.NoError(n.t, os.WriteFile(file, []byte(signed), 0o644))
		out, err := n.node.CLI("tx", "broadcast", file, "-o", "json")
		if attempt < 5 && strings.Contains(out+fmt.Sprint(err), "account sequence mismatch") {
			time.Sleep(time.Second)
			continue
		}
		require.NoError(n.t, err)
		return n.node.WaitTx(n.t, out)
	}
}

// checkNodes: op i's agent serves /nodes and writes nodes.json with every
// operator in owners, the canonical and next flags being the active sets
// of its /status for the same cycle.
func (n *net) checkNodes(i int, key string, owners map[string]string) {
	n.t.Helper()
	var l agentNodes
	var st agentStatus
	testchain.WaitFor(n.t, "/nodes and /status of the same cycle", 30*time.Second, func() bool {
		var ok1, ok2 bool
		l, ok1 = n.nodes(i)
		st, ok2 = n.status(i)
		return ok1 && ok2 && l.Cycle == st.Cycle
	})
	in := func(set []string, o string) bool {
		for _, x := range set {
			if x == o {
				return true
			}
		}
		return false
	}
	listed := map[string]registry.Node{}
	for _, x := range l.Nodes {
		listed[x.Owner] = x
		require.Equal(n.t, in(st.Current, x.Owner), x.IsCanonical, "node %d (%s) is_canonical in cycle %d", x.NodeID, x.Owner, l.Cycle)
		require.Equal(n.t, in(st.Next, x.Owner), x.IsNext, "node %d (%s) is_next in cycle %d", x.NodeID, x.Owner, l.Cycle)
		require.NotEmpty(n.t, x.HTTPAddress)
	}
	for k, o := range owners {
		x, ok := listed[o]
		require.True(n.t, ok, "%s listed by /nodes", k)
		require.True(n.t, x.SigningKey != nil || x.PendingSigningKey != nil, "%s has a node key (in force or announced)", k)
	}
	require.NotEmpty(n.t, st.Current)
	file, err := n.nodesFile(key)
	require.NoError(n.t, err)
	require.Len(n.t, file.Nodes, len(l.Nodes), "nodes.json holds the list /nodes serves")
}
