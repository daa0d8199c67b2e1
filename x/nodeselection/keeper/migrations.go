package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Migrator holds the in-place store migrations of x/nodeselection, one method
// per version step (Migrate1to2, ...), registered in module.go.
type Migrator struct {
	keeper *Keeper
}

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{keeper: k} }

// Migrate1to2 fills the new max_prune_per_block param with its default and
// builds the violations-by-id index (the order pruning walks) for the
// violations recorded before the upgrade. Operator records need nothing:
// pending_signer starts empty.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	k := m.keeper
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if p.MaxPrunePerBlock == 0 {
		p.MaxPrunePerBlock = types.DefaultMaxPrunePerBlock
	}
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	var all []types.Violation
	if err := k.Violations.Walk(ctx, nil, func(_ ViolationKey, v types.Violation) (bool, error) {
		all = append(all, v)
		return false, nil
	}); err != nil {
		return err
	}
	for _, v := range all {
		owner, err := k.addr(v.Owner)
		if err != nil {
			return err
		}
		// Set on the indexed map writes the index entry the old version lacked.
		if err := k.Violations.Set(ctx, ViolationKeyOf(owner, v.Id), v); err != nil {
			return err
		}
	}
	return nil
}

// Migrate2to3 builds the attestation index (the attestable cycle and its
// members, attest_index.go) from the cycle state and the cycle record.
func (m Migrator) Migrate2to3(ctx sdk.Context) error {
	return m.keeper.rebuildAttestIndex(ctx)
}

// Migrate3to4 brings the node registry (SPEC 14): it builds the indexes by
// node id, node key, moniker and pending rotation for the operators stored
// before (none has a key or moniker yet) and sets require_node_key false, so
// that no seat is lost before operators have added their keys and
// governance turns it on.
func (m Migrator) Migrate3to4(ctx sdk.Context) error {
	k := m.keeper
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	p.RequireNodeKey = false
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	return k.rebuildNodeIndexes(ctx)
}
