package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module name; its module account is the bond escrow.
	ModuleName = "nodeselection"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
	// NFTClassID is the contrib x/nft class of the Node Operator NFT.
	NFTClassID = "xmtp-node-operator"
	// NFTIDPrefix prefixes the sequence number of every minted NFT (op-1, op-2, ...).
	NFTIDPrefix = "op-"
)

// Store prefixes, one per collection.
var (
	ParamsKey            = collections.NewPrefix(0)
	OperatorsKey         = collections.NewPrefix(1)
	OperatorsByNFTKey    = collections.NewPrefix(2)
	OperatorsByStatusKey = collections.NewPrefix(3)
	QueueKey             = collections.NewPrefix(4)
	QueueSeqKey          = collections.NewPrefix(5)
	NFTSeqKey            = collections.NewPrefix(6)
	UnbondingIDKey       = collections.NewPrefix(7)
	CycleStateKey        = collections.NewPrefix(8)
	CycleHistoryKey      = collections.NewPrefix(9)
	UnbondingsKey        = collections.NewPrefix(10)
	UnbondingsByOwnerKey = collections.NewPrefix(11)
	WaitingKey           = collections.NewPrefix(12)
	AttestationsKey      = collections.NewPrefix(13)
	PerformancesKey      = collections.NewPrefix(14)
	SettledCyclesKey     = collections.NewPrefix(15)
	ViolationsKey        = collections.NewPrefix(16)
	ViolationIDKey       = collections.NewPrefix(17)
	PenaltyEndsKey       = collections.NewPrefix(18)
	LastBlockHashKey     = collections.NewPrefix(19)
	OperatorsBySignerKey = collections.NewPrefix(20)
	ScheduleCacheKey     = collections.NewPrefix(21)
	ViolationsByIDKey    = collections.NewPrefix(22)
	AttestableCycleKey   = collections.NewPrefix(23)
	AttestMembersKey     = collections.NewPrefix(24)
)

// Store prefixes of the node registry (SPEC 14): indexes of Operators by node
// key, moniker and node id, and the announced key rotations.
var (
	OperatorsByNodeKeyKey = collections.NewPrefix(25)
	OperatorsByMonikerKey = collections.NewPrefix(26)
	OperatorsByNodeIDKey  = collections.NewPrefix(27)
	PendingNodeKeysKey    = collections.NewPrefix(28)
)

// Store prefixes of the votes (docs/protocol.md, votes); numbered from 40 so
// that other collections can be added below them.
var (
	VotesKey                 = collections.NewPrefix(40)
	VotesByVoterKey          = collections.NewPrefix(41)
	VoteTotalsKey            = collections.NewPrefix(42)
	VoteUnbondingsKey        = collections.NewPrefix(43)
	VoteUnbondingsByVoterKey = collections.NewPrefix(44)
	VoteUnbondingIDKey       = collections.NewPrefix(45)
	VoteReturnsKey           = collections.NewPrefix(46)
)

// Store prefixes of the penalties' derived indexes; numbered from 50, apart
// from the other groups' ranges.
var (
	// ViolationsByTimeKey indexes the violations by the time they were
	// recorded: (unix nanos, (owner, id)).
	ViolationsByTimeKey = collections.NewPrefix(50)
)
