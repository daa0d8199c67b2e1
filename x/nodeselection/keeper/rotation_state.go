package keeper

import (
	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RotationState is the rotation: the queue, the cycle state and history, the
// last block hash (WEIGHTED draws) and the stored schedule.
type RotationState struct {
	Queue        rotationMap[uint64, string]
	QueueSeq     collections.Sequence
	CycleState   rotationItem[types.CycleState]
	CycleHistory collections.Map[uint64, types.CycleRecord]
	// LastBlockHash is the hash of the previous block, i.e. the last block id
	// hash of the current block's header (the SDK leaves it out of the context).
	LastBlockHash collections.Item[[]byte]
	// ScheduleCache is the ROUND_ROBIN schedule of the next cycles, stored at
	// each boundary and by the EndBlocker of a block that removed it: every
	// write to its inputs removes it (schedule_inputs.go).
	ScheduleCache collections.Item[types.QueryScheduleResponse]
}

func newRotationState(sb *collections.SchemaBuilder, cdc codec.Codec) RotationState {
	return RotationState{
		Queue:         rotationMap[uint64, string]{Map: collections.NewMap(sb, types.QueueKey, "queue", collections.Uint64Key, collections.StringValue)},
		QueueSeq:      collections.NewSequence(sb, types.QueueSeqKey, "queue_seq"),
		CycleState:    rotationItem[types.CycleState]{Item: collections.NewItem(sb, types.CycleStateKey, "cycle_state", codec.CollValue[types.CycleState](cdc))},
		CycleHistory:  collections.NewMap(sb, types.CycleHistoryKey, "cycle_history", collections.Uint64Key, codec.CollValue[types.CycleRecord](cdc)),
		LastBlockHash: collections.NewItem(sb, types.LastBlockHashKey, "last_block_hash", collections.BytesValue),
		ScheduleCache: collections.NewItem(sb, types.ScheduleCacheKey, "schedule_cache", codec.CollValue[types.QueryScheduleResponse](cdc)),
	}
}
