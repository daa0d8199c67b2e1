package main

import (
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// xmtpd-operator must not link the chain: that is its reason to exist.
func TestDoesNotLinkTheApp(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	for _, pkg := range strings.Fields(string(out)) {
		require.NotEqual(t, "github.com/xmtp/xmtpd-chain/app", pkg)
		require.False(t, strings.HasPrefix(pkg, "github.com/xmtp/xmtpd-chain/x/") && !strings.HasSuffix(pkg, "/types"),
			"links module %s", pkg)
	}
}

// Command lines written for `xmtpd operator` (with --home, as the localnet
// script writes them) run unchanged.
func TestAcceptsXmtpdOperatorCommandLines(t *testing.T) {
	dir := t.TempDir()
	root := newRoot()
	root.SetArgs([]string{"gen-tls", dir, "--home", t.TempDir(), "--hosts", "127.0.0.1,localhost"})
	root.SetOut(io.Discard)
	require.NoError(t, root.Execute())
	require.FileExists(t, filepath.Join(dir, "ca.pem"))
	for _, sub := range []string{"start", "health-server", "gen-tls"} {
		c, _, err := root.Find([]string{sub})
		require.NoError(t, err)
		require.Equal(t, sub, c.Name())
	}
}
