package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// OperatorIndexes are the secondary indexes of the operator records.
type OperatorIndexes struct {
	// NFT maps an nft_id to the owner registered with it.
	NFT *indexes.Unique[string, sdk.AccAddress, types.Operator]
	// Status maps a status to the owners that have it.
	Status *indexes.Multi[int32, sdk.AccAddress, types.Operator]
	// Signer maps a signer key to the owners that use it (at most one is
	// allowed by the message handlers).
	Signer *indexes.Multi[string, sdk.AccAddress, types.Operator]
}

// IndexesList implements collections.Indexes: each index skips updates that
// leave its key unchanged (stable_index.go).
func (i OperatorIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Operator] {
	return []collections.Index[sdk.AccAddress, types.Operator]{
		stableIndex[string]{Index: i.NFT, refKey: operatorNFTKey},
		stableIndex[int32]{Index: i.Status, refKey: operatorStatusKey},
		stableIndex[string]{Index: i.Signer, refKey: operatorSignerKey},
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

// UnbondingKey orders unbonding entries by completion time (unix nanos), then id.
type UnbondingKey = collections.Pair[int64, uint64]

// UnbondingIndexes index unbonding entries by owner.
type UnbondingIndexes struct {
	// Owner maps an owner to its entries.
	Owner *indexes.Multi[sdk.AccAddress, UnbondingKey, types.UnbondingEntry]
}

// IndexesList implements collections.Indexes.
func (i UnbondingIndexes) IndexesList() []collections.Index[UnbondingKey, types.UnbondingEntry] {
	return []collections.Index[UnbondingKey, types.UnbondingEntry]{i.Owner}
}

// Keeper owns the x/nodeselection state: operators, queue, cycles and bonds.
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

	Schema       collections.Schema
	Params       rotationItem[types.Params]
	Operators    operatorMap
	Queue        rotationMap[uint64, string]
	QueueSeq     collections.Sequence
	NFTSeq       collections.Sequence
	UnbondingID  collections.Sequence
	CycleState   rotationItem[types.CycleState]
	CycleHistory collections.Map[uint64, types.CycleRecord]
	Unbondings   *collections.IndexedMap[UnbondingKey, types.UnbondingEntry, UnbondingIndexes]
	Waiting      collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
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
	// Violations holds every violation: (owner, id).
	Violations  *collections.IndexedMap[ViolationKey, types.Violation, ViolationIndexes]
	ViolationID collections.Sequence
	// PenaltyEnds holds (window_end unix nanos, owner) of every running penalty window.
	PenaltyEnds collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
	// LastBlockHash is the hash of the previous block, i.e. the last block id
	// hash of the current block's header (the SDK leaves it out of the context).
	LastBlockHash collections.Item[[]byte]
	// ScheduleCache is the ROUND_ROBIN schedule of the next cycles, stored at
	// each boundary and by the EndBlocker of a block that removed it: every
	// write to its inputs removes it (schedule_inputs.go).
	ScheduleCache collections.Item[types.QueryScheduleResponse]
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
	k := &Keeper{
		cdc: cdc, storeService: storeService, ak: ak, bk: bk, tk: tk, authority: authority,
		Params: rotationItem[types.Params]{Item: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc))},
		Operators: operatorMap{IndexedMap: collections.NewIndexedMap(sb, types.OperatorsKey, "operators", sdk.AccAddressKey, codec.CollValue[types.Operator](cdc),
			OperatorIndexes{
				NFT: indexes.NewUnique(sb, types.OperatorsByNFTKey, "operators_by_nft", collections.StringKey, sdk.AccAddressKey,
					operatorNFTKey),
				Status: indexes.NewMulti(sb, types.OperatorsByStatusKey, "operators_by_status", collections.Int32Key, sdk.AccAddressKey,
					operatorStatusKey),
				Signer: indexes.NewMulti(sb, types.OperatorsBySignerKey, "operators_by_signer", collections.StringKey, sdk.AccAddressKey,
					operatorSignerKey),
			})},
		Queue:        rotationMap[uint64, string]{Map: collections.NewMap(sb, types.QueueKey, "queue", collections.Uint64Key, collections.StringValue)},
		QueueSeq:     collections.NewSequence(sb, types.QueueSeqKey, "queue_seq"),
		NFTSeq:       collections.NewSequence(sb, types.NFTSeqKey, "nft_seq"),
		UnbondingID:  collections.NewSequence(sb, types.UnbondingIDKey, "unbonding_id"),
		CycleState:   rotationItem[types.CycleState]{Item: collections.NewItem(sb, types.CycleStateKey, "cycle_state", codec.CollValue[types.CycleState](cdc))},
		CycleHistory: collections.NewMap(sb, types.CycleHistoryKey, "cycle_history", collections.Uint64Key, codec.CollValue[types.CycleRecord](cdc)),
		Unbondings: collections.NewIndexedMap(sb, types.UnbondingsKey, "unbondings",
			collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key), codec.CollValue[types.UnbondingEntry](cdc),
			UnbondingIndexes{
				Owner: indexes.NewMulti(sb, types.UnbondingsByOwnerKey, "unbondings_by_owner", sdk.AccAddressKey,
					collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key),
					func(_ UnbondingKey, u types.UnbondingEntry) (sdk.AccAddress, error) {
						return ak.AddressCodec().StringToBytes(u.Owner)
					}),
			}),
		Waiting: collections.NewKeySet(sb, types.WaitingKey, "waiting",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
		Attestations: collections.NewMap(sb, types.AttestationsKey, "attestations",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Attestation](cdc)),
		AttestableCycle: collections.NewItem(sb, types.AttestableCycleKey, "attestable_cycle", collections.Uint64Value),
		AttestMembers: collections.NewKeySet(sb, types.AttestMembersKey, "attest_members",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey)),
		Performances: collections.NewMap(sb, types.PerformancesKey, "performances",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Performance](cdc)),
		SettledCycles: collections.NewMap(sb, types.SettledCyclesKey, "settled_cycles", collections.Uint64Key, codec.CollValue[types.SettledCycle](cdc)),
		Violations: collections.NewIndexedMap(sb, types.ViolationsKey, "violations",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), codec.CollValue[types.Violation](cdc),
			ViolationIndexes{ID: indexes.NewUnique(sb, types.ViolationsByIDKey, "violations_by_id", collections.Uint64Key,
				collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key),
				func(_ ViolationKey, v types.Violation) (uint64, error) { return v.Id, nil })}),
		ViolationID: collections.NewSequence(sb, types.ViolationIDKey, "violation_id"),
		PenaltyEnds: collections.NewKeySet(sb, types.PenaltyEndsKey, "penalty_ends",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
		LastBlockHash: collections.NewItem(sb, types.LastBlockHashKey, "last_block_hash", collections.BytesValue),
		ScheduleCache: collections.NewItem(sb, types.ScheduleCacheKey, "schedule_cache", codec.CollValue[types.QueryScheduleResponse](cdc)),
	}
	k.VoteState = newVoteState(sb, cdc, ak.AddressCodec().StringToBytes)
	drop := func(ctx context.Context) error { return k.ScheduleCache.Remove(ctx) }
	k.Params.drop, k.Operators.drop, k.Queue.drop, k.CycleState.drop = drop, drop, drop, drop
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
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) { return k.Params.Get(ctx) }

// GetOperator returns the operator registered by owner; wraps collections.ErrNotFound when absent.
func (k *Keeper) GetOperator(ctx context.Context, owner sdk.AccAddress) (types.Operator, error) {
	return k.Operators.Get(ctx, owner)
}

// GetCycleRecord returns the record of an ended cycle.
func (k *Keeper) GetCycleRecord(ctx context.Context, cycle uint64) (types.CycleRecord, error) {
	return k.CycleHistory.Get(ctx, cycle)
}

// GetCycleState returns the current cycle and its announced sets.
func (k *Keeper) GetCycleState(ctx context.Context) (types.CycleState, error) {
	return k.CycleState.Get(ctx)
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
func (k *Keeper) canonicalize(ptrs ...*string) {
	for _, p := range ptrs {
		if a, err := k.addr(*p); err == nil && *p != "" {
			*p = k.addrString(a)
		}
	}
}

// addrString encodes an account address as bech32.
func (k *Keeper) addrString(a sdk.AccAddress) string {
	s, err := k.ak.AddressCodec().BytesToString(a)
	if err != nil {
		panic(err)
	}
	return s
}
