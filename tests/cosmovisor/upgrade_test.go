package cosmovisor

import (
	"bytes"
	"crypto/sha256"
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
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/upgrades"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const votingPeriod = 10 * time.Second

type num uint64

func (n *num) UnmarshalJSON(b []byte) error {
	var s json.Number
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := s.Int64()
	*n = num(v)
	return err
}

func TestSoftwareUpgradeUnderCosmovisor(t *testing.T) {
	if testing.Short() {
		t.Skip("system test: builds cosmovisor and runs a real node (skipped with -short)")
	}
	// ARRANGE: a one-validator chain where x/gov is the authority, the
	// cosmovisor layout with the release before the upgrade (`-tags preibc`:
	// the system-test upgrade adds the IBC stores, as v3 does) as genesis and
	// the binary that carries the upgrade under upgrades/<name>.
	cv := Binary(t)
	rel, up := testchain.Binary(t, "preibc"), testchain.Binary(t, "systemtest")
	nw := testchain.NewNetwork(t, rel, 1, "--cycle-duration", "10s", "--voting-period", votingPeriod.String(),
		"--admin-authority=false", "--with-dashboard=false")
	n := nw.Nodes[0]
	root := filepath.Join(n.Home, "cosmovisor")
	install(t, rel, filepath.Join(root, "genesis", "bin", "xmtpd"))
	install(t, up, filepath.Join(root, "upgrades", upgrades.SystemTestName, "bin", "xmtpd"))
	logPath := filepath.Join(n.Home, "cosmovisor.log")
	stop := runCosmovisor(t, cv, n.Home, logPath)
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			if len(b) > 4000 {
				b = b[len(b)-4000:]
			}
			t.Logf("cosmovisor log tail:\n%s", b)
		}
	})
	n.WaitHeight(t, 2, 90*time.Second)
	// [dashboard] enable = false (--with-dashboard=false): the API server has no /dashboard/.
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/dashboard/", n.APIPort()))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NotEqual(t, http.StatusOK, resp.StatusCode)
	require.NotContains(t, string(body), "xmtpd dashboard")

	// ACT: propose the upgrade (plan info carries the binary's checksum, in
	// the format cosmovisor reads when downloads are enabled) and vote for it.
	upHeight := n.Height() + 25
	info := fmt.Sprintf(`{"binaries":{"linux/amd64":"file://%s?checksum=sha256:%s"}}`, up, sha256File(t, up))
	n.Tx(t, n.Home, "admin", "upgrade", "software-upgrade", upgrades.SystemTestName,
		"--upgrade-height", fmt.Sprint(upHeight), "--upgrade-info", info, "--title", "cosmovisor upgrade",
		"--summary", "upgrade under cosmovisor", "--deposit", "10000000uxmtp", "--no-validate")
	var props struct {
		Proposals []struct {
			ID num `json:"id"`
		} `json:"proposals"`
	}
	n.Query(t, &props, "gov", "proposals")
	require.NotEmpty(t, props.Proposals)
	id := fmt.Sprint(props.Proposals[len(props.Proposals)-1].ID)
	n.Tx(t, n.Home, "validator", "gov", "vote", id, "yes")

	// ASSERT: the node halts at the height, cosmovisor switches binaries and
	// restarts it, and the chain goes on with the upgrade applied.
	n.WaitHeight(t, upHeight+3, 4*time.Minute)
	current, err := os.Readlink(filepath.Join(root, "current"))
	require.NoError(t, err, "cosmovisor/current is a symlink")
	require.Equal(t, filepath.Join(root, "upgrades", upgrades.SystemTestName), current)
	var plan struct {
		Name   string `json:"name"`
		Height num    `json:"height"`
	}
	b, err := os.ReadFile(filepath.Join(n.Home, "data", "upgrade-info.json"))
	require.NoError(t, err, "the halting binary wrote data/upgrade-info.json")
	require.NoError(t, json.Unmarshal(b, &plan))
	require.Equal(t, upgrades.SystemTestName, plan.Name)
	require.Equal(t, num(upHeight), plan.Height)
	var applied struct {
		Height num `json:"height"`
	}
	n.Query(t, &applied, "upgrade", "applied", upgrades.SystemTestName)
	require.Equal(t, num(upHeight), applied.Height)
	var p struct {
		Params struct {
			MaxQueueScan num `json:"max_queue_scan"`
		} `json:"params"`
	}
	n.Query(t, &p, "nodeselection", "params")
	require.Equal(t, num(upgrades.SystemTestMaxQueueScan), p.Params.MaxQueueScan, "the upgrade's migration ran")
}

// runCosmovisor starts `cosmovisor run start` for the home in a process group
// of its own and returns a stop function: SIGTERM to the group, SIGKILL to it
// after 20s, and it returns only when no process of the group is left (the
// node cosmovisor runs still writes into the home while it shuts down, and
// outlived cosmovisor once, failing the test directory's removal).
func runCosmovisor(t *testing.T, cv, home, logPath string) func() {
	t.Helper()
	f, err := os.Create(logPath)
	require.NoError(t, err)
	cmd := exec.Command(cv, "run", "start", "--home", home, "--log_no_color")
	cmd.Env = append(os.Environ(), "DAEMON_NAME=xmtpd", "DAEMON_HOME="+home,
		"DAEMON_RESTART_AFTER_UPGRADE=true", "DAEMON_ALLOW_DOWNLOAD_BINARIES=false",
		"UNSAFE_SKIP_BACKUP=true", "DAEMON_POLL_INTERVAL=300ms")
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	pgid := cmd.Process.Pid
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	groupGone := func() bool { return !groupAlive(pgid) }
	return func() {
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		deadline := time.Now().Add(20 * time.Second)
		for !groupGone() && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if !groupGone() {
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			for deadline := time.Now().Add(10 * time.Second); !groupGone() && time.Now().Before(deadline); {
				time.Sleep(100 * time.Millisecond)
			}
		}
		<-done
		_ = f.Close()
	}
}

func install(t *testing.T, src, dst string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
	in, err := os.Open(src)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}

func sha256File(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// groupAlive reports whether a process of the process group runs (a zombie,
// which writes nothing, does not count: an orphan may wait for a reaper).
func groupAlive(pgid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces: parse after ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) >= 3 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" && f[0] != "X" {
			return true
		}
	}
	return false
}
