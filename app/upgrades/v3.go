//go:build !preibc

package upgrades

import (
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
)

func init() { release = append(release, V3) }

// V3Name is the plan name of the upgrade that adds IBC.
const V3Name = "v3"

// V3 adds IBC (SPEC 10) to a running chain: the stores of core IBC, ICS-20
// transfer and rate limiting are added at the upgrade height, and
// RunMigrations runs every module's migrations; the new modules are absent
// from the stored version map, so their InitGenesis runs with their default
// genesis (IBC params, transfer params with send/receive enabled, no rate
// limits). It also runs the x/rewards and x/nodeselection ConsensusVersion
// migrations of this release.
var V3 = Upgrade{
	Name:          V3Name,
	CreateHandler: RunMigrations,
	StoreUpgrades: storetypes.StoreUpgrades{Added: IBCStores()},
}

// IBCStores are the stores V3 adds.
func IBCStores() []string {
	return []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey}
}
