package system

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// scrape reads the node's Prometheus metrics (API server, telemetry enabled)
// into a map from "name{labels}" to value.
func scrape(t *testing.T, apiPort int) map[string]float64 {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics?format=prometheus", apiPort))
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err == nil {
			out[line[:i]] = v
		}
	}
	return out
}

// testTelemetry reads the xmtpd gauges from a running validator and checks
// them against the queries at the height they were read from.
func (s *suite) testTelemetry(t *testing.T) {
	n0 := s.node0()
	m := scrape(t, n0.APIPort())

	h := int64(m["xmtpd_state_height"])
	require.Positive(t, h, "xmtpd_state_height is exported")
	as := activeSetAt(t, n0, h)
	require.Equal(t, float64(as.Cycle), m["xmtpd_cycle_number"])
	require.Equal(t, float64(as.NextBoundary.Unix()), m["xmtpd_cycle_next_boundary_seconds"])
	require.Equal(t, float64(len(as.Current)), m[`xmtpd_active_set_size{set="current"}`])
	require.Equal(t, float64(len(as.Next)), m[`xmtpd_active_set_size{set="next"}`])
	require.Equal(t, float64(10), m["xmtpd_active_set_seats"])

	total := 0.0
	for _, st := range []string{"WAITING", "ELIGIBLE", "ACTIVE", "JAILED", "LEAVING"} {
		v, ok := m[fmt.Sprintf(`xmtpd_operators{status="%s"}`, st)]
		require.True(t, ok, "operators by status %s exported", st)
		total += v
	}
	require.Equal(t, float64(demoOps), total, "every demo operator counted once")
	require.Equal(t, float64(demoOps), m["xmtpd_queue_length"])

	require.GreaterOrEqual(t, m["xmtpd_rewards_last_settled_cycle"], float64(s.funded))
	require.Contains(t, m, `xmtpd_rewards_pool{denom="uusdc",part="unassigned"}`)
	require.Contains(t, m, `xmtpd_rewards_settled{denom="uusdc",part="credited"}`)
	// The funded cycle's cap excess reached the treasury buckets.
	require.Positive(t, m[`xmtpd_treasury_bucket{bucket="BUYBACK_BURN",denom="uusdc"}`])
	require.Zero(t, m["xmtpd_telemetry_read_errors"])
}
