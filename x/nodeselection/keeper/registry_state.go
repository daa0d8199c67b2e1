package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RegistryState is the registry: the params, the operator records and their
// indexes, the NFT sequence and the waiting periods.
type RegistryState struct {
	Params    rotationItem[types.Params]
	Operators operatorMap
	NFTSeq    collections.Sequence
	Waiting   collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
}

func newRegistryState(sb *collections.SchemaBuilder, cdc codec.Codec) RegistryState {
	return RegistryState{
		Params: rotationItem[types.Params]{Item: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc))},
		Operators: operatorMap{IndexedMap: collections.NewIndexedMap(sb, types.OperatorsKey, "operators", sdk.AccAddressKey, codec.CollValue[types.Operator](cdc),
			OperatorIndexes{
				NFT: indexes.NewUnique(sb, types.OperatorsByNFTKey, "operators_by_nft", collections.StringKey, sdk.AccAddressKey,
					operatorNFTKey),
				Status: indexes.NewMulti(sb, types.OperatorsByStatusKey, "operators_by_status", collections.Int32Key, sdk.AccAddressKey,
					operatorStatusKey),
				Signer: indexes.NewMulti(sb, types.OperatorsBySignerKey, "operators_by_signer", collections.StringKey, sdk.AccAddressKey,
					operatorSignerKey),
				Node: newNodeIndexes(sb),
			})},
		NFTSeq: collections.NewSequence(sb, types.NFTSeqKey, "nft_seq"),
		Waiting: collections.NewKeySet(sb, types.WaitingKey, "waiting",
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
}

// IndexesList implements collections.Indexes: each index skips updates that
// leave its key unchanged (stable_index.go).
func (i OperatorIndexes) IndexesList() []collections.Index[sdk.AccAddress, types.Operator] {
	return []collections.Index[sdk.AccAddress, types.Operator]{
		stableIndex[string]{Index: i.NFT, refKey: operatorNFTKey},
		stableIndex[int32]{Index: i.Status, refKey: operatorStatusKey},
		stableIndex[string]{Index: i.Signer, refKey: operatorSignerKey},
		i.Node.NodeKey, i.Node.Moniker, i.Node.NodeID, i.Node.Pending,
	}
}
