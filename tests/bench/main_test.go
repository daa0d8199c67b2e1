package bench

import (
	"os"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// TestMain pins the SDK config scope as cmd/xmtpd does before anything reads
// the config: without it SDK v0.54 recomputes its config key (os.Executable,
// os.Hostname) on every address encode or decode, a cost a node never pays,
// which weighed on the kinds that handle more addresses (an attestation of 10
// observations spent a fifth of its time there).
func TestMain(m *testing.M) {
	if os.Getenv(sdk.EnvConfigScope) == "" {
		_ = os.Setenv(sdk.EnvConfigScope, "xmtpd")
	}
	code := m.Run()
	for _, dir := range tempDirs {
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}
