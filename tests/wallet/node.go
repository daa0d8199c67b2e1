// Package wallet checks that wallets can use xmtpd: CosmJS (what Keplr-based
// dapps and Ledger users go through) signs every custom message of
// x/nodeselection, x/rewards and x/treasury in SIGN_MODE_DIRECT and in
// amino-json against a running chain, and the chain-registry files and bank
// denom metadata wallets read are valid.
package wallet

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// jsDir is the Node project of the test (package.json and its lockfile).
func jsDir(t testing.TB) string {
	return filepath.Join(testchain.RepoRoot(t), "tests", "wallet", "js")
}

// ensureNodeModules installs the locked dependencies with `npm ci` when
// node_modules is missing or was installed from another lockfile.
func ensureNodeModules(t testing.TB) string {
	t.Helper()
	dir := jsDir(t)
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: install Node.js 20 or newer (scripts/ensure-test-tools.sh does)", tool)
		}
	}
	lock, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(lock)
	want := hex.EncodeToString(sum[:])
	stamp := filepath.Join(dir, "node_modules", ".xmtpd-lock-sha256")
	if got, err := os.ReadFile(stamp); err == nil && strings.TrimSpace(string(got)) == want {
		return dir
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
	if err := os.WriteFile(stamp, []byte(want+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// jsClient is the running wallet.js process.
type jsClient struct {
	t   testing.TB
	in  io.WriteCloser
	out *bufio.Reader
	cmd *exec.Cmd
}

func startJS(t testing.TB) *jsClient {
	t.Helper()
	dir := ensureNodeModules(t)
	cmd := exec.Command("node", "wallet.js")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &jsClient{t: t, in: in, out: bufio.NewReaderSize(out, 1<<20), cmd: cmd}
	t.Cleanup(func() {
		_ = in.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	return c
}

// call sends one request and decodes the answer's result into v; it returns
// the script's error text when the request failed.
func (c *jsClient) call(req map[string]any, v any) error {
	c.t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.in.Write(append(b, '\n')); err != nil {
		c.t.Fatalf("write to wallet.js: %v", err)
	}
	line, err := c.out.ReadBytes('\n')
	if err != nil {
		c.t.Fatalf("read from wallet.js: %v", err)
	}
	var resp struct {
		OK     bool            `json:"ok"`
		Error  string          `json:"error"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(line, &resp); err != nil {
		c.t.Fatalf("wallet.js answered %q: %v", line, err)
	}
	if !resp.OK {
		return fmt.Errorf("%s", resp.Error)
	}
	if v != nil {
		if err := json.Unmarshal(resp.Result, v); err != nil {
			c.t.Fatalf("decode %s: %v", resp.Result, err)
		}
	}
	return nil
}
