package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// reindexViolations sets every stored violation again: Set on the indexed
// map writes the index entries an older version lacked.
func (k *Keeper) reindexViolations(ctx sdk.Context) error {
	var keys []ViolationKey
	var all []types.Violation
	if err := k.Violations().Walk(ctx, nil, func(key ViolationKey, v types.Violation) (bool, error) {
		keys = append(keys, key)
		all = append(all, v)
		return false, nil
	}); err != nil {
		return err
	}
	for i, v := range all {
		if err := k.SetViolation(ctx, keys[i], v); err != nil {
			return err
		}
	}
	return nil
}

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
	p, err := k.Params().Get(ctx)
	if err != nil {
		return err
	}
	if p.MaxPrunePerBlock == 0 {
		p.MaxPrunePerBlock = types.DefaultMaxPrunePerBlock
	}
	if err := k.SetParams(ctx, p); err != nil {
		return err
	}
	return k.reindexViolations(ctx)
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
	p, err := k.Params().Get(ctx)
	if err != nil {
		return err
	}
	p.RequireNodeKey = false
	if err := k.SetParams(ctx, p); err != nil {
		return err
	}
	return k.rebuildNodeIndexes(ctx)
}

// Migrate4to5 builds the violations-by-time index (the audit's withholding
// check reads the violations of a time span through it) for the violations
// stored before: each is set again, which writes its index entries.
func (m Migrator) Migrate4to5(ctx sdk.Context) error {
	return m.keeper.reindexViolations(ctx)
}
