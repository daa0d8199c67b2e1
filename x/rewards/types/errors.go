package types

import "cosmossdk.io/errors"

// x/rewards errors; code 1 is reserved by the SDK.
var (
	ErrInvalidParams     = errors.Register(ModuleName, 2, "invalid params")
	ErrInvalidDenom      = errors.Register(ModuleName, 3, "invalid denom")
	ErrInvalidAmount     = errors.Register(ModuleName, 4, "invalid amount")
	ErrRecordNotFound    = errors.Register(ModuleName, 5, "record not found")
	ErrConservation      = errors.Register(ModuleName, 6, "conservation violated")
	ErrUnknownAlgorithm  = errors.Register(ModuleName, 7, "unknown algorithm version")
	ErrNothingToSimulate = errors.Register(ModuleName, 8, "nothing to simulate")
	ErrInvalidProposal   = errors.Register(ModuleName, 9, "invalid proposal")
	ErrInvariant         = errors.Register(ModuleName, 10, "invariant broken")
	ErrInvalidGenesis    = errors.Register(ModuleName, 11, "invalid genesis")
)

// ICS-20 pool funding errors (SPEC 10); codes from 40 up.
var (
	ErrFundingMemo     = errors.Register(ModuleName, 40, "invalid pool funding memo")
	ErrFundingChannel  = errors.Register(ModuleName, 41, "channel may not fund the reward pool")
	ErrFundingReceiver = errors.Register(ModuleName, 42, "invalid pool funding receiver")
)
