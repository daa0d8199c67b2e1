package keeper

// Migrator holds the in-place store migrations of x/nodeselection, one method
// per version step (Migrate1to2, ...), registered in module.go.
type Migrator struct {
	keeper *Keeper
}

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{keeper: k} }
