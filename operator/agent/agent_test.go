package agent

import (
	"context"
	"encoding/pem"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/chain"
	"github.com/xmtp/xmtpd-chain/operator/config"
	"github.com/xmtp/xmtpd-chain/operator/store"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// oneCycleChain serves a fixed active set and records what is sent.
type oneCycleChain struct {
	view   *nstypes.QueryActiveSetResponse
	eps    map[string]string
	sent   []*nstypes.MsgSubmitAttestation
	status chain.TxStatus
}

func (c *oneCycleChain) Height(context.Context) (int64, error) { return 100, nil }
func (c *oneCycleChain) ActiveSet(context.Context) (*nstypes.QueryActiveSetResponse, error) {
	return c.view, nil
}
func (c *oneCycleChain) Endpoint(_ context.Context, o string) (string, error) { return c.eps[o], nil }
func (c *oneCycleChain) Check(context.Context, *nstypes.MsgSubmitAttestation) error {
	return nil
}

func (c *oneCycleChain) Sign(_ context.Context, m *nstypes.MsgSubmitAttestation, _ int64) (chain.Signed, error) {
	c.sent = append(c.sent, m)
	return chain.Signed{Hash: "H", Bytes: []byte{1}}, nil
}
func (c *oneCycleChain) Broadcast(context.Context, chain.Signed) error { return nil }
func (c *oneCycleChain) Tx(context.Context, string) (chain.TxStatus, error) {
	return c.status, nil
}
func (c *oneCycleChain) Signer() string { return "xmtp1self" }

func TestRoundsArePersistedAndAttestedAfterTheBoundary(t *testing.T) {
	// ARRANGE: peer "up" answers over TLS, peer "down" does not listen; self serves cycle 3 with both.
	up := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer up.Close()
	down := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	down.Close()
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: up.Certificate().Raw}), 0o644))
	members := []nstypes.Member{{Owner: "xmtp1self"}, {Owner: "xmtp1up"}, {Owner: "xmtp1down"}}
	fc := &oneCycleChain{view: &nstypes.QueryActiveSetResponse{Cycle: 3, Current: members, Next: members},
		eps: map[string]string{"xmtp1up": up.URL, "xmtp1down": down.URL}}
	cfg := config.Default()
	cfg.CAFile, cfg.StateDir, cfg.ProbeTimeout = ca, filepath.Join(dir, "state"), config.Duration{Duration: time.Second}
	a, err := New(cfg, "xmtp1self", fc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	ctx := context.Background()
	_, _, err = a.look(ctx)
	require.NoError(t, err)

	// ACT: three probe rounds in cycle 3, then the chain moves to cycle 4.
	for i := 0; i < 3; i++ {
		a.round(ctx, 3, a.peerEndpoints(ctx, fc.view))
	}
	persisted, err := store.Open(cfg.StateDir) // what a restarted process would read
	require.NoError(t, err)
	cy, err := persisted.Get(3)
	require.NoError(t, err)
	a.attestEnded(ctx, 3) // cycle 3 has not ended: nothing is sent
	sentEarly := len(fc.sent)
	a.attestEnded(ctx, 4)

	// ASSERT
	require.Equal(t, uint64(3), cy.Peers["xmtp1up"].Probes)
	require.Equal(t, uint64(3), cy.Peers["xmtp1up"].Answered)
	require.Equal(t, uint64(3), cy.Peers["xmtp1down"].Probes)
	require.Zero(t, cy.Peers["xmtp1down"].Answered)
	require.Zero(t, sentEarly)
	require.Len(t, fc.sent, 1)
	require.Equal(t, uint64(3), fc.sent[0].Cycle)
	require.Equal(t, []nstypes.Observation{{Operator: "xmtp1down", UptimeBps: 0}, {Operator: "xmtp1up", UptimeBps: 10000}}, fc.sent[0].Observations)
}
