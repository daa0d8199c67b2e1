package keeper

// Migrator runs the store migrations of x/treasury between consensus versions.
//
// ConsensusVersion is 1, so there is nothing to migrate yet. When the state
// layout changes: bump ConsensusVersion in module.go, add a MigrateNtoN+1
// method here and register it in AppModule.RegisterServices with
// cfg.RegisterMigration(types.ModuleName, N, m.MigrateNtoN+1).
type Migrator struct {
	k *Keeper
}

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{k: k} }
