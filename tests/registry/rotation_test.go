package registry

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
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

const (
	cycle   = 8 * time.Second
	chainID = "xmtp-localnet-1"
	op2Node = uint32(200) // NFT op-2
)

// sample is what the client showed of node 200 at one moment.
type sample struct {
	at      time.Time
	cycle   uint64
	height  int64
	key     []byte
	pending []byte
	eff     uint64
}

// TestClientFollowsAnAnnouncedRotationAcrossARestart: op2 (serving) rotates
// its node key; the client, driven by events only (its poll is an hour),
//   - shows the key as pending with effective_cycle = the cycle of the
//     transaction + 2 (announced one cycle ahead, SPEC 14);
//   - survives the chain's process stopping and restarting in between, and
//     reads the list again at once when it is back;
//   - shows the old key in every cycle before effective_cycle and the new one
//     from its first block, within a few seconds of that boundary.
func TestClientFollowsAnAnnouncedRotationAcrossARestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real chain")
	}
	// ARRANGE: a localnet of two serving operators; a client of its registry.
	nw := testchain.NewLocalnet(t, testchain.Binary(t), "--operators", "2", "--cycle-duration", cycle.String(),
		"--waiting-period", cycle.String())
	node := nw.Nodes[0]
	node.Start(t)
	node.WaitHeight(t, 2, time.Minute)
	owner := nw.KeyAddress(t, "op2")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg, err := registry.Dial(ctx, node.GRPCAddr(), node.RPC(), registry.Options{PollInterval: time.Hour,
		StaleAfter: 5 * time.Second, RetryMin: 200 * time.Millisecond, RetryMax: 2 * time.Second})
	require.NoError(t, err)
	defer reg.Stop()
	n2, err := reg.GetNode(op2Node)
	require.NoError(t, err)
	if n2.SigningKey == nil {
		// The localnet's operators have no node key: op2 gets a first one (at
		// once when it is in no set, at the boundary after next when it serves).
		first, proof, err := nstypes.SignNodeKeyProof(secp256k1.GenPrivKey(), chainID, owner, op2Node)
		require.NoError(t, err)
		rotate(t, node, owner, first, proof)
		testchain.WaitFor(t, "op2's first key in force", 4*cycle, func() bool {
			n, err := reg.GetNode(op2Node)
			return err == nil && bytes.Equal(registry.CompressKey(n.SigningKey), first) && n.PendingSigningKey == nil
		})
	}
	testchain.WaitFor(t, "op2 to serve", 4*cycle, func() bool {
		n, err := reg.GetNode(op2Node)
		n2 = n
		return err == nil && n.IsCanonical
	})
	changed := reg.OnChangedNode(op2Node)
	oldKey := registry.CompressKey(n2.SigningKey)
	samples := record(t, reg)

	// ACT 1: op2 rotates to a new key.
	priv := secp256k1.GenPrivKey()
	newKey, proof, err := nstypes.SignNodeKeyProof(priv, chainID, owner, op2Node)
	require.NoError(t, err)
	res := rotate(t, node, owner, newKey, proof)
	txHeight, err := strconv.ParseInt(fmt.Sprint(res["height"]), 10, 64)
	require.NoError(t, err)
	txCycle := chainCycle(t, node, txHeight)

	// ASSERT 1: announced, effective at the boundary after next.
	var announced registry.Node
	testchain.WaitFor(t, "the client to show the pending key", 15*time.Second, func() bool {
		n, err := reg.GetNode(op2Node)
		if err != nil {
			return false
		}
		announced = *n
		return bytes.Equal(registry.CompressKey(n.PendingSigningKey), newKey)
	})
	eff := announced.EffectiveCycle
	require.Equal(t, txCycle+2, eff, "rotation of a serving node takes effect at the boundary after next")
	require.Equal(t, oldKey, registry.CompressKey(announced.SigningKey), "the old key still signs")

	// ACT 2: the chain's process stops and restarts before the key takes effect.
	stopHeight := node.Height()
	node.Stop()
	time.Sleep(3 * time.Second)
	node.Start(t)
	node.WaitHeight(t, stopHeight+1, time.Minute)

	// ASSERT 2: the client reconnected and read the list again (its poll is an hour away).
	testchain.WaitFor(t, "the client to read after the restart", 20*time.Second, func() bool {
		s, err := reg.Snapshot()
		return err == nil && s.Height > stopHeight
	})

	// ACT 3: wait for the effective cycle.
	testchain.WaitFor(t, "the client to reach the effective cycle", 4*cycle+time.Minute, func() bool {
		return time.Since(samples.first(eff)) > 2*time.Second
	})

	// ASSERT 3: old key before, new key from the boundary on, seen within seconds of it.
	for _, s := range samples.all() {
		if s.cycle < eff {
			require.Equal(t, oldKey, s.key, "cycle %d (before %d) at height %d", s.cycle, eff, s.height)
		} else {
			require.Equal(t, newKey, s.key, "cycle %d (from %d) at height %d", s.cycle, eff, s.height)
			require.Nil(t, s.pending, "the rotation is done")
		}
	}
	start := cycleStart(t, node, eff)
	lag := samples.first(eff).Sub(start)
	t.Logf("rotation sent in cycle %d, effective in cycle %d; %d samples; the client showed it %s after the boundary",
		txCycle, eff, len(samples.all()), lag.Round(time.Millisecond))
	require.Less(t, lag, 5*time.Second, "the client follows the boundary's events, not its hourly poll")
	var last registry.Node
	for drained := false; !drained; {
		select {
		case n := <-changed:
			last = n
		default:
			drained = true
		}
	}
	require.Equal(t, newKey, registry.CompressKey(last.SigningKey), "OnChangedNode delivered the key in force")
}

// samples are the client's snapshots every 50ms.
type samples struct {
	mu   sync.Mutex
	list []sample
}

func record(t *testing.T, reg *registry.Registry) *samples {
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
			for _, n := range snap.Nodes {
				if n.NodeID == op2Node {
					s.mu.Lock()
					s.list = append(s.list, sample{at: time.Now(), cycle: snap.Cycle, height: snap.Height,
						key: registry.CompressKey(n.SigningKey), pending: registry.CompressKey(n.PendingSigningKey), eff: n.EffectiveCycle})
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

// first is when the client first showed cycle c (far future when never).
func (s *samples) first(c uint64) time.Time {
	for _, x := range s.all() {
		if x.cycle >= c {
			return x.at
		}
	}
	return time.Now().Add(time.Hour)
}

// rotate signs MsgUpdateOperator{signing_public_key, key_proof} with op2's
// owner key and waits for it to be committed.
func rotate(t *testing.T, node *testchain.Node, owner string, key, proof []byte) map[string]any {
	t.Helper()
	unsigned := fmt.Sprintf(`{"body":{"messages":[{"@type":"/xmtp.nodeselection.v1.MsgUpdateOperator","owner":%q,
"signing_public_key":%q,"key_proof":%q}]},"auth_info":{"fee":{"amount":[],"gas_limit":"600000"}},"signatures":[]}`,
		owner, base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(proof))
	dir := t.TempDir()
	unsignedFile, signedFile := filepath.Join(dir, "rotate.json"), filepath.Join(dir, "rotate.signed.json")
	require.NoError(t, os.WriteFile(unsignedFile, []byte(unsigned), 0o644))
	signed, err := node.CLI("tx", "sign", unsignedFile, "--from", "op2", "--keyring-backend", "test", "--chain-id", chainID, "-o", "json")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(signedFile, []byte(signed), 0o644))
	return node.Broadcast(t, node.Home, signedFile)
}

// query is x/nodeselection's gRPC query client of the node.
func query(t *testing.T, node *testchain.Node) nstypes.QueryClient {
	t.Helper()
	conn, err := grpc.NewClient(node.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(gogo{})))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return nstypes.NewQueryClient(conn)
}

// chainCycle is the chain's cycle at a height.
func chainCycle(t *testing.T, node *testchain.Node, height int64) uint64 {
	t.Helper()
	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-cosmos-block-height", strconv.FormatInt(height, 10))
	res, err := query(t, node).ActiveSet(ctx, &nstypes.QueryActiveSetRequest{})
	require.NoError(t, err)
	return res.Cycle
}

// cycleStart is when cycle c started (asked while c is current or just after).
func cycleStart(t *testing.T, node *testchain.Node, c uint64) time.Time {
	t.Helper()
	res, err := query(t, node).ActiveSet(context.Background(), &nstypes.QueryActiveSetRequest{})
	require.NoError(t, err)
	require.Equal(t, c, res.Cycle, "still in cycle %d", c)
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
