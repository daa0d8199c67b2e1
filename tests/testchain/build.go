// Package testchain builds the xmtpd binary and runs networks of real xmtpd
// processes on loopback for the system tests (tests/system) and the load
// benchmark (tests/load). Every process it starts is stopped by t.Cleanup.
package testchain

import (
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
)

var (
	buildMu sync.Mutex
	builds  = map[string]string{}
)

// RepoRoot returns the directory of the module's go.mod, searched upwards
// from the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Binary builds ./cmd/xmtpd with the given build tags once per test binary
// and returns its path. $XMTPD_BIN (no tags) and $XMTPD_BIN_<TAG> override it.
func Binary(t testing.TB, tags ...string) string {
	t.Helper()
	key := strings.Join(tags, ",")
	env := "XMTPD_BIN"
	if key != "" {
		env += "_" + strings.ToUpper(strings.ReplaceAll(key, ",", "_"))
	}
	if p := os.Getenv(env); p != "" {
		return p
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := builds[key]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "xmtpd-testchain-bin")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "xmtpd")
	args := []string{"build", "-o", out}
	if key != "" {
		args = append(args, "-tags", key)
	}
	cmd := exec.Command("go", append(args, "./cmd/xmtpd")...)
	cmd.Dir = RepoRoot(t)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build (tags %q): %v\n%s", key, err, b)
	}
	builds[key] = out
	return out
}

// FreeBasePort finds a base port p such that p .. p+span-1 are free on
// 127.0.0.1 (a network of n nodes needs span 10*n).
func FreeBasePort(t testing.TB, span int) int {
	t.Helper()
	r := rand.New(rand.NewSource(time.Now().UnixNano() + int64(os.Getpid())))
	for attempt := 0; attempt < 100; attempt++ {
		base := 20000 + 10*r.Intn((55000-20000-span)/10)
		if portsFree(base, span) {
			return base
		}
	}
	t.Fatal("no free port range found")
	return 0
}

func portsFree(base, span int) bool {
	for p := base; p < base+span; p++ {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			return false
		}
		_ = l.Close()
	}
	return true
}
