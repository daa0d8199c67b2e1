// Package upgrades holds the software upgrades of xmtpd, one file each.
package upgrades

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

// Upgrade is one named software upgrade: the name a MsgSoftwareUpgrade plan
// carries, the handler that runs at the upgrade height, and the stores it adds.
type Upgrade struct {
	Name          string
	CreateHandler func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler
	StoreUpgrades storetypes.StoreUpgrades
}

// RunMigrations is the default handler: it runs every module's registered
// migrations from the versions stored on chain to the binary's versions.
func RunMigrations(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler {
	return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
		return mm.RunMigrations(ctx, cfg, fromVM)
	}
}

// V2 is the first software upgrade after genesis. It runs module migrations and
// adds no store. It exists so that the upgrade path is exercised from day one.
var V2 = Upgrade{
	Name:          "v2",
	CreateHandler: RunMigrations,
}
