package testchain

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// NewLocalnet writes a single-validator localnet home (`xmtpd testnet
// localnet` plus flags, which may not set --home or --base-port) on free
// loopback ports and returns it as a one-node Network, not started. Its
// keyring (test backend) holds admin, payer and op1..opN.
func NewLocalnet(t testing.TB, bin string, flags ...string) *Network {
	t.Helper()
	dir := t.TempDir()
	base := FreeBasePort(t, 30)
	home := filepath.Join(dir, "node0")
	chainID := "xmtp-localnet-1"
	for i, f := range flags {
		if f == "--chain-id" && i+1 < len(flags) {
			chainID = flags[i+1]
		}
	}
	args := append([]string{"testnet", "localnet", "--home", home, "--base-port", fmt.Sprint(base)}, flags...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("xmtpd %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	nw := &Network{T: t, Dir: dir, ChainID: chainID, BasePort: base}
	nw.Nodes = []*Node{newNode(nw, 0, home, bin)}
	t.Cleanup(nw.StopAll)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("node0 log tail:\n%s", nw.Nodes[0].LogTail(6000))
		}
	})
	return nw
}

// StartLocalnet is NewLocalnet, started, at height 2.
func StartLocalnet(t testing.TB, bin string, flags ...string) *Node {
	t.Helper()
	nw := NewLocalnet(t, bin, flags...)
	nw.StartAll(t)
	return nw.Nodes[0]
}

// Kill stops the node with SIGKILL (no shutdown at all).
func (n *Node) Kill() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
	_ = n.log.Close()
	n.cmd, n.done, n.log = nil, nil, nil
}

// TryTx is Tx that returns the failure (CheckTx or DeliverTx) instead of
// failing the test.
func (n *Node) TryTx(home, from string, args ...string) (map[string]any, error) {
	full := append(append([]string{"tx"}, args...),
		"--from", from, "--keyring-backend", "test", "--gas", "600000", "-y", "-o", "json")
	out, err := n.CLIWithHome(home, full...)
	if err != nil {
		return nil, err
	}
	return n.waitTx(out)
}

// GRPCAddr is the node's gRPC address (host:port).
func (n *Node) GRPCAddr() string { return fmt.Sprintf("127.0.0.1:%d", n.GRPCPort()) }

// Run starts a helper process (an operator agent, a health server) whose
// output goes to logPath; it is killed when the test ends. Stop it earlier
// with the returned Proc.
func Run(t testing.TB, logPath string, bin string, args ...string) *Proc {
	t.Helper()
	p := &Proc{t: t, log: logPath, bin: bin, args: args}
	p.Start()
	t.Cleanup(p.Kill)
	return p
}

// Proc is a helper process started by Run.
type Proc struct {
	t    testing.TB
	log  string
	bin  string
	args []string
	cmd  *exec.Cmd
	done chan struct{}
}

// Start (re)starts the process, appending to its log.
func (p *Proc) Start() {
	p.t.Helper()
	if p.cmd != nil {
		p.t.Fatalf("%s already running", p.log)
	}
	f, err := openLog(p.log)
	if err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command(p.bin, p.args...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); _ = f.Close(); close(done) }()
	p.cmd, p.done = cmd, done
}

// Kill sends SIGKILL and waits for the exit (a no-op when not running).
func (p *Proc) Kill() { p.signal(syscall.SIGKILL) }

// Stop sends SIGTERM and waits for the exit.
func (p *Proc) Stop() { p.signal(syscall.SIGTERM) }

func (p *Proc) signal(s syscall.Signal) {
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Signal(s)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	p.cmd, p.done = nil, nil
}

// queryCtx is the timeout of one CLI call.
func queryCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 60*time.Second)
}
