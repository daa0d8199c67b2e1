package config_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/config"
)

func TestLoadAndValidate(t *testing.T) {
	// ARRANGE
	dir := t.TempDir()
	file := filepath.Join(dir, "operator.toml")
	require.NoError(t, os.WriteFile(file, []byte(`
chain_id = "xmtp-1"
signer_key = "hot"
keyring_backend = "file"
probe_interval = "15s"
probe_timeout = "3s"
fee_granter = "xmtp1owner"
`), 0o644))

	// ACT
	c, err := config.Load(file)

	// ASSERT
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	require.Equal(t, 15*time.Second, c.ProbeInterval.Duration)
	require.Equal(t, "/health", c.HealthPath, "defaults stay for keys not in the file")

	bad := c
	bad.ProbeTimeout = config.Duration{Duration: time.Minute}
	require.ErrorContains(t, bad.Validate(), "probe_timeout")
	bad = c
	bad.KeyringBackend = "kwallet"
	require.ErrorContains(t, bad.Validate(), "keyring_backend")
	bad = c
	bad.WorkURL = "ftp://x"
	require.ErrorContains(t, bad.Validate(), "work_url")

	require.NoError(t, os.WriteFile(file, []byte("chain_idd = \"typo\"\n"), 0o644))
	_, err = config.Load(file)
	require.Error(t, err, "an unknown key is an error, not silently ignored")
}
