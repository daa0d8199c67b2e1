package testchain

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Node is one xmtpd process of a Network. Its log is <home>/xmtpd.log.
type Node struct {
	nw    *Network
	Index int
	Home  string
	Bin   string // the binary Start runs; swap it to upgrade the node
	base  int

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	log  *os.File
}

func newNode(nw *Network, i int, home, bin string) *Node {
	return &Node{nw: nw, Index: i, Home: home, Bin: bin, base: nw.BasePort + 10*i}
}

// Name is node<i>.
func (n *Node) Name() string { return fmt.Sprintf("node%d", n.Index) }

// P2PPort, RPCPort, GRPCPort and APIPort are the node's loopback ports.
func (n *Node) P2PPort() int  { return n.base }
func (n *Node) RPCPort() int  { return n.base + 1 }
func (n *Node) GRPCPort() int { return n.base + 3 }
func (n *Node) APIPort() int  { return n.base + 4 }

// PrometheusPort is CometBFT's metrics port (instrumentation.prometheus_listen_addr).
func (n *Node) PrometheusPort() int { return n.base + 5 }

// RPC is the node's CometBFT RPC address for --node.
func (n *Node) RPC() string { return fmt.Sprintf("tcp://127.0.0.1:%d", n.RPCPort()) }

// LogPath is the node's log file.
func (n *Node) LogPath() string { return filepath.Join(n.Home, "xmtpd.log") }

// Start runs `xmtpd start` with n.Bin in the background, appending to the log.
func (n *Node) Start(t testing.TB) {
	t.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd != nil {
		t.Fatalf("%s is already running", n.Name())
	}
	f, err := os.OpenFile(n.LogPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\n==== testchain: start %s with %s at %s ====\n", n.Name(), n.Bin, time.Now().Format(time.RFC3339))
	cmd := exec.Command(n.Bin, "start", "--home", n.Home, "--log_no_color")
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	n.cmd, n.done, n.log = cmd, done, f
}

// Stop stops the node: SIGTERM, then SIGKILL after 20s. It is a no-op when
// the node is not running.
func (n *Node) Stop() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(20 * time.Second):
		_ = n.cmd.Process.Kill()
		<-n.done
	}
	_ = n.log.Close()
	n.cmd, n.done, n.log = nil, nil, nil
}

// IsRunning reports whether the node process was started and has not exited.
func (n *Node) IsRunning() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil {
		return false
	}
	select {
	case <-n.done:
		return false
	default:
		return true
	}
}

// LogTail returns the last bytes of the node's log.
func (n *Node) LogTail(max int) string {
	b, _ := os.ReadFile(n.LogPath())
	if len(b) > max {
		b = b[len(b)-max:]
	}
	return string(b)
}

// LogContains reports whether the node's log contains s.
func (n *Node) LogContains(s string) bool {
	b, _ := os.ReadFile(n.LogPath())
	return bytes.Contains(b, []byte(s))
}

// CLI runs the xmtpd CLI with this node's home and RPC; it returns stdout, or
// an error carrying stderr.
func (n *Node) CLI(args ...string) (string, error) {
	return n.CLIWithHome(n.Home, args...)
}

// CLIWithHome runs the CLI with another home (keyring) against this node.
func (n *Node) CLIWithHome(home string, args ...string) (string, error) {
	ctx, cancel := queryCtx()
	defer cancel()
	full := append(append([]string{}, args...), "--home", home)
	if len(args) > 0 && (args[0] == "query" || args[0] == "q" || args[0] == "tx") {
		full = append(full, "--node", n.RPC())
	}
	cmd := exec.CommandContext(ctx, n.Bin, full...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("xmtpd %s: %v: %s%s", strings.Join(args, " "), err, stderr.String(), stdout.String())
	}
	return stdout.String(), nil
}

// Query runs `xmtpd query <args> -o json` and decodes the result into v.
func (n *Node) Query(t testing.TB, v any, args ...string) {
	t.Helper()
	out, err := n.CLI(append(append([]string{"query"}, args...), "-o", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	decode(t, out, v)
}

// Tx signs `xmtpd tx <args>` with key `from` of the keyring in `home`,
// broadcasts it to this node, waits until it is committed and fails the test
// if it fails. It returns the committed result.
func (n *Node) Tx(t testing.TB, home, from string, args ...string) map[string]any {
	t.Helper()
	full := append(append([]string{"tx"}, args...),
		"--from", from, "--keyring-backend", "test", "--gas", "600000", "-y", "-o", "json")
	out, err := n.CLIWithHome(home, full...)
	if err != nil {
		t.Fatal(err)
	}
	return n.WaitTx(t, out)
}

// Broadcast broadcasts a signed tx file and waits for it like Tx.
func (n *Node) Broadcast(t testing.TB, home, file string) map[string]any {
	t.Helper()
	out, err := n.CLIWithHome(home, "tx", "broadcast", file, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	return n.WaitTx(t, out)
}

// WaitTx takes the sync-broadcast JSON of a tx and waits until it is committed.
func (n *Node) WaitTx(t testing.TB, syncOut string) map[string]any {
	t.Helper()
	res, err := n.waitTx(syncOut)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TxBlocks is how many blocks a transaction may take to be committed.
const TxBlocks = 15

// waitTx waits (at most TxBlocks blocks, or a stall) for a broadcast tx and
// returns its result, or an error if CheckTx or DeliverTx refused it.
func (n *Node) waitTx(syncOut string) (map[string]any, error) {
	var res map[string]any
	if err := json.Unmarshal([]byte(syncOut), &res); err != nil {
		return nil, fmt.Errorf("decode %q: %w", truncate(syncOut, 500), err)
	}
	if code, _ := res["code"].(float64); code != 0 {
		return res, fmt.Errorf("tx rejected in CheckTx: %v", res["raw_log"])
	}
	hash, _ := res["txhash"].(string)
	start := n.Height()
	last, lastAt := start, time.Now()
	for {
		out, err := n.CLI("query", "tx", hash, "-o", "json")
		if err == nil {
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				return nil, err
			}
			break
		}
		h := n.Height()
		if h > last {
			last, lastAt = h, time.Now()
		}
		if h > start+TxBlocks || time.Since(lastAt) > StallTimeout {
			return nil, fmt.Errorf("tx %s not committed (heights %d..%d): %v", hash, start, h, err)
		}
		time.Sleep(300 * time.Millisecond)
	}
	if code, _ := res["code"].(float64); code != 0 {
		return res, fmt.Errorf("tx %s failed: %v", hash, res["raw_log"])
	}
	return res, nil
}

// RPCGet fetches a CometBFT RPC endpoint (e.g. "status") and decodes its result.
func (n *Node) RPCGet(path string, v any) error {
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(fmt.Sprintf("http://127.0.0.1:%d/%s", n.RPCPort(), path))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return err
	}
	if len(env.Error) > 0 && string(env.Error) != "null" {
		return fmt.Errorf("%s: %s", path, env.Error)
	}
	return json.Unmarshal(env.Result, v)
}

// Height returns the latest committed height, or 0 when the node does not answer.
func (n *Node) Height() int64 {
	var st struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if n.RPCGet("status", &st) != nil {
		return 0
	}
	h, _ := strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

// AppInfo returns the height and app hash of the node's own application
// state (ABCI Info): the state this node computed, not a header it received.
func (n *Node) AppInfo() (int64, string, error) {
	var info struct {
		Response struct {
			LastBlockHeight  string `json:"last_block_height"`
			LastBlockAppHash string `json:"last_block_app_hash"`
		} `json:"response"`
	}
	if err := n.RPCGet("abci_info", &info); err != nil {
		return 0, "", err
	}
	h, _ := strconv.ParseInt(info.Response.LastBlockHeight, 10, 64)
	raw, err := base64.StdEncoding.DecodeString(info.Response.LastBlockAppHash)
	if err != nil {
		return 0, "", err
	}
	return h, strings.ToUpper(hex.EncodeToString(raw)), nil
}

// HeaderAppHashes returns, for every height h in [from, to] that the node
// stores, the app hash after h as carried by the header of block h+1.
func (n *Node) HeaderAppHashes(from, to int64) (map[int64]string, error) {
	out := map[int64]string{}
	for lo := from + 1; lo <= to+1; lo += 20 {
		hi := min(lo+19, to+1)
		var res struct {
			BlockMetas []struct {
				Header struct {
					Height  string `json:"height"`
					AppHash string `json:"app_hash"`
				} `json:"header"`
			} `json:"block_metas"`
		}
		if err := n.RPCGet(fmt.Sprintf("blockchain?minHeight=%d&maxHeight=%d", lo, hi), &res); err != nil {
			return nil, err
		}
		for _, m := range res.BlockMetas {
			h, _ := strconv.ParseInt(m.Header.Height, 10, 64)
			out[h-1] = m.Header.AppHash
		}
	}
	return out, nil
}
