// Package e2e drives the real xmtpd binary and its CLI against a running
// single-validator chain on loopback ports.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// xmtpdBinary builds ./cmd/xmtpd once per test run (or uses $XMTPD_BIN).
func xmtpdBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("XMTPD_BIN"); p != "" {
		return p
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "xmtpd-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "xmtpd")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/xmtpd")
		cmd.Dir = "../.."
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

// freeBasePort finds a base port with the next 10 ports free on 127.0.0.1.
func freeBasePort(t *testing.T) int {
	t.Helper()
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for attempt := 0; attempt < 50; attempt++ {
		base := 20000 + 10*r.Intn(3000)
		ok := true
		for p := base; p < base+10 && ok; p++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				ok = false
				continue
			}
			_ = l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no free port range found")
	return 0
}

// chain is one running localnet node.
type chain struct {
	t    *testing.T
	bin  string
	home string
	node string
	cmd  *exec.Cmd
	logs *bytes.Buffer
}

// startChain writes a localnet home with the given extra flags and starts it.
func startChain(t *testing.T, localnetFlags ...string) *chain {
	t.Helper()
	bin := xmtpdBinary(t)
	home := t.TempDir()
	base := freeBasePort(t)
	args := append([]string{"testnet", "localnet", "--home", home, "--base-port", fmt.Sprint(base)}, localnetFlags...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	require.NoError(t, err, string(out))

	c := &chain{t: t, bin: bin, home: home, node: fmt.Sprintf("tcp://127.0.0.1:%d", base+1), logs: &bytes.Buffer{}}
	c.cmd = exec.Command(bin, "start", "--home", home)
	c.cmd.Stdout = c.logs
	c.cmd.Stderr = c.logs
	require.NoError(t, c.cmd.Start())
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		_, _ = c.cmd.Process.Wait()
		if t.Failed() {
			logs := c.logs.String()
			if len(logs) > 8000 {
				logs = logs[len(logs)-8000:]
			}
			t.Logf("node log tail:\n%s", logs)
		}
	})
	c.waitHeight(2, 60*time.Second)
	return c
}

// run runs the CLI against the node and returns stdout; it fails the test on error.
func (c *chain) run(args ...string) string {
	c.t.Helper()
	out, err := c.try(args...)
	require.NoError(c.t, err, "xmtpd %s", strings.Join(args, " "))
	return out
}

// try runs the CLI and returns stdout, or an error with stderr.
func (c *chain) try(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	full := append(args, "--home", c.home)
	cmd := exec.CommandContext(ctx, c.bin, full...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%v: %s%s", err, stderr.String(), stdout.String())
	}
	return stdout.String(), nil
}

// queryJSON runs a query with -o json and decodes it into v.
func (c *chain) queryJSON(v any, args ...string) {
	c.t.Helper()
	out := c.run(append(append([]string{"query"}, args...), "-o", "json")...)
	require.NoError(c.t, json.Unmarshal([]byte(out), v), out)
}

// tx broadcasts a transaction from key `from`, waits for it to be committed
// and returns its result; it fails the test if the tx fails.
func (c *chain) tx(from string, args ...string) map[string]any {
	c.t.Helper()
	res, err := c.tryTx(from, args...)
	require.NoError(c.t, err)
	return res
}

// tryTx is tx that returns the failure instead of failing the test.
func (c *chain) tryTx(from string, args ...string) (map[string]any, error) {
	c.t.Helper()
	full := append([]string{"tx"}, args...)
	full = append(full, "--from", from, "--keyring-backend", "test", "--gas", "600000", "-y", "-o", "json")
	out, err := c.try(full...)
	if err != nil {
		return nil, err
	}
	var sync map[string]any
	if err := json.Unmarshal([]byte(out), &sync); err != nil {
		return nil, fmt.Errorf("decode %q: %w", out, err)
	}
	if code, _ := sync["code"].(float64); code != 0 {
		return sync, fmt.Errorf("tx rejected in CheckTx: %v", sync["raw_log"])
	}
	hash, _ := sync["txhash"].(string)
	var res map[string]any
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := c.try("query", "tx", hash, "-o", "json")
		if err == nil {
			require.NoError(c.t, json.Unmarshal([]byte(out), &res))
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("tx %s not committed: %v", hash, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if code, _ := res["code"].(float64); code != 0 {
		return res, fmt.Errorf("tx failed: %v", res["raw_log"])
	}
	return res, nil
}

// keyAddress returns the address of a key in the node's test keyring.
func (c *chain) keyAddress(name string) string {
	c.t.Helper()
	return strings.TrimSpace(c.run("keys", "show", name, "-a", "--keyring-backend", "test"))
}

// height returns the latest block height.
func (c *chain) height() int64 {
	out, err := c.try("status")
	if err != nil {
		return 0
	}
	var st struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if json.Unmarshal([]byte(out), &st) != nil {
		return 0
	}
	var h int64
	fmt.Sscan(st.SyncInfo.LatestBlockHeight, &h)
	return h
}

// waitHeight waits until the chain reaches height h.
func (c *chain) waitHeight(h int64, timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for c.height() < h {
		if time.Now().After(deadline) {
			c.t.Fatalf("chain did not reach height %d within %s", h, timeout)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// waitFor polls cond until it holds or the timeout passes.
func (c *chain) waitFor(what string, timeout time.Duration, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(time.Second)
	}
}
