// Package upgrades holds the software upgrades of xmtpd, one file each.
package upgrades

import (
	"context"

	gogoproto "github.com/cosmos/gogoproto/proto"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	treasurykeeper "github.com/xmtp/xmtpd-chain/x/treasury/keeper"
)

// Keepers are the keepers an upgrade handler may touch for data migrations
// that do not belong to one module's ConsensusVersion migrations.
type Keepers struct {
	NodeSelection *nskeeper.Keeper
	Rewards       *rewardskeeper.Keeper
	Treasury      *treasurykeeper.Keeper
	// StoreKeys are the KV store keys of the custom modules, by module name,
	// for data migrations that walk a module's whole store once.
	StoreKeys map[string]*storetypes.KVStoreKey
	// Canonical rewrites non-canonical addresses (app.CanonicalAddresses).
	Canonical Canonicalizer
}

// Canonicalizer rewrites the addresses of one stored value (app.CanonicalAddresses).
type Canonicalizer interface {
	// Canonicalize rewrites every non-canonical address of msg; it reports a change.
	Canonicalize(msg gogoproto.Message) (bool, error)
	// CanonicalString is the canonical spelling of s when s is an address of this chain.
	CanonicalString(s string) (string, bool)
}

// Upgrade is one named software upgrade: the name a MsgSoftwareUpgrade plan
// carries, the handler that runs at the upgrade height, and the stores it adds.
type Upgrade struct {
	Name          string
	CreateHandler func(mm *module.Manager, cfg module.Configurator, k Keepers) upgradetypes.UpgradeHandler
	StoreUpgrades storetypes.StoreUpgrades
}

// RunMigrations is the default handler: it runs every module's registered
// migrations from the versions stored on chain to the binary's versions.
func RunMigrations(mm *module.Manager, cfg module.Configurator, _ Keepers) upgradetypes.UpgradeHandler {
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

// buildTagged are upgrades compiled in only under a build tag (the system
// test's upgrade, see systemtest.go); empty in a release build.
var buildTagged []Upgrade

// release are the upgrades after V2 that add themselves from their own file
// (v3.go), so that a `-tags preibc` build (the release before IBC) lacks them.
var release []Upgrade

// All returns every upgrade this binary can apply, oldest first. A release adds
// its upgrade here (see README.md).
func All() []Upgrade {
	return append(append([]Upgrade{V2}, release...), buildTagged...)
}
