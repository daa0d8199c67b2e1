package types

import (
	"context"
	"time"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// AccountKeeper is the subset of x/auth used by x/nodeselection.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, name string) sdk.ModuleAccountI
	// GetAccount is read to refuse a module account as payout address or signer.
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// BankKeeper is the subset of x/bank used to escrow and return bonds.
type BankKeeper interface {
	// BlockedAddr reports an address that may not receive plain transfers.
	BlockedAddr(addr sdk.AccAddress) bool
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
}

// RewardsKeeper is what x/nodeselection uses of x/rewards: the payout
// period that cycle_duration must not exceed, and the payout address kept in
// an operator's rewards account (it outlives the record while money is owed).
type RewardsKeeper interface {
	PayoutPeriod(ctx context.Context) (time.Duration, error)
	// PayoutOwed reports whether owner's rewards account holds a payable balance or arrears.
	PayoutOwed(ctx context.Context, owner sdk.AccAddress) (bool, error)
	// SetPayoutAddress makes payout the address of everything still payable to owner.
	SetPayoutAddress(ctx context.Context, owner sdk.AccAddress, payout string) error
}

// TreasuryKeeper is what x/nodeselection uses of x/treasury.
type TreasuryKeeper interface {
	// HandleExcess moves the parts' total from fromModule into the treasury buckets.
	HandleExcess(ctx context.Context, fromModule string, cycle uint64, denom string, parts []treasurytypes.ExcessPart) error
}

// NFTKeeper is the subset of the contrib x/nft keeper used for the Node Operator NFT.
type NFTKeeper interface {
	SaveClass(ctx context.Context, class nft.Class) error
	HasClass(ctx context.Context, classID string) bool
	Mint(ctx context.Context, token nft.NFT, receiver sdk.AccAddress) error
	Burn(ctx context.Context, classID, nftID string) error
	Transfer(ctx context.Context, classID, nftID string, receiver sdk.AccAddress) error
	GetOwner(ctx context.Context, classID, nftID string) sdk.AccAddress
	HasNFT(ctx context.Context, classID, id string) bool
	GetBalance(ctx context.Context, classID string, owner sdk.AccAddress) uint64
}
