package dashboard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// agentGroup is the rule group over the operator agent's metrics, which a
// node does not export.
const agentGroup = "xmtpd-operator-agent"

var metricName = regexp.MustCompile(`\b((?:xmtpd|cometbft)_[a-z0-9_]+)\b`)

// testDeploy checks deploy/: promtool accepts the alert rules, and every node
// metric named by a rule (outside the agent group) or a Grafana panel is
// exported by the running node.
func (c *chain) testDeploy(t *testing.T) {
	root := testchain.RepoRoot(t)
	rulesFile := filepath.Join(root, "deploy", "prometheus", "alerts.yml")

	// ASSERT 1: promtool check rules.
	out, err := exec.Command(promtoolPath(t), "check", "rules", rulesFile).CombinedOutput()
	require.NoError(t, err, "promtool check rules:\n%s", out)
	require.Contains(t, string(out), "SUCCESS")

	// ARRANGE: the names used by the rules and the dashboard.
	names := map[string]string{} // metric -> where
	raw, err := os.ReadFile(rulesFile)
	require.NoError(t, err)
	var rules struct {
		Groups []struct {
			Name  string `json:"name"`
			Rules []struct {
				Alert string `json:"alert"`
				Expr  string `json:"expr"`
			} `json:"rules"`
		} `json:"groups"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &rules))
	agentRules := 0
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			for _, m := range metricName.FindAllString(r.Expr, -1) {
				if g.Name == agentGroup {
					require.True(t, strings.HasPrefix(m, "xmtpd_operator_"), "agent rule %s names node metric %s", r.Alert, m)
					agentRules++
					continue
				}
				names[m] = "rule " + r.Alert
			}
		}
	}
	require.Positive(t, agentRules, "the agent group has its rules")
	raw, err = os.ReadFile(filepath.Join(root, "deploy", "grafana", "xmtpd-node.json"))
	require.NoError(t, err)
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	require.NoError(t, json.Unmarshal(raw, &dash))
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			for _, m := range metricName.FindAllString(tg.Expr, -1) {
				names[m] = "panel " + p.Title
			}
		}
	}
	require.Greater(t, len(names), 15)
	// The agent's dashboard names only agent metrics (a node exports none of them).
	raw, err = os.ReadFile(filepath.Join(root, "deploy", "grafana", "xmtpd-operator-agent.json"))
	require.NoError(t, err)
	agentNames := metricName.FindAllString(string(raw), -1)
	require.NotEmpty(t, agentNames)
	for _, m := range agentNames {
		require.True(t, strings.HasPrefix(m, "xmtpd_operator_"), "the agent dashboard names node metric %s", m)
	}

	// ACT: scrape the node once a payout has been written (the last-payout
	// gauges exist from then on).
	testchain.WaitFor(t, "a payout record", 20*cycle, func() bool {
		return len(c.scrape(t, fmt.Sprintf("http://127.0.0.1:%d/metrics?format=prometheus", c.api))["xmtpd_rewards_last_payout"]) > 0
	})
	exported := c.scrape(t, fmt.Sprintf("http://127.0.0.1:%d/metrics?format=prometheus", c.api))
	for k, v := range c.scrape(t, fmt.Sprintf("http://127.0.0.1:%d/metrics", c.node.PrometheusPort())) {
		exported[k] = v
	}

	// ASSERT 2: every name is exported.
	var missing []string
	for m, where := range names {
		if len(exported[m]) == 0 {
			missing = append(missing, m+" ("+where+")")
		}
	}
	slices.Sort(missing)
	require.Empty(t, missing, "metrics named in deploy/ but not exported by a running node")
}

// scrape returns, per metric name, the label sets of its samples.
func (c *chain) scrape(t *testing.T, url string) map[string][]string {
	t.Helper()
	cl := http.Client{Timeout: 10 * time.Second}
	resp, err := cl.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", url, body)
	out := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(string(body)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, labels := line, ""
		if i := strings.IndexAny(line, "{ "); i >= 0 {
			name, labels = line[:i], line[i:]
		}
		out[name] = append(out[name], labels)
	}
	return out
}

// promtoolPath is $XMTPD_PROMTOOL or /usr/bin/promtool (Debian package
// prometheus, installed by scripts/ensure-test-tools.sh). Missing fails the
// test unless XMTPD_SKIP_PROMTOOL=1.
func promtoolPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("XMTPD_PROMTOOL")
	if p == "" {
		p = "/usr/bin/promtool"
	}
	if _, err := exec.LookPath(p); err != nil {
		if os.Getenv("XMTPD_SKIP_PROMTOOL") == "1" {
			t.Skipf("no promtool at %s and XMTPD_SKIP_PROMTOOL=1", p)
		}
		t.Fatalf("no promtool at %s: run scripts/ensure-test-tools.sh (make test does) or set XMTPD_PROMTOOL", p)
	}
	return p
}
