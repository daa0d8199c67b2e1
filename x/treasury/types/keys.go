package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module name and the module account name (needs Burner).
	ModuleName = "treasury"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes, one per piece of state.
var (
	ParamsKey    = collections.NewPrefix(0)
	BucketsKey   = collections.NewPrefix(1)
	InflowsKey   = collections.NewPrefix(2)
	SpendsKey    = collections.NewPrefix(3)
	InflowSeqKey = collections.NewPrefix(4)
	SpendSeqKey  = collections.NewPrefix(5)
)

// Collection prefixes of the burn auction (docs/protocol.md, burn auction);
// numbered from 40 so that other collections can be added below them.
var (
	AuctionKey        = collections.NewPrefix(40)
	AuctionRecordsKey = collections.NewPrefix(41)
	AuctionSeqKey     = collections.NewPrefix(42)
)
