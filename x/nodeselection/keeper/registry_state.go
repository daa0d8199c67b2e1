package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RegistryState is the registry: the params, the operator records and their
// indexes, the NFT sequence and the waiting periods. Its collections change
// only through the write methods below (registry_genesis.go at genesis);
// every write of the params or an operator record removes the stored
// schedule (schedule_inputs.go).
type RegistryState struct {
	moduleParams rotationItem[types.Params]
	operators    operatorMap
	nftSeq       collections.Sequence
	waiting      collections.KeySet[WaitingKey]
	ac           address.Codec
}

// WaitingKey is (eligible_at unix nanos, owner) of a WAITING operator.
type WaitingKey = collections.Pair[int64, sdk.AccAddress]

func newRegistryState(sb *collections.SchemaBuilder, cdc codec.Codec, ac address.Codec) RegistryState {
	params := collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc))
	return RegistryState{
		ac:           ac,
		moduleParams: rotationItem[types.Params]{Item: params},
		operators: operatorMap{IndexedMap: collections.NewIndexedMap(sb, types.OperatorsKey, "operators", sdk.AccAddressKey, codec.CollValue[types.Operator](cdc),
			OperatorIndexes{
				NFT: indexes.NewUnique(sb, types.OperatorsByNFTKey, "operators_by_nft", collections.StringKey, sdk.AccAddressKey,
					operatorNFTKey),
				Status: indexes.NewMulti(sb, types.OperatorsByStatusKey, "operators_by_status", collections.Int32Key, sdk.AccAddressKey,
					operatorStatusKey),
				Signer: indexes.NewMulti(sb, types.OperatorsBySignerKey, "operators_by_signer", collections.StringKey, sdk.AccAddressKey,
					operatorSignerKey),
				Node:     newNodeIndexes(sb),
				schedule: &scheduleGuard{paramsItem: params},
			})},
		nftSeq: collections.NewSequence(sb, types.NFTSeqKey, "nft_seq"),
		waiting: collections.NewKeySet(sb, types.WaitingKey, "waiting",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
	}
}

// OperatorIndexes are the secondary indexes of the operator records.
type OperatorIndexes struct {
	// NFT maps an nft_id to the owner registered with it.
	NFT *indexes.Unique[string, sdk.AccAddress, types.Operator]
	// Status maps a status to the owners that have it.
	Status *indexes.Multi[int32, sdk.AccAddress, types.Operator]
	// Signer maps a signer key to the owners that use it (at most one is
	// allowed by the message handlers).
	Signer *indexes.Multi[string, sdk.AccAddress, types.Operator]
	// Node are the node registry's indexes (registry_keys.go).
	Node NodeIndexes
	// schedule removes the stored schedule when a write changes what the
	// rotation reads of a record (schedule_inputs.go).
	schedule *scheduleGuard
}

// IndexesList implements collections.Indexes: one index that updates all of
// them from a single read of the previous record (collections gives each
// index its own lazy read, so a write read and decoded the record once per
// index), each skipping updates that leave its key unchanged
// (stable_index.go), then removes the stored schedule when the write changed
// one of its inputs.
func (i OperatorIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Operator] {
	return []collections.Index[sdk.AccAddress, types.Operator]{operatorWrite{
		indexes: []collections.Index[sdk.AccAddress, types.Operator]{
			stableIndex[string]{Index: i.NFT, refKey: operatorNFTKey},
			stableIndex[int32]{Index: i.Status, refKey: operatorStatusKey},
			stableIndex[string]{Index: i.Signer, refKey: operatorSignerKey},
			i.Node.NodeKey, i.Node.Moniker, i.Node.NodeID, i.Node.Pending,
		},
		schedule: i.schedule,
	}}
}

// operatorWrite is the whole index work of one write of an operator record.
type operatorWrite struct {
	indexes  []collections.Index[sdk.AccAddress, types.Operator]
	schedule *scheduleGuard
}

// Reference implements collections.Index.
func (w operatorWrite) Reference(ctx context.Context, pk sdk.AccAddress, v types.Operator, lazyOld func() (types.Operator, error)) error {
	old, err := lazyOld()
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	shared := func() (types.Operator, error) { return old, err }
	for _, idx := range w.indexes {
		if err := idx.Reference(ctx, pk, v, shared); err != nil {
			return err
		}
	}
	return w.schedule.written(ctx, old, err == nil, v)
}

// Unreference implements collections.Index.
func (w operatorWrite) Unreference(ctx context.Context, pk sdk.AccAddress, lazyOld func() (types.Operator, error)) error {
	old, err := lazyOld()
	shared := func() (types.Operator, error) { return old, err }
	for _, idx := range w.indexes {
		if err := idx.Unreference(ctx, pk, shared); err != nil {
			return err
		}
	}
	return w.schedule.drop(ctx)
}

// dropScheduleOnWrite makes every write of the params remove the stored
// schedule, and every write of an operator record that changes an input of
// the rotation (scheduleGuard).
func (s *RegistryState) dropScheduleOnWrite(drop dropFunc) {
	s.moduleParams.drop = drop
	s.operators.Indexes.schedule.drop = drop
}

// Params reads the module parameters.
func (s RegistryState) Params() ItemView[types.Params] {
	return ItemView[types.Params]{s.moduleParams.Item}
}

// Operators reads the operator records and their indexes.
func (s RegistryState) Operators() IndexedMapView[sdk.AccAddress, types.Operator, OperatorIndexes] {
	return newIndexedMapView(s.operators.IndexedMap)
}

// NFTSeq reads the operator NFT sequence.
func (s RegistryState) NFTSeq() SequenceView { return SequenceView{s.nftSeq} }

// Waiting reads the waiting periods.
func (s RegistryState) Waiting() KeySetView[WaitingKey] { return KeySetView[WaitingKey]{s.waiting} }

// SetParams stores the module parameters.
func (s RegistryState) SetParams(ctx context.Context, p types.Params) error {
	return s.moduleParams.Set(ctx, p)
}

// SetOperator stores an operator record (and its indexes).
func (s RegistryState) SetOperator(ctx context.Context, owner sdk.AccAddress, op types.Operator) error {
	return s.operators.Set(ctx, owner, op)
}

// RemoveOperator deletes an operator record (and its indexes).
func (s RegistryState) RemoveOperator(ctx context.Context, owner sdk.AccAddress) error {
	return s.operators.Remove(ctx, owner)
}

// NextNFTSeq uses the next operator NFT number.
func (s RegistryState) NextNFTSeq(ctx context.Context) (uint64, error) { return s.nftSeq.Next(ctx) }

// AddWaiting records the waiting period of an operator.
func (s RegistryState) AddWaiting(ctx context.Context, key WaitingKey) error {
	return s.waiting.Set(ctx, key)
}

// RemoveWaiting removes the waiting period of an operator.
func (s RegistryState) RemoveWaiting(ctx context.Context, key WaitingKey) error {
	return s.waiting.Remove(ctx, key)
}
