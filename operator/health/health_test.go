package health_test

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/health"
	"github.com/xmtp/xmtpd-chain/operator/prober"
)

func TestGeneratedCAVerifiesTheHealthServer(t *testing.T) {
	// ARRANGE: a CA and certificate for 127.0.0.1, a health server using it.
	dir := t.TempDir()
	require.NoError(t, health.GenerateTLS(dir, []string{"127.0.0.1", "localhost"}, time.Hour))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- health.Serve(ctx, addr, "/health", filepath.Join(dir, health.CertFile), filepath.Join(dir, health.KeyFile))
	}()
	p, err := prober.New(filepath.Join(dir, health.CAFile), "/health", "xmtp1me", time.Second)
	require.NoError(t, err)

	// ACT: probe until the server listens, then read its work counter.
	var ok bool
	for i := 0; i < 50 && !ok; i++ {
		ok, _ = p.Probe(ctx, "https://"+addr)
		if !ok {
			time.Sleep(50 * time.Millisecond)
		}
	}
	work, err := prober.WorkSource{URL: "https://" + addr + "/metrics", Metric: health.WorkMetric, Label: "operator", Client: p.HTTPClient()}.Read(ctx)

	// ASSERT
	require.True(t, ok)
	require.NoError(t, err)
	require.GreaterOrEqual(t, work["xmtp1me"], uint64(1))
	cancel()
	require.NoError(t, <-done)
}
