package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// agentMemGoalMiB is issue 22's goal for the settled operator agent.
const agentMemGoalMiB = 60

// agentMemCycles is how many cycles the agents run before they are sampled:
// by then each has probed its peers for whole cycles and had its attestations
// of the first ended cycles included.
const agentMemCycles = 4

// BenchmarkAgentMemory runs the operator agent (`xmtpd-operator start`, then
// `xmtpd operator start`) as the localnet runs it
// (scripts/localnet.sh: one agent and one HTTPS health server per operator,
// 2s probe interval, 12s cycles here) against a single-validator localnet
// with 2 and with 12 operators (1 and 11 peers per agent), lets the agents
// run agentMemCycles cycles and reports their resident memory (VmRSS of
// /proc/PID/status, sampled once a second over the last cycle; the median
// over samples and agents, and the largest sample) beside the node's.
// $XMTPD_BIN and $XMTPD_OPERATOR_BIN measure other binaries (e.g. ones built
// before a change); -bench 'AgentMemory/xmtpd$/' runs one command only.
func BenchmarkAgentMemory(b *testing.B) {
	if testing.Short() {
		b.Skip("runs real binaries")
	}
	bin := installed(b, testchain.Binary(b))
	opBin := installed(b, operatorBinary(b))
	fmt.Println("| agent command | peers per agent | agents | agent VmRSS median (MiB) | max (MiB) | goal (MiB) | of it RssAnon (MiB) | of it RssFile (MiB) | node VmRSS (MiB) | attested cycles per agent |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, v := range []struct {
		name string
		cmd  []string
	}{{"xmtpd-operator", []string{opBin, "start"}}, {"xmtpd", []string{bin, "operator", "start"}}} {
		for _, peers := range []int{1, 11} {
			b.Run(fmt.Sprintf("%s/peers=%d", v.name, peers), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					r := runAgents(b, bin, v.cmd, peers+1)
					fmt.Printf("| `%s` | %d | %d | %.1f | %.1f | ≤ %d | %.1f | %.1f | %.1f | ≥ %d |\n", strings.Join(append([]string{v.name}, v.cmd[1:]...), " "),
						peers, peers+1, r.median, r.max, agentMemGoalMiB, r.anon, r.file, r.node, r.attested)
					b.ReportMetric(r.median, "agent-MiB")
					b.ReportMetric(r.max, "agent-max-MiB")
					b.ReportMetric(r.anon, "agent-anon-MiB")
					b.ReportMetric(r.node, "node-MiB")
				}
			})
		}
	}
}

// operatorBinary builds ./cmd/xmtpd-operator ($XMTPD_OPERATOR_BIN overrides it).
func operatorBinary(b *testing.B) string {
	b.Helper()
	if p := os.Getenv("XMTPD_OPERATOR_BIN"); p != "" {
		return p
	}
	out := filepath.Join(b.TempDir(), "xmtpd-operator")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/xmtpd-operator")
	cmd.Dir = testchain.RepoRoot(b)
	if bz, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build ./cmd/xmtpd-operator: %v\n%s", err, bz)
	}
	return out
}

type agentMem struct {
	median, max, node float64
	anon, file        float64 // medians of RssAnon and RssFile
	attested          int     // fewest confirmed attestations of one agent
}

// installed copies a binary as an installer would (write(2) of its bytes)
// and returns the copy. A process maps its executable's pages from the page
// cache, and how much of the file one page fault maps depends on how the
// cached file was written: the Go linker's output maps in larger pieces (the
// same xmtpd-operator measured 52 MiB of RssFile as linked, 37 MiB as copied).
// Measuring copies measures every binary the same way, as deployed.
func installed(b *testing.B, path string) string {
	b.Helper()
	src, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	out := filepath.Join(b.TempDir(), filepath.Base(path))
	dst, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
	return out
}

// runAgents starts a localnet of bin with the given number of operators, one
// health server each and one agent each (agent: the command line up to its flags).
func runAgents(b *testing.B, bin string, agent []string, operators int) agentMem {
	b.Helper()
	const cycle = 12 * time.Second
	epBase := testchain.FreeBasePort(b, operators)
	stBase := testchain.FreeBasePort(b, operators+1)
	nw := testchain.NewLocalnet(b, bin, "--operators", fmt.Sprint(operators), "--cycle-duration", cycle.String(),
		"--endpoint-base-port", fmt.Sprint(epBase))
	node := nw.Nodes[0]
	dir := b.TempDir()
	tls := filepath.Join(dir, "tls")
	if out, err := exec.Command(bin, "operator", "gen-tls", tls, "--home", node.Home).CombinedOutput(); err != nil {
		b.Fatalf("gen-tls: %v\n%s", err, out)
	}
	node.Start(b)
	node.WaitHeight(b, 2, time.Minute)
	for i := 1; i <= operators; i++ {
		startProc(b, dir, fmt.Sprintf("health%d", i), bin, "operator", "health-server", "--home", node.Home,
			"--listen", fmt.Sprintf("127.0.0.1:%d", epBase+i-1), "--tls-dir", tls)
	}
	agents := make([]*exec.Cmd, operators)
	for i := 1; i <= operators; i++ {
		agents[i-1] = startProc(b, dir, fmt.Sprintf("op%d", i), agent[0], append(agent[1:], "--home", node.Home,
			"--chain-id", "xmtp-localnet-1", "--signer-key", fmt.Sprintf("op%d", i), "--keyring-backend", "test",
			"--keyring-dir", node.Home, "--node-rpc", node.RPC(), "--node-grpc", node.GRPCAddr(),
			"--ca-file", filepath.Join(tls, "ca.pem"), "--probe-interval", "2s", "--probe-timeout", "1s",
			"--jitter", "5s", "--timeout-blocks", "10", "--state-dir", filepath.Join(dir, fmt.Sprintf("state-op%d", i)),
			"--listen", fmt.Sprintf("127.0.0.1:%d", stBase+i))...)
	}
	time.Sleep((agentMemCycles - 1) * cycle)
	var samples, anon, file []float64
	var nodeRSS float64
	for end := time.Now().Add(cycle); time.Now().Before(end); time.Sleep(time.Second) {
		for i, a := range agents {
			m, err := procMemKiB(a.Process.Pid)
			if err != nil {
				b.Fatalf("op%d's agent: %v (log %s)", i+1, err, filepath.Join(dir, fmt.Sprintf("op%d.log", i+1)))
			}
			samples = append(samples, float64(m["VmRSS"])/1024)
			anon = append(anon, float64(m["RssAnon"])/1024)
			file = append(file, float64(m["RssFile"])/1024)
		}
		if pid := nodePID(b, node.Home); pid > 0 {
			if m, err := procMemKiB(pid); err == nil {
				nodeRSS = float64(m["VmRSS"]) / 1024
			}
		}
	}
	r := agentMem{median: median(samples), anon: median(anon), file: median(file), node: nodeRSS, attested: -1}
	for _, s := range samples {
		r.max = max(r.max, s)
	}
	for i := 1; i <= operators; i++ {
		n := confirmed(filepath.Join(dir, fmt.Sprintf("state-op%d", i)))
		if r.attested < 0 || n < r.attested {
			r.attested = n
		}
	}
	if r.attested == 0 {
		b.Fatalf("an agent has no confirmed attestation after %d cycles: it is not doing its work (logs in %s)", agentMemCycles, dir)
	}
	return r
}

// startProc starts a helper process with its output in dir/name.log; it is
// killed when the benchmark ends.
func startProc(b *testing.B, dir, name, bin string, args ...string) *exec.Cmd {
	b.Helper()
	f, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); _ = f.Close(); close(done) }()
	b.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
	})
	return cmd
}

// procMemKiB reads VmRSS, RssAnon and RssFile (KiB) of /proc/pid/status.
func procMemKiB(pid int) (map[string]int, error) {
	bz, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, l := range strings.Split(string(bz), "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			switch k := strings.TrimSuffix(f[0], ":"); k {
			case "VmRSS", "RssAnon", "RssFile":
				v, err := strconv.Atoi(f[1])
				if err != nil {
					return nil, fmt.Errorf("%s of /proc/%d/status: %w", k, pid, err)
				}
				out[k] = v
			}
		}
	}
	if _, ok := out["VmRSS"]; !ok {
		return nil, fmt.Errorf("no VmRSS in /proc/%d/status (exited?)", pid)
	}
	return out, nil
}

// nodePID finds the node process by its --home argument (testchain does not
// expose it); 0 when not found.
func nodePID(b *testing.B, home string) int {
	b.Helper()
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		bz, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil {
			continue
		}
		args := strings.Split(string(bz), "\x00")
		if len(args) > 2 && args[1] == "start" && strings.Contains(string(bz), home+"\x00") {
			return pid
		}
	}
	return 0
}

// confirmed counts the cycles of an agent's state dir whose attestation the
// chain holds.
func confirmed(stateDir string) int {
	files, _ := filepath.Glob(filepath.Join(stateDir, "cycle-*.json"))
	n := 0
	for _, f := range files {
		var c struct {
			Status string `json:"status"`
		}
		if bz, err := os.ReadFile(f); err == nil && json.Unmarshal(bz, &c) == nil && c.Status == "confirmed" {
			n++
		}
	}
	return n
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
