package dashboard

import (
	"github.com/spf13/cast"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
)

// Config is the [dashboard] section of app.toml.
type Config struct {
	// Enable mounts the dashboard at /dashboard/ on the API server.
	Enable bool `mapstructure:"enable"`
}

// DefaultConfig is off: a node serves the dashboard only when asked to.
func DefaultConfig() Config { return Config{Enable: false} }

// ConfigTemplate is the app.toml section, appended to the SDK's template.
const ConfigTemplate = `
###############################################################################
###                            Dashboard                                    ###
###############################################################################

[dashboard]

# Enable serves the xmtpd dashboard at /dashboard/ on the API server ([api]
# must be enabled too). The pages read only this node's public REST API.
enable = {{ .Dashboard.Enable }}
`

// Enabled reads [dashboard] enable from the node's options.
func Enabled(appOpts servertypes.AppOptions) bool {
	return cast.ToBool(appOpts.Get("dashboard.enable"))
}
