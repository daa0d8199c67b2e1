package cmd

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// `xmtpd operator …` runs under the light root: gen-tls writes its files.
func TestOperatorRootRunsOperatorCommands(t *testing.T) {
	require.True(t, IsOperatorCommand([]string{"operator", "gen-tls", "x"}))
	require.False(t, IsOperatorCommand([]string{"start", "operator"}))
	dir := t.TempDir()
	root := NewOperatorRootCmd()
	root.SetArgs([]string{"operator", "gen-tls", dir, "--hosts", "127.0.0.1"})
	root.SetOut(io.Discard)
	require.NoError(t, root.Execute())
	for _, f := range []string{"ca.pem", "server.pem", "server-key.pem"} {
		require.FileExists(t, filepath.Join(dir, f))
	}
}
