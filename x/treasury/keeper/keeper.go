package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Keeper holds the treasury's buckets and records and moves its coins.
type Keeper struct {
	cdc              codec.Codec
	storeService     store.KVStoreService
	ak               types.AccountKeeper
	bk               types.BankKeeper
	feeCollectorName string
	authority        string

	Schema    collections.Schema
	Params    collections.Item[types.Params]
	Buckets   collections.Map[collections.Pair[int32, string], math.Int]
	Inflows   collections.Map[uint64, types.Inflow]
	Spends    collections.Map[uint64, types.Spend]
	InflowSeq collections.Sequence
	SpendSeq  collections.Sequence
	// AuctionState holds the burn auction (docs/protocol.md, burn auction).
	AuctionState AuctionState
}

// NewKeeper builds the keeper; the treasury module account must be registered (Burner).
func NewKeeper(cdc codec.Codec, storeService store.KVStoreService, ak types.AccountKeeper, bk types.BankKeeper, feeCollectorName string, authority string) *Keeper {
	if ak.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("%s module account has not been set", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := &Keeper{
		cdc:              cdc,
		storeService:     storeService,
		ak:               ak,
		bk:               bk,
		feeCollectorName: feeCollectorName,
		authority:        authority,
		Params:           collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Buckets: collections.NewMap(sb, types.BucketsKey, "buckets",
			collections.PairKeyCodec(collections.Int32Key, collections.StringKey), sdk.IntValue),
		Inflows:   collections.NewMap(sb, types.InflowsKey, "inflows", collections.Uint64Key, codec.CollValue[types.Inflow](cdc)),
		Spends:    collections.NewMap(sb, types.SpendsKey, "spends", collections.Uint64Key, codec.CollValue[types.Spend](cdc)),
		InflowSeq: collections.NewSequence(sb, types.InflowSeqKey, "inflow_seq"),
		SpendSeq:  collections.NewSequence(sb, types.SpendSeqKey, "spend_seq"),
	}
	k.AuctionState = newAuctionState(sb, cdc)
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the default authority (gov) of the module.
func (k *Keeper) GetAuthority() string { return k.authority }

// ModuleAddress returns the treasury module account address.
func (k *Keeper) ModuleAddress() sdk.AccAddress { return k.ak.GetModuleAddress(types.ModuleName) }
