package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Keeper owns the x/nodeselection state, one group per concern (README,
// "Where things live"); each group's collections are built in its own file.
type Keeper struct {
	cdc          codec.Codec
	storeService store.KVStoreService
	ak           types.AccountKeeper
	bk           types.BankKeeper
	nk           rotationNFT
	authority    string
	tk           types.TreasuryKeeper
	// hooks is x/rewards (nil until SetHooks): the cycle transition hook and
	// the payout accounts.
	hooks types.Hooks

	Schema collections.Schema
	RegistryState
	RotationState
	BondState
	DutyState
	PenaltyState
	// VoteState holds the votes (docs/protocol.md, votes).
	VoteState VoteState
}

// NewKeeper builds the keeper; the escrow module account must be registered.
// tk receives slashed bond when slash_destination is TREASURY.
func NewKeeper(cdc codec.Codec, storeService store.KVStoreService, ak types.AccountKeeper, bk types.BankKeeper, nk types.NFTKeeper,
	tk types.TreasuryKeeper, authority string,
) *Keeper {
	if addr := ak.GetModuleAddress(types.ModuleName); addr == nil {
		panic(fmt.Sprintf("the %s module account has not been set", types.ModuleName))
	}
	if _, err := ak.AddressCodec().StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("invalid %s authority %q: %s", types.ModuleName, authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	decode := ak.AddressCodec().StringToBytes
	k := &Keeper{
		cdc: cdc, storeService: storeService, ak: ak, bk: bk, tk: tk, authority: authority,
		RegistryState: newRegistryState(sb, cdc, ak.AddressCodec()),
		RotationState: newRotationState(sb, cdc),
		BondState:     newBondState(sb, cdc, decode),
		DutyState:     newDutyState(sb, cdc, ak.AddressCodec()),
		PenaltyState:  newPenaltyState(sb, cdc, ak.AddressCodec()),
		VoteState:     newVoteState(sb, cdc, ak.AddressCodec()),
	}
	// every write to the rotation's inputs removes the stored schedule (schedule_inputs.go)
	drop := func(ctx context.Context) error { return k.DropSchedule(ctx) }
	k.RegistryState.dropScheduleOnWrite(drop)
	k.RotationState.dropScheduleOnWrite(drop)
	k.nk = rotationNFT{NFTKeeper: nk, drop: drop}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// SetHooks installs x/rewards: its cycle transition hook, its payout
// accounts, and its payout_period that bounds cycle_duration. It may be
// called once.
func (k *Keeper) SetHooks(h types.Hooks) {
	if k.hooks != nil {
		panic("cannot set nodeselection hooks twice")
	}
	k.hooks = h
}

// GetAuthority returns the module authority (gov account unless consensus params override it).
func (k *Keeper) GetAuthority() string { return k.authority }

// GetParams returns the module parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) { return k.Params().Get(ctx) }

// GetOperator returns the operator registered by owner; wraps collections.ErrNotFound when absent.
func (k *Keeper) GetOperator(ctx context.Context, owner sdk.AccAddress) (types.Operator, error) {
	return k.Operators().Get(ctx, owner)
}

// GetCycleRecord returns the record of an ended cycle.
func (k *Keeper) GetCycleRecord(ctx context.Context, cycle uint64) (types.CycleRecord, error) {
	return k.CycleHistory().Get(ctx, cycle)
}

// GetCycleState returns the current cycle and its announced sets.
func (k *Keeper) GetCycleState(ctx context.Context) (types.CycleState, error) {
	return k.CycleState().Get(ctx)
}

// addr decodes a bech32 account address.
func (k *Keeper) addr(s string) (sdk.AccAddress, error) {
	return k.ak.AddressCodec().StringToBytes(s)
}

// canonicalize rewrites each address in ptrs that decodes to the canonical
// string of its bytes (SPEC 2): the handlers store and compare that string,
// never the spelling a message carried, even for a message that reaches them
// without the ante handler's check. Empty and invalid strings are left for
// the handler's own errors.
// A string without upper-case letters is left as it is: bech32 decoding then
// re-encoding a valid lower-case string gives it back unchanged, so only a
// mixed- or upper-case spelling pays for the two conversions.
func (k *Keeper) canonicalize(ptrs ...*string) {
	for _, p := range ptrs {
		if !hasUpper(*p) {
			continue
		}
		if a, err := k.addr(*p); err == nil && *p != "" {
			*p = k.addrString(a)
		}
	}
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// addrString encodes an account address as bech32.
func (k *Keeper) addrString(a sdk.AccAddress) string {
	s, err := k.ak.AddressCodec().BytesToString(a)
	if err != nil {
		panic(err)
	}
	return s
}
