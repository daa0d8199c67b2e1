package wallet

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// restAt reads one REST answer of the node as of a height (0: latest).
func restAt(t testing.TB, port int, height int64, path string) map[string]any {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("http://127.0.0.1:%d%s", port, path), nil)
	if err != nil {
		t.Fatal(err)
	}
	if height > 0 {
		req.Header.Set("x-cosmos-block-height", strconv.FormatInt(height, 10))
	}
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s (height %d): %d %s", path, height, resp.StatusCode, body)
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return v
}

// at walks a decoded JSON value by object keys and list indexes ("3").
func at(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// str is at() as a string ("" when absent).
func str(v any, path ...string) string {
	switch x := at(v, path...).(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// list is at() as a list.
func list(v any, path ...string) []any {
	l, _ := at(v, path...).([]any)
	return l
}

// bigInt parses an integer string ("" is 0).
func bigInt(t testing.TB, s string) *big.Int {
	t.Helper()
	if s == "" {
		return new(big.Int)
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return n
}

var durationRe = regexp.MustCompile(`^(\d+)(?:\.(\d{1,9}))?s$`)

// msgValue turns a REST (gRPC-gateway) JSON object into a wallet.js message
// value: durations "3600s" become {"seconds","nanos"}; everything else (Dec
// decimals, 64-bit integers as strings, enum names) stays.
func msgValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = msgValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = msgValue(e)
		}
		return out
	case string:
		if m := durationRe.FindStringSubmatch(x); m != nil {
			nanos := 0
			if m[2] != "" {
				nanos, _ = strconv.Atoi(m[2] + strings.Repeat("0", 9-len(m[2])))
			}
			return map[string]any{"seconds": m[1], "nanos": nanos}
		}
		return x
	default:
		return v
	}
}
