package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// BondState is the bonds being paid back (unbonding.go).
type BondState struct {
	Unbondings  *collections.IndexedMap[UnbondingKey, types.UnbondingEntry, UnbondingIndexes]
	UnbondingID collections.Sequence
}

func newBondState(sb *collections.SchemaBuilder, cdc codec.Codec, decode func(string) ([]byte, error)) BondState {
	return BondState{
		Unbondings: collections.NewIndexedMap(sb, types.UnbondingsKey, "unbondings",
			collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key), codec.CollValue[types.UnbondingEntry](cdc),
			UnbondingIndexes{
				Owner: indexes.NewMulti(sb, types.UnbondingsByOwnerKey, "unbondings_by_owner", sdk.AccAddressKey,
					collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key),
					func(_ UnbondingKey, u types.UnbondingEntry) (sdk.AccAddress, error) {
						return decode(u.Owner)
					}),
			}),
		UnbondingID: collections.NewSequence(sb, types.UnbondingIDKey, "unbonding_id"),
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
