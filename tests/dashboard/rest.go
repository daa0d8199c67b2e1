package dashboard

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rest reads one answer of the node's REST API.
func rest(t *testing.T, port int, path string, v any) {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(fmt.Sprintf("http://127.0.0.1:%d%s", port, path))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// activeSet is the REST answer of /xmtp/nodeselection/v1/active_set.
type activeSet struct {
	Cycle   string   `json:"cycle"`
	Current []member `json:"current"`
	Next    []member `json:"next"`
}

type member struct {
	Owner      string `json:"owner"`
	SinceCycle string `json:"since_cycle"`
}

func owners(ms []member) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Owner)
	}
	return out
}

type coin struct {
	Denom  string `json:"denom"`
	Amount string `json:"amount"`
}

// coinsText is how the dashboard prints a list of coins.
func coinsText(cs []coin) string {
	if len(cs) == 0 {
		return "0"
	}
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, c.Amount+" "+c.Denom)
	}
	return strings.Join(parts, ", ")
}

// eventually retries check until it returns "" (the page may be between two
// refreshes, or the chain between two blocks) and fails with its last answer.
func eventually(t *testing.T, what string, timeout time.Duration, check func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s", what, msg)
		}
		time.Sleep(time.Second)
	}
}
