package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// BondState is the bonds being paid back (unbonding.go). Its collections
// change only through the write methods below (bond_genesis.go at genesis).
type BondState struct {
	unbondings  *collections.IndexedMap[UnbondingKey, types.UnbondingEntry, UnbondingIndexes]
	unbondingID collections.Sequence
}

func newBondState(sb *collections.SchemaBuilder, cdc codec.Codec, decode func(string) ([]byte, error)) BondState {
	return BondState{
		unbondings: collections.NewIndexedMap(sb, types.UnbondingsKey, "unbondings",
			collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key), codec.CollValue[types.UnbondingEntry](cdc),
			UnbondingIndexes{
				Owner: indexes.NewMulti(sb, types.UnbondingsByOwnerKey, "unbondings_by_owner", sdk.AccAddressKey,
					collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key),
					func(_ UnbondingKey, u types.UnbondingEntry) (sdk.AccAddress, error) {
						return decode(u.Owner)
					}),
			}),
		unbondingID: collections.NewSequence(sb, types.UnbondingIDKey, "unbonding_id"),
	}
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

// Unbondings reads the bonds being paid back and their owner index.
func (s BondState) Unbondings() IndexedMapView[UnbondingKey, types.UnbondingEntry, UnbondingIndexes] {
	return newIndexedMapView(s.unbondings)
}

// UnbondingID reads the unbonding sequence.
func (s BondState) UnbondingID() SequenceView { return SequenceView{s.unbondingID} }

// NextUnbondingID uses the next unbonding id.
func (s BondState) NextUnbondingID(ctx context.Context) (uint64, error) {
	return s.unbondingID.Next(ctx)
}

// SetUnbonding stores an unbonding entry.
func (s BondState) SetUnbonding(ctx context.Context, key UnbondingKey, u types.UnbondingEntry) error {
	return s.unbondings.Set(ctx, key, u)
}

// RemoveUnbonding deletes an unbonding entry.
func (s BondState) RemoveUnbonding(ctx context.Context, key UnbondingKey) error {
	return s.unbondings.Remove(ctx, key)
}
