package types

import "cosmossdk.io/errors"

// x/nodeselection errors; codes start at 2 (1 is the SDK's).
var (
	ErrInvalidParams       = errors.Register(ModuleName, 2, "invalid params")
	ErrInvalidAddress      = errors.Register(ModuleName, 3, "invalid address")
	ErrNFTNotFound         = errors.Register(ModuleName, 4, "operator NFT not found")
	ErrNotNFTHolder        = errors.Register(ModuleName, 5, "sender does not hold the operator NFT")
	ErrAlreadyRegistered   = errors.Register(ModuleName, 6, "operator already registered")
	ErrNotRegistered       = errors.Register(ModuleName, 7, "operator not registered")
	ErrStakeBelowMin       = errors.Register(ModuleName, 8, "stake below min_stake")
	ErrInvalidDenom        = errors.Register(ModuleName, 9, "invalid denom")
	ErrInvalidAmount       = errors.Register(ModuleName, 10, "invalid amount")
	ErrInvalidEndpoint     = errors.Register(ModuleName, 11, "invalid endpoint")
	ErrInvalidRegion       = errors.Register(ModuleName, 12, "invalid region")
	ErrOperatorLeaving     = errors.Register(ModuleName, 13, "operator is leaving")
	ErrHolderRegistered    = errors.Register(ModuleName, 14, "NFT holder is registered")
	ErrAlreadyHoldsNFT     = errors.Register(ModuleName, 15, "recipient already holds an operator NFT")
	ErrNothingToUpdate     = errors.Register(ModuleName, 16, "nothing to update")
	ErrInvalidScheduleSpan = errors.Register(ModuleName, 17, "invalid schedule span")
	ErrInvalidGenesis      = errors.Register(ModuleName, 18, "invalid genesis")
	ErrInvariantBroken     = errors.Register(ModuleName, 19, "invariant broken")
)
