package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// DutyState is the duties: attestations, their index and settled performance.
// Its collections change only through the write methods below
// (duty_genesis.go at genesis).
type DutyState struct {
	// attestations holds the submissions for the cycle awaiting settlement: (cycle, attester).
	attestations collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Attestation]
	// attestable is the cycle that can be attested now (absent before the
	// first boundary) and attestMembers its members as (cycle, owner): an index
	// of the cycle record kept by the boundary, so an attestation reads a few
	// small keys instead of decoding the cycle state and the cycle's record
	// (docs/benchmarks.md, throughput).
	attestable    collections.Item[uint64]
	attestMembers collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// performances holds settled performance: (cycle, operator).
	performances collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Performance]
	// settledCycles holds one summary per settled cycle still retained.
	settledCycles collections.Map[uint64, types.SettledCycle]
	ac            address.Codec
}

func newDutyState(sb *collections.SchemaBuilder, cdc codec.Codec, ac address.Codec) DutyState {
	return DutyState{
		ac: ac,
		attestations: collections.NewMap(sb, types.AttestationsKey, "attestations",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Attestation](cdc)),
		attestable: collections.NewItem(sb, types.AttestableCycleKey, "attestable_cycle", collections.Uint64Value),
		attestMembers: collections.NewKeySet(sb, types.AttestMembersKey, "attest_members",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		performances: collections.NewMap(sb, types.PerformancesKey, "performances",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Performance](cdc)),
		settledCycles: collections.NewMap(sb, types.SettledCyclesKey, "settled_cycles", collections.Uint64Key, codec.CollValue[types.SettledCycle](cdc)),
	}
}

// DutyKey is (cycle, operator or attester).
type DutyKey = collections.Pair[uint64, sdk.AccAddress]

// Attestations reads the attestations of the cycle awaiting settlement.
func (s DutyState) Attestations() MapView[DutyKey, types.Attestation] {
	return MapView[DutyKey, types.Attestation]{s.attestations}
}

// AttestableCycle reads the cycle that can be attested now.
func (s DutyState) AttestableCycle() ItemView[uint64] { return ItemView[uint64]{s.attestable} }

// AttestMembers reads the members of the attestable cycle.
func (s DutyState) AttestMembers() KeySetView[DutyKey] { return KeySetView[DutyKey]{s.attestMembers} }

// Performances reads the settled performance records.
func (s DutyState) Performances() MapView[DutyKey, types.Performance] {
	return MapView[DutyKey, types.Performance]{s.performances}
}

// SettledCycles reads the settled-cycle summaries.
func (s DutyState) SettledCycles() MapView[uint64, types.SettledCycle] {
	return MapView[uint64, types.SettledCycle]{s.settledCycles}
}

// SetAttestation stores an attestation.
func (s DutyState) SetAttestation(ctx context.Context, key DutyKey, a types.Attestation) error {
	return s.attestations.Set(ctx, key, a)
}

// RemoveAttestation deletes an attestation.
func (s DutyState) RemoveAttestation(ctx context.Context, key DutyKey) error {
	return s.attestations.Remove(ctx, key)
}

// SetPerformance stores a settled performance record.
func (s DutyState) SetPerformance(ctx context.Context, key DutyKey, p types.Performance) error {
	return s.performances.Set(ctx, key, p)
}

// RemovePerformance deletes a settled performance record.
func (s DutyState) RemovePerformance(ctx context.Context, key DutyKey) error {
	return s.performances.Remove(ctx, key)
}

// SetSettledCycle stores a settled-cycle summary.
func (s DutyState) SetSettledCycle(ctx context.Context, cycle uint64, sc types.SettledCycle) error {
	return s.settledCycles.Set(ctx, cycle, sc)
}

// RemoveSettledCycle deletes a settled-cycle summary.
func (s DutyState) RemoveSettledCycle(ctx context.Context, cycle uint64) error {
	return s.settledCycles.Remove(ctx, cycle)
}

// SetAttestableCycle stores the cycle that can be attested now.
func (s DutyState) SetAttestableCycle(ctx context.Context, cycle uint64) error {
	return s.attestable.Set(ctx, cycle)
}

// AddAttestMember records a member of the attestable cycle.
func (s DutyState) AddAttestMember(ctx context.Context, key DutyKey) error {
	return s.attestMembers.Set(ctx, key)
}

// ClearAttestMembers removes the members recorded for cycle.
func (s DutyState) ClearAttestMembers(ctx context.Context, cycle uint64) error {
	return s.attestMembers.Clear(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](cycle))
}
