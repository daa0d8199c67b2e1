// Package cosmovisor runs an xmtpd node under cosmovisor through a governance
// software upgrade: the release binary in cosmovisor/genesis/bin halts at the
// plan height, cosmovisor switches to cosmovisor/upgrades/<name>/bin and
// restarts the node, and the upgrade's migration runs.
package cosmovisor

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// Version is the cosmovisor release the test builds. It is the newest release
// the Go module proxy serves in full: `go install ...@latest` and v1.6.0 and
// later answer 403 for the module's cmd/cosmovisor path or its zip, while
// v1.5.0 resolves through a module that requires it (`go get` + `go build`).
const Version = "v1.5.0"

// Binary returns $XMTPD_COSMOVISOR, or a cosmovisor built from the module
// proxy once and cached under the user cache directory.
func Binary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("XMTPD_COSMOVISOR"); p != "" {
		return p
	}
	out := filepath.Join(testchain.CacheDir(), "cosmovisor-"+Version)
	if _, err := os.Stat(out); err == nil {
		return out
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module cosmovisorbuild\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, b)
		}
	}
	run("get", "cosmossdk.io/tools/cosmovisor@"+Version)
	run("build", "-o", out, "cosmossdk.io/tools/cosmovisor/cmd/cosmovisor")
	return out
}
