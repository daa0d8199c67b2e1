package prober_test

import (
	"context"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/prober"
)

// tlsPeer is an HTTPS peer whose CA the test writes to a file.
func tlsPeer(t *testing.T, h http.HandlerFunc) (*httptest.Server, string) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	b := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	require.NoError(t, os.WriteFile(ca, b, 0o644))
	return srv, ca
}

func TestProbeVerifiesTLSAndStatus(t *testing.T) {
	// ARRANGE: a peer answering /health, its header recorded.
	var gotPath, gotOp string
	srv, ca := tlsPeer(t, func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotOp = r.URL.Path, r.Header.Get(prober.HeaderOperator)
		if r.URL.Path != "/health" {
			w.WriteHeader(http.StatusNotFound)
		}
	})
	p, err := prober.New(ca, "/health", "xmtp1self", time.Second)
	require.NoError(t, err)
	noCA, err := prober.New("", "/health", "xmtp1self", time.Second)
	require.NoError(t, err)
	wrongPath, err := prober.New(ca, "/nope", "xmtp1self", time.Second)
	require.NoError(t, err)

	// ACT / ASSERT
	ok, err := p.Probe(context.Background(), srv.URL)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "/health", gotPath)
	require.Equal(t, "xmtp1self", gotOp)

	ok, err = noCA.Probe(context.Background(), srv.URL)
	require.False(t, ok, "a certificate the system roots do not know must not count as an answer")
	require.Error(t, err)

	ok, _ = wrongPath.Probe(context.Background(), srv.URL)
	require.False(t, ok, "a non-2xx status is no answer")
}

func TestRoundTimeoutAndDownPeer(t *testing.T) {
	// ARRANGE: one fast peer, one slower than the timeout, one not listening.
	fast, ca := tlsPeer(t, func(http.ResponseWriter, *http.Request) {})
	release := make(chan struct{})
	slow := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	slow.TLS = fast.TLS
	slow.StartTLS()
	t.Cleanup(func() { close(release); slow.Close() })
	down := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	downURL := down.URL
	down.Close()
	p, err := prober.New(ca, "/health", "me", 300*time.Millisecond)
	require.NoError(t, err)

	// ACT
	res := p.Round(context.Background(), map[string]string{"fast": fast.URL, "slow": slow.URL, "down": downURL})

	// ASSERT
	require.True(t, res["fast"].Answered, fmt.Sprint(res["fast"].Err))
	require.False(t, res["slow"].Answered)
	require.False(t, res["down"].Answered)
}
