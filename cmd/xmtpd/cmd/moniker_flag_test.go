package cmd

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
)

// The node's CometBFT moniker (config.toml) must not become an operator's
// --moniker: the SDK sets every flag not given from the config files.
func TestTxMonikerFlagIsNotTheNodeMoniker(t *testing.T) {
	// ARRANGE: a home whose config.toml says moniker = "mynode".
	home := t.TempDir()
	require.NoError(t, runXmtpd(t, "init", "mynode", "--home", home))
	owner := "xmtp1acwd078fap38jvar2gvjj8gttavtxe7wp56r04"
	moniker := func(args ...string) string {
		t.Helper()
		root := NewRootCmd()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetArgs(append([]string{"tx", "nodeselection", "update-operator", "--from", owner, "--home", home,
			"--generate-only", "--offline", "--account-number", "1", "--sequence", "0", "--chain-id", ""}, args...))
		require.NoError(t, svrcmd.Execute(root, "XMTPD", home))
		var tx struct {
			Body struct {
				Messages []struct {
					Moniker string `json:"moniker"`
				} `json:"messages"`
			} `json:"body"`
		}
		require.NoError(t, json.Unmarshal(out.Bytes(), &tx), out.String())
		require.Len(t, tx.Body.Messages, 1)
		return tx.Body.Messages[0].Moniker
	}

	// ACT / ASSERT: not given, the moniker stays empty (unchanged); given, it is sent.
	require.Equal(t, "", moniker("--endpoint", "https://a.example.org"))
	require.Equal(t, "alice-1", moniker("--moniker", "alice-1"))
}
