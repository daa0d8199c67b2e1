package cmd

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/operator/cli"
)

// operator/cli does not import the app; its prefixes must be the app's.
func TestOperatorCLIPrefixesAreTheApps(t *testing.T) {
	require.Equal(t, app.Bech32Prefix, cli.Bech32Prefix)
	require.Equal(t, app.Bech32PrefixAccPub, cli.Bech32PrefixAccPub)
	require.Equal(t, app.Bech32PrefixValAddr, cli.Bech32PrefixValAddr)
	require.Equal(t, app.Bech32PrefixValPub, cli.Bech32PrefixValPub)
	require.Equal(t, app.Bech32PrefixConsAddr, cli.Bech32PrefixConsAddr)
	require.Equal(t, app.Bech32PrefixConsPub, cli.Bech32PrefixConsPub)
}

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
