package keeper

import (
	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// DutyState is the duties: attestations, their index and settled performance.
type DutyState struct {
	// Attestations holds the submissions for the cycle awaiting settlement: (cycle, attester).
	Attestations collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Attestation]
	// AttestableCycle is the cycle that can be attested now (absent before the
	// first boundary) and AttestMembers its members as (cycle, owner): an index
	// of the cycle record kept by the boundary, so an attestation reads a few
	// small keys instead of decoding the cycle state and the cycle's record
	// (docs/benchmarks.md, throughput).
	AttestableCycle collections.Item[uint64]
	AttestMembers   collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// Performances holds settled performance: (cycle, operator).
	Performances collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Performance]
	// SettledCycles holds one summary per settled cycle still retained.
	SettledCycles collections.Map[uint64, types.SettledCycle]
}

func newDutyState(sb *collections.SchemaBuilder, cdc codec.Codec) DutyState {
	return DutyState{
		Attestations: collections.NewMap(sb, types.AttestationsKey, "attestations",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Attestation](cdc)),
		AttestableCycle: collections.NewItem(sb, types.AttestableCycleKey, "attestable_cycle", collections.Uint64Value),
		AttestMembers: collections.NewKeySet(sb, types.AttestMembersKey, "attest_members",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		Performances: collections.NewMap(sb, types.PerformancesKey, "performances",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Performance](cdc)),
		SettledCycles: collections.NewMap(sb, types.SettledCyclesKey, "settled_cycles", collections.Uint64Key, codec.CollValue[types.SettledCycle](cdc)),
	}
}
