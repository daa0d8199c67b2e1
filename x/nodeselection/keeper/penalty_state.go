package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// PenaltyState is the penalties: violations and running penalty windows.
type PenaltyState struct {
	// Violations holds every violation: (owner, id).
	Violations  *collections.IndexedMap[ViolationKey, types.Violation, ViolationIndexes]
	ViolationID collections.Sequence
	// PenaltyEnds holds (window_end unix nanos, owner) of every running penalty window.
	PenaltyEnds collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
}

func newPenaltyState(sb *collections.SchemaBuilder, cdc codec.Codec) PenaltyState {
	return PenaltyState{
		Violations: collections.NewIndexedMap(sb, types.ViolationsKey, "violations",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Violation](cdc),
			ViolationIndexes{ID: indexes.NewUnique(sb, types.ViolationsByIDKey, "violations_by_id", collections.Uint64Key,
				collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key),
				func(_ ViolationKey, v types.Violation) (uint64, error) { return v.Id, nil })}),
		ViolationID: collections.NewSequence(sb, types.ViolationIDKey, "violation_id"),
		PenaltyEnds: collections.NewKeySet(sb, types.PenaltyEndsKey, "penalty_ends",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
	}
}

// ViolationKey is (owner, violation id).
type ViolationKey = collections.Pair[sdk.AccAddress, uint64]

// ViolationKeyOf is the key of violation id of owner.
func ViolationKeyOf(owner sdk.AccAddress, id uint64) ViolationKey { return collections.Join(owner, id) }

// ViolationIndexes index violations by id, i.e. in the order they were recorded.
type ViolationIndexes struct {
	// ID maps a violation id to its key; iterating it walks the oldest first.
	ID *indexes.Unique[uint64, ViolationKey, types.Violation]
}

// IndexesList implements collections.Indexes.
func (i ViolationIndexes) IndexesList() []collections.Index[ViolationKey, types.Violation] {
	return []collections.Index[ViolationKey, types.Violation]{i.ID}
}
