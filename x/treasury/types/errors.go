package types

import "cosmossdk.io/errors"

// x/treasury errors; code 1 is reserved by the SDK.
var (
	ErrInvalidParams     = errors.Register(ModuleName, 2, "invalid params")
	ErrInvalidBucket     = errors.Register(ModuleName, 3, "invalid bucket")
	ErrInsufficientFunds = errors.Register(ModuleName, 4, "insufficient funds in bucket")
	ErrInvalidAmount     = errors.Register(ModuleName, 5, "invalid amount")
	ErrInvalidExcess     = errors.Register(ModuleName, 6, "invalid excess")
	ErrInvalidRecipient  = errors.Register(ModuleName, 7, "invalid recipient")
	ErrInvalidDenom      = errors.Register(ModuleName, 8, "invalid denom")
	ErrInvariantBroken   = errors.Register(ModuleName, 9, "treasury invariant broken")
	ErrInvalidGenesis    = errors.Register(ModuleName, 10, "invalid genesis")
)

// Burn auction errors (codes from 40).
var (
	ErrNoAuction    = errors.Register(ModuleName, 40, "no burn auction is open")
	ErrAuctionEnded = errors.Register(ModuleName, 41, "burn auction has ended")
	ErrBidTooLow    = errors.Register(ModuleName, 42, "bid too low")
	ErrEmptyLot     = errors.Register(ModuleName, 43, "burn auction lot is empty")
)
