// Package testchain builds the xmtpd binary and runs networks of real xmtpd
// processes on loopback for the system tests (tests/system) and the load
// benchmark (tests/load). Every process it starts is stopped by t.Cleanup.
package testchain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"net"
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

// Binary returns the path of ./cmd/xmtpd built with the given build tags.
// $XMTPD_BIN (no tags) and $XMTPD_BIN_<TAG> take precedence. Otherwise it is
// built once per test process into one file per repository and tag set
// under the user cache dir (see binaryPath), replacing the previous build:
// nothing is left behind per test process, and test processes building at
// the same time never run a half-written file (see buildAtomically).
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
	root := RepoRoot(t)
	out, err := binaryPath(root, key)
	if err != nil {
		t.Fatal(err)
	}
	err = buildAtomically(out, func(tmp string) error {
		args := []string{"build", "-o", tmp}
		if key != "" {
			args = append(args, "-tags", key)
		}
		cmd := exec.Command("go", append(args, "./cmd/xmtpd")...)
		cmd.Dir = root
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build (tags %q): %v\n%s", key, err, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	builds[key] = out
	return out
}

// CacheDir is where the tests keep the programs they build once for every
// run (the chain, cosmovisor): xmtpd-tests under the user cache directory, or
// under the temporary directory when there is none.
func CacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "xmtpd-tests")
}

// binaryPath is where Binary keeps the build of the repository at root with
// the build tags key: <user cache dir>/xmtpd-tests/<hash of root>/xmtpd[-tags].
// The hash keeps two checkouts (worktrees) from replacing each other's build.
func binaryPath(root, key string) (string, error) {
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(CacheDir(), hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := "xmtpd"
	if key != "" {
		name += "-" + strings.ReplaceAll(key, ",", "-")
	}
	return filepath.Join(dir, name), nil
}

// buildAtomically runs build into a temporary file next to out and renames it
// to out, so a process running out at the same time keeps the file it
// started and one starting later gets a whole file. The temporary file starts
// as a hard link of the previous build: `go build -o` leaves a file that is
// up to date as it is (no link step), and a new build replaces the link, never
// the previous file's content. No temporary file is left behind.
func buildAtomically(out string, build func(tmp string) error) error {
	tmp := fmt.Sprintf("%s.tmp-%d-%d", out, os.Getpid(), rand.Int63())
	_ = os.Link(out, tmp) // fails when there is no previous build: then go builds from scratch
	if err := build(tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	err := os.Rename(tmp, out)
	// When tmp is still the previous build (up to date), it and out are one
	// file: rename does nothing and tmp is left to remove.
	_ = os.Remove(tmp)
	return err
}

// FreeBasePort finds a base port p such that p .. p+span-1 are free on
// 127.0.0.1 (a network of n nodes needs span 10*n) and reserves the range for
// the rest of the test, also against test processes running at the same time
// (go test runs packages in parallel): a range is only picked if its lock file
// under the temp dir could be created, and the file is removed when the test
// ends. Ranges lie below the kernel's ephemeral port range (32768 and up), so
// the outgoing connections of other processes cannot take a port of a stopped
// node that is about to restart.
func FreeBasePort(t testing.TB, span int) int {
	t.Helper()
	const lo, hi = 10000, 32000
	dir := filepath.Join(os.TempDir(), "xmtpd-testchain-ports")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(time.Now().UnixNano() + int64(os.Getpid())))
	for attempt := 0; attempt < 200; attempt++ {
		base := lo + 10*r.Intn((hi-lo-span)/10)
		if !reservePorts(dir, base, span) {
			continue
		}
		if portsFree(base, span) {
			t.Cleanup(func() { releasePorts(dir, base, span) })
			return base
		}
		releasePorts(dir, base, span)
	}
	t.Fatal("no free port range found")
	return 0
}

// reservePorts creates one lock file per block of 10 ports of the range; it
// fails, creating nothing, if another test holds any of them. A lock file
// left by a process that died is taken over.
func reservePorts(dir string, base, span int) bool {
	var made []string
	for p := base - base%10; p < base+span; p += 10 {
		path := filepath.Join(dir, strconv.Itoa(p))
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil && staleLock(path) {
			_ = os.Remove(path)
			f, err = os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		}
		if err != nil {
			for _, m := range made {
				_ = os.Remove(m)
			}
			return false
		}
		_, _ = fmt.Fprint(f, os.Getpid())
		_ = f.Close()
		made = append(made, path)
	}
	return true
}

func releasePorts(dir string, base, span int) {
	for p := base - base%10; p < base+span; p += 10 {
		_ = os.Remove(filepath.Join(dir, strconv.Itoa(p)))
	}
}

// staleLock reports whether the lock file names a process that no longer runs.
func staleLock(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return false // being written, or not ours: leave it
	}
	return syscall.Kill(pid, 0) == syscall.ESRCH
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
