package types

import (
	"context"
	"time"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// AccountKeeper is what x/rewards needs from x/auth.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
	GetModuleAccount(ctx context.Context, name string) sdk.ModuleAccountI
}

// BankKeeper is what x/rewards needs from x/bank.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetDenomMetaData(ctx context.Context, denom string) (banktypes.Metadata, bool)
	SendCoinsFromAccountToModule(ctx context.Context, senderAddr sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipientAddr sdk.AccAddress, amt sdk.Coins) error
}

// NodeSelectionKeeper is what x/rewards needs from x/nodeselection.
type NodeSelectionKeeper interface {
	GetCycleRecord(ctx context.Context, cycle uint64) (nodeselectiontypes.CycleRecord, error)
	GetOperator(ctx context.Context, owner sdk.AccAddress) (nodeselectiontypes.Operator, error)
	GetParams(ctx context.Context) (nodeselectiontypes.Params, error)
	// SettledPerformance is the stored performance of owner in a settled cycle (false: none).
	SettledPerformance(ctx context.Context, cycle uint64, owner sdk.AccAddress) (nodeselectiontypes.Performance, bool, error)
	// OperatorViolations are owner's stored violations in recording order.
	OperatorViolations(ctx context.Context, owner sdk.AccAddress) ([]nodeselectiontypes.Violation, error)
	// ViolatorsBetween are the owners with a stored violation recorded in [from, to], each once.
	ViolatorsBetween(ctx context.Context, from, to time.Time) ([]sdk.AccAddress, error)
	// PendingAttestations is the cycle awaiting performance settlement and its attestations so far.
	PendingAttestations(ctx context.Context) (uint64, []nodeselectiontypes.Attestation, bool, error)
	// PerformanceSource: the settled performance that allocation uses.
	PerformanceSource
}

// TreasuryKeeper is what x/rewards needs from x/treasury.
type TreasuryKeeper interface {
	// HandleExcess moves the parts' total from fromModule into the treasury buckets.
	HandleExcess(ctx context.Context, fromModule string, cycle uint64, denom string, parts []treasurytypes.ExcessPart) error
	// DrawBackstop moves up to amount from the ECOSYSTEM bucket to toModule and returns what moved.
	DrawBackstop(ctx context.Context, toModule string, denom string, amount math.Int) (math.Int, error)
	// GetSpend returns a stored spend record.
	GetSpend(ctx context.Context, id uint64) (treasurytypes.Spend, error)
	// LastSpendID is the id of the last spend recorded (false: none yet).
	LastSpendID(ctx context.Context) (uint64, bool, error)
}

// GovKeeper reads proposals for SimulateProposal; the app passes an adapter.
type GovKeeper interface {
	GetProposal(ctx context.Context, id uint64) (govv1.Proposal, error)
}

// PerformanceSource gives the settled performance of a cycle's members: what
// x/nodeselection settled from the attestations
// (docs/protocol.md#attestation-and-settled-performance), or uptime 10000 and
// work 0, not attested, for a member without a settled record.
type PerformanceSource interface {
	// Performance returns uptime_bps and work_units of owner in cycle and
	// whether the cycle was attested.
	Performance(ctx context.Context, cycle uint64, owner string) (uptimeBps uint32, workUnits uint64, attested bool, err error)
}
