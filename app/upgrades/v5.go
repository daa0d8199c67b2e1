//go:build !preibc

package upgrades

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
)

func init() { release = append(release, V5) }

// V5Name is the plan name of the upgrade that brings the node registry.
const V5Name = "v5"

// V5 brings the XMTP node registry (SPEC 14, docs/protocol.md "Node
// registry"): it runs every module's migrations (x/nodeselection 3→4 builds
// the registry indexes), then sets require_node_key false, so that no
// operator loses its seat before it has added its node key; governance
// turns it on with MsgUpdateParams once the operators have keys.
var V5 = Upgrade{
	Name: V5Name,
	CreateHandler: func(mm *module.Manager, cfg module.Configurator, k Keepers) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			vm, err := mm.RunMigrations(ctx, cfg, fromVM)
			if err != nil {
				return nil, err
			}
			p, err := k.NodeSelection.Params.Get(ctx)
			if err != nil {
				return nil, fmt.Errorf("%s: read x/nodeselection params: %w", V5Name, err)
			}
			p.RequireNodeKey = false
			return vm, k.NodeSelection.Params.Set(ctx, p)
		}
	},
}
