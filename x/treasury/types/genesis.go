package types

import "fmt"

// DefaultGenesisState returns default params and empty buckets and records.
func DefaultGenesisState() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks params, buckets and records for consistency.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	seen := map[Bucket]bool{}
	for _, b := range gs.Buckets {
		if err := ValidateBucket(b.Bucket); err != nil {
			return err
		}
		if seen[b.Bucket] {
			return ErrInvalidGenesis.Wrapf("bucket %s listed twice", b.Bucket)
		}
		seen[b.Bucket] = true
		if err := b.Coins.Validate(); err != nil {
			return ErrInvalidGenesis.Wrapf("bucket %s coins: %v", b.Bucket, err)
		}
	}
	if err := validateIDs("inflow", len(gs.Inflows), func(i int) uint64 { return gs.Inflows[i].Id }, gs.NextInflowId); err != nil {
		return err
	}
	return validateIDs("spend", len(gs.Spends), func(i int) uint64 { return gs.Spends[i].Id }, gs.NextSpendId)
}

func validateIDs(what string, n int, id func(int) uint64, next uint64) error {
	seen := map[uint64]bool{}
	for i := 0; i < n; i++ {
		if seen[id(i)] {
			return ErrInvalidGenesis.Wrapf("%s id %d listed twice", what, id(i))
		}
		seen[id(i)] = true
		if id(i) >= next {
			return ErrInvalidGenesis.Wrap(fmt.Sprintf("%s id %d must be < next_%s_id %d", what, id(i), what, next))
		}
	}
	return nil
}
