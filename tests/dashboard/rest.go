package dashboard

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"
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

// denomUnit is the display unit of a base denom, from the bank metadata.
type denomUnit struct {
	Display  string
	Exponent int
}

// denomUnits reads the bank denom metadata of the node.
func denomUnits(t *testing.T, port int) map[string]denomUnit {
	t.Helper()
	var r struct {
		Metadatas []struct {
			Base       string `json:"base"`
			Display    string `json:"display"`
			DenomUnits []struct {
				Denom    string `json:"denom"`
				Exponent int    `json:"exponent"`
			} `json:"denom_units"`
		} `json:"metadatas"`
	}
	rest(t, port, "/cosmos/bank/v1beta1/denoms_metadata", &r)
	out := map[string]denomUnit{}
	for _, m := range r.Metadatas {
		for _, u := range m.DenomUnits {
			if u.Denom == m.Display {
				out[m.Base] = denomUnit{Display: m.Display, Exponent: u.Exponent}
			}
		}
	}
	return out
}

// minDecimals: USDC amounts always show cents.
var minDecimals = map[string]int{"USDC": 2}

// displayAmount is how the dashboard prints an integer amount of a base
// denom: exactly, in its display unit, thousands separated.
func displayAmount(units map[string]denomUnit, amount, denom string) string {
	u, ok := units[denom]
	n, valid := new(big.Int).SetString(amount, 10)
	if !ok || !valid {
		return strings.TrimSpace(amount + " " + denom)
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(u.Exponent)), nil)
	whole, frac := new(big.Int).QuoRem(new(big.Int).Abs(n), scale, new(big.Int))
	fracText := frac.String()
	fracText = strings.TrimRight(strings.Repeat("0", u.Exponent-len(fracText))+fracText, "0")
	for len(fracText) < min(minDecimals[u.Display], u.Exponent) {
		fracText += "0"
	}
	w := whole.String()
	var grouped []string
	for len(w) > 3 {
		grouped = append([]string{w[len(w)-3:]}, grouped...)
		w = w[:len(w)-3]
	}
	text := strings.Join(append([]string{w}, grouped...), ",")
	if fracText != "" {
		text += "." + fracText
	}
	if n.Sign() < 0 {
		text = "-" + text
	}
	return text + " " + u.Display
}

// coinsText is how the dashboard prints a list of coins.
func coinsText(units map[string]denomUnit, cs []coin) string {
	if len(cs) == 0 {
		return "0"
	}
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, displayAmount(units, c.Amount, c.Denom))
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
