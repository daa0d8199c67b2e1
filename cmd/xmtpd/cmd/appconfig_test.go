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
