package keeper

import (
	"context"
	"math"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// PenaltyState is the penalties: violations and running penalty windows. Its
// collections change only through the write methods below (penalty_genesis.go
// at genesis).
type PenaltyState struct {
	// violations holds every violation: (owner, id).
	violations  *collections.IndexedMap[ViolationKey, types.Violation, ViolationIndexes]
	violationID collections.Sequence
	// penaltyEnds holds (window_end unix nanos, owner) of every running penalty window.
	penaltyEnds collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
	ac          address.Codec
}

func newPenaltyState(sb *collections.SchemaBuilder, cdc codec.Codec, ac address.Codec) PenaltyState {
	return PenaltyState{
		ac: ac,
		violations: collections.NewIndexedMap(sb, types.ViolationsKey, "violations",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Violation](cdc),
			ViolationIndexes{ID: indexes.NewUnique(sb, types.ViolationsByIDKey, "violations_by_id", collections.Uint64Key,
				collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key),
				func(_ ViolationKey, v types.Violation) (uint64, error) { return v.Id, nil }),
				Time: indexes.NewMulti(sb, types.ViolationsByTimeKey, "violations_by_time", collections.Int64Key,
					collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key),
					func(_ ViolationKey, v types.Violation) (int64, error) { return ViolationTimeKey(v.Time), nil })}),
		violationID: collections.NewSequence(sb, types.ViolationIDKey, "violation_id"),
		penaltyEnds: collections.NewKeySet(sb, types.PenaltyEndsKey, "penalty_ends",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
	}
}

// ViolationKey is (owner, violation id).
type ViolationKey = collections.Pair[sdk.AccAddress, uint64]

// ViolationKeyOf is the key of violation id of owner.
func ViolationKeyOf(owner sdk.AccAddress, id uint64) ViolationKey { return collections.Join(owner, id) }

// ViolationIndexes index violations by id, i.e. in the order they were
// recorded, and by the time they were recorded. Both are derived state: the
// indexed map writes and deletes their entries with the violation
// (SetViolation, RemoveViolation, pruning), InitGenesis rebuilds them,
// migrations 1 -> 2 (ID) and 4 -> 5 (Time) built them for stored violations,
// and checkViolationIndexes is their invariant.
type ViolationIndexes struct {
	// ID maps a violation id to its key; iterating it walks the oldest first.
	ID *indexes.Unique[uint64, ViolationKey, types.Violation]
	// Time holds (recording time in unix nanos, key) of every violation: the
	// violations of a time span are one short range (the audit's withholding
	// check, docs/protocol.md).
	Time *indexes.Multi[int64, ViolationKey, types.Violation]
}

// IndexesList implements collections.Indexes.
func (i ViolationIndexes) IndexesList() []collections.Index[ViolationKey, types.Violation] {
	return []collections.Index[ViolationKey, types.Violation]{i.ID, i.Time}
}

// ViolationTimeKey is the key of a recording time in the Time index. Times
// outside the int64 nanosecond range (before 1678, after 2262) are clamped to
// its ends, so the key is always defined and ordered as the times are.
func ViolationTimeKey(t time.Time) int64 {
	switch {
	case t.Before(minKeyTime):
		return math.MinInt64
	case t.After(maxKeyTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var (
	minKeyTime = time.Unix(0, math.MinInt64)
	maxKeyTime = time.Unix(0, math.MaxInt64)
)

// PenaltyEndKey is (window_end unix nanos, owner) of a running penalty window.
type PenaltyEndKey = collections.Pair[int64, sdk.AccAddress]

// Violations reads the violations and their id index.
func (s PenaltyState) Violations() IndexedMapView[ViolationKey, types.Violation, ViolationIndexes] {
	return newIndexedMapView(s.violations)
}

// ViolationID reads the violation sequence.
func (s PenaltyState) ViolationID() SequenceView { return SequenceView{s.violationID} }

// PenaltyEnds reads the running penalty windows.
func (s PenaltyState) PenaltyEnds() KeySetView[PenaltyEndKey] {
	return KeySetView[PenaltyEndKey]{s.penaltyEnds}
}

// NextViolationID uses the next violation id.
func (s PenaltyState) NextViolationID(ctx context.Context) (uint64, error) {
	return s.violationID.Next(ctx)
}

// SetViolation stores a violation.
func (s PenaltyState) SetViolation(ctx context.Context, key ViolationKey, v types.Violation) error {
	return s.violations.Set(ctx, key, v)
}

// RemoveViolation deletes a violation.
func (s PenaltyState) RemoveViolation(ctx context.Context, key ViolationKey) error {
	return s.violations.Remove(ctx, key)
}

// AddPenaltyEnd records a running penalty window.
func (s PenaltyState) AddPenaltyEnd(ctx context.Context, key PenaltyEndKey) error {
	return s.penaltyEnds.Set(ctx, key)
}

// RemovePenaltyEnd removes a penalty window.
func (s PenaltyState) RemovePenaltyEnd(ctx context.Context, key PenaltyEndKey) error {
	return s.penaltyEnds.Remove(ctx, key)
}
