package prober_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/prober"
)

func TestWorkSourceReadsCounterPerPeer(t *testing.T) {
	// ARRANGE: a Prometheus text page with the counter for two peers, another family, and a sample without the label.
	page := `# HELP xmtp_node_envelopes_served_total Envelopes.
# TYPE xmtp_node_envelopes_served_total counter
xmtp_node_envelopes_served_total{operator="xmtp1a",region="US"} 120
xmtp_node_envelopes_served_total{operator="xmtp1b"} 7
xmtp_node_envelopes_served_total{shard="x"} 1000
# TYPE other_total counter
other_total{operator="xmtp1a"} 99
`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(page)) }))
	defer srv.Close()
	src := prober.WorkSource{URL: srv.URL, Metric: "xmtp_node_envelopes_served_total", Label: "operator"}

	// ACT
	got, err := src.Read(context.Background())

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, map[string]uint64{"xmtp1a": 120, "xmtp1b": 7}, got)

	// A broken page is an error, not zero work.
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("{not prometheus")) }))
	defer bad.Close()
	_, err = prober.WorkSource{URL: bad.URL, Metric: "m", Label: "operator"}.Read(context.Background())
	require.Error(t, err)
}
