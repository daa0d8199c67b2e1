//go:build systemtest && !preibc

package upgrades

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

func init() { buildTagged = append(buildTagged, SystemTest) }

// SystemTest is the upgrade of the multi-validator system test: what V3 does
// (the IBC stores are added, the module migrations run), then a data migration
// of the x/nodeselection parameters, the same shape as a release that changes
// a parameter as part of its upgrade. The network it upgrades runs the
// release before IBC (`-tags preibc`).
var SystemTest = Upgrade{
	Name:          SystemTestName,
	StoreUpgrades: V3.StoreUpgrades,
	CreateHandler: func(mm *module.Manager, cfg module.Configurator, k Keepers) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			vm, err := mm.RunMigrations(ctx, cfg, fromVM)
			if err != nil {
				return nil, err
			}
			return vm, migrateQueueScan(ctx, k)
		}
	},
}

// migrateQueueScan sets max_queue_scan to SystemTestMaxQueueScan.
func migrateQueueScan(ctx context.Context, k Keepers) error {
	p, err := k.NodeSelection.Params().Get(ctx)
	if err != nil {
		return fmt.Errorf("%s: read x/nodeselection params: %w", SystemTestName, err)
	}
	p.MaxQueueScan = SystemTestMaxQueueScan
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%s: %w", SystemTestName, err)
	}
	return k.NodeSelection.SetParams(ctx, p)
}
