package keeper

// Migrator holds the state migrations of x/rewards. ConsensusVersion is 1, so
// there is none yet; a Migrate1to2 method goes here with the next state change.
type Migrator struct{ k *Keeper }

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{k: k} }
