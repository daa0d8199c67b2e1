package app

import (
	"fmt"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/xmtp/xmtpd-chain/app/upgrades"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Upgrades lists every software upgrade this binary knows how to apply. A new
// release adds an entry to upgrades.All (see app/upgrades/README.md).
var Upgrades = upgrades.All()

func (app *XmtpApp) registerUpgradeHandlers() {
	keepers := upgrades.Keepers{
		NodeSelection: app.NodeSelectionKeeper,
		Rewards:       app.RewardsKeeper,
		Treasury:      app.TreasuryKeeper,
		StoreKeys: map[string]*storetypes.KVStoreKey{
			nstypes.ModuleName:       app.keys[nstypes.StoreKey],
			rewardstypes.ModuleName:  app.keys[rewardstypes.StoreKey],
			treasurytypes.ModuleName: app.keys[treasurytypes.StoreKey],
		},
		Canonical: NewCanonicalAddresses(),
	}
	for _, u := range Upgrades {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, u.CreateHandler(app.ModuleManager, app.configurator, keepers))
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		panic(fmt.Errorf("read upgrade info: %w", err))
	}
	if info.Name == "" || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return
	}
	for _, u := range Upgrades {
		if u.Name == info.Name {
			added := u.StoreUpgrades
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &storetypes.StoreUpgrades{
				Added: added.Added, Renamed: added.Renamed, Deleted: added.Deleted,
			}))
		}
	}
}
