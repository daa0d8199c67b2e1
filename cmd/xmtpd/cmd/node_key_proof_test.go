package cmd_test

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/cmd/xmtpd/cmd"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func runNodeKeyProof(t *testing.T, args ...string) (map[string]string, error) {
	t.Helper()
	app.SetConfig()
	c := cmd.NodeKeyProofCmd()
	var out bytes.Buffer
	c.SetOut(&out)
	c.SetErr(&out)
	c.SetArgs(args)
	err := c.Execute()
	fields := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			fields[k] = v
		}
	}
	return fields, err
}

// The printed key and proof verify on chain for that owner, node id and
// chain; the key is read as hex with or without 0x, from a file or an env
// file as the XMTP node takes it; bad input names the flag.
func TestNodeKeyProofCommand(t *testing.T) {
	const owner = "xmtp1dacx2unpw3hhyttpv3j8yetnwvcrqvp3kdufxa"
	priv := strings.Repeat("2a", 32)
	base := []string{"--owner", owner, "--chain-id", "xmtp-test"}
	out, err := runNodeKeyProof(t, append(base, "--node-id", "700", "--key-hex", priv)...)
	require.NoError(t, err)
	key, err := hex.DecodeString(out["signing_public_key"])
	require.NoError(t, err)
	proof, err := hex.DecodeString(out["key_proof"])
	require.NoError(t, err)
	require.NoError(t, nstypes.VerifyNodeKeyProof("xmtp-test", owner, 700, key, proof))
	require.ErrorIs(t, nstypes.VerifyNodeKeyProof("xmtp-test", owner, 800, key, proof), nstypes.ErrInvalidKeyProof)

	dir := t.TempDir()
	plain, env := filepath.Join(dir, "key"), filepath.Join(dir, "signer.env")
	require.NoError(t, os.WriteFile(plain, []byte("0x"+priv+"\n"), 0o600))
	require.NoError(t, os.WriteFile(env, []byte("XMTPD_LOG_LEVEL=info\nXMTPD_SIGNER_PRIVATE_KEY=0x"+priv+"\n"), 0o600))
	for _, extra := range [][]string{{"--key-hex", "0x" + priv}, {"--key-file", plain}, {"--key-file", env}, {"--nft-id", "op-7", "--key-hex", priv}} {
		args := append(append([]string{}, base...), extra...)
		if extra[0] != "--nft-id" {
			args = append(args, "--node-id", "700")
		}
		again, err := runNodeKeyProof(t, args...)
		require.NoError(t, err, "%v", extra)
		require.Equal(t, out["signing_public_key"], again["signing_public_key"], "%v", extra)
		require.Equal(t, out["key_proof"], again["key_proof"], "%v", extra)
	}

	for want, args := range map[string][]string{
		"--node-id":  append(base, "--node-id", "750", "--key-hex", priv),
		"--key-hex":  append(base, "--node-id", "700", "--key-hex", priv[:62]),
		"--owner":    {"--owner", "cosmos1xyz", "--chain-id", "c", "--node-id", "700", "--key-hex", priv},
		"--chain-id": {"--owner", owner, "--node-id", "700", "--key-hex", priv},
		"not both":   append(base, "--node-id", "700", "--nft-id", "op-7", "--key-hex", priv),
	} {
		_, err := runNodeKeyProof(t, args...)
		require.ErrorContains(t, err, want)
	}
}
