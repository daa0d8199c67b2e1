package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/xmtp/xmtpd-chain/dashboard"
)

// The app.toml a node writes by default has [dashboard] enable = false, and
// a generated dev-network home can turn it on; both read back through viper
// the way `xmtpd start` reads them.
func TestAppTomlDashboardSwitch(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  func() AppConfig
		want bool
	}{
		{"default", func() AppConfig {
			_, c := appConfigDefaults()
			return c.(AppConfig)
		}, false},
		{"dev network", func() AppConfig {
			_, c := appConfigDefaults()
			ac := c.(AppConfig)
			ac.Dashboard = dashboard.Config{Enable: true}
			return ac
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE / ACT: write app.toml with xmtpd's template.
			file := filepath.Join(t.TempDir(), "app.toml")
			serverconfig.SetConfigTemplate(AppConfigTemplate)
			serverconfig.WriteConfigFile(file, tc.cfg())
			// ASSERT
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			require.Contains(t, string(raw), "[dashboard]")
			v := viper.New()
			v.SetConfigFile(file)
			require.NoError(t, v.ReadInConfig())
			require.Equal(t, tc.want, dashboard.Enabled(v))
		})
	}
}

// `xmtpd init` writes xmtpd's iavl-cache-size into app.toml (sized for a
// registry of 100,000 operators, docs/protocol.md "Node configuration"), not
// the SDK's default, and `xmtpd start` reads it back through viper; the
// localnet's homes get the same value.
func TestInitWritesIAVLCacheSize(t *testing.T) {
	// ARRANGE
	sdkDefault := serverconfig.DefaultConfig().IAVLCacheSize
	require.NotEqual(t, sdkDefault, uint64(DefaultIAVLCacheSize), "xmtpd's default is the SDK's")
	home := t.TempDir()
	net := t.TempDir()

	// ACT
	require.NoError(t, runXmtpd(t, "init", "node0", "--home", home, "--chain-id", "xmtpd-test-1"))
	require.NoError(t, runXmtpd(t, "testnet", "localnet", "--home", net, "--operators", "1"))

	// ASSERT
	for _, file := range []string{
		filepath.Join(home, "config", "app.toml"),
		filepath.Join(net, "config", "app.toml"),
	} {
		v := viper.New()
		v.SetConfigFile(file)
		require.NoError(t, v.ReadInConfig(), file)
		require.Equal(t, DefaultIAVLCacheSize, v.GetInt("iavl-cache-size"), file)
	}
}
