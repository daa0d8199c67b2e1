package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RotationState is the rotation: the queue, the cycle state and history, the
// last block hash (WEIGHTED draws) and the stored schedule. Its collections
// change only through the write methods below (rotation_genesis.go at
// genesis); every write of the queue or the cycle state removes the stored
// schedule (schedule_inputs.go).
type RotationState struct {
	queue        rotationMap[uint64, string]
	queueSeq     collections.Sequence
	cycleState   rotationItem[types.CycleState]
	cycleHistory collections.Map[uint64, types.CycleRecord]
	// lastHash is the hash of the previous block, i.e. the last block id
	// hash of the current block's header (the SDK leaves it out of the context).
	lastHash collections.Item[[]byte]
	// scheduleCache is the ROUND_ROBIN schedule of the next cycles, stored at
	// each boundary and by the EndBlocker of a block that removed it: every
	// write to its inputs removes it (schedule_inputs.go).
	scheduleCache collections.Item[types.QueryScheduleResponse]
}

func newRotationState(sb *collections.SchemaBuilder, cdc codec.Codec) RotationState {
	return RotationState{
		queue:         rotationMap[uint64, string]{Map: collections.NewMap(sb, types.QueueKey, "queue", collections.Uint64Key, collections.StringValue)},
		queueSeq:      collections.NewSequence(sb, types.QueueSeqKey, "queue_seq"),
		cycleState:    rotationItem[types.CycleState]{Item: collections.NewItem(sb, types.CycleStateKey, "cycle_state", codec.CollValue[types.CycleState](cdc))},
		cycleHistory:  collections.NewMap(sb, types.CycleHistoryKey, "cycle_history", collections.Uint64Key, codec.CollValue[types.CycleRecord](cdc)),
		lastHash:      collections.NewItem(sb, types.LastBlockHashKey, "last_block_hash", collections.BytesValue),
		scheduleCache: collections.NewItem(sb, types.ScheduleCacheKey, "schedule_cache", codec.CollValue[types.QueryScheduleResponse](cdc)),
	}
}

// dropScheduleOnWrite makes every write of the queue and the cycle state
// remove the stored schedule.
func (s *RotationState) dropScheduleOnWrite(drop dropFunc) {
	s.queue.drop, s.cycleState.drop = drop, drop
}

// Queue reads the queue: queue_seq → owner.
func (s RotationState) Queue() MapView[uint64, string] { return MapView[uint64, string]{s.queue.Map} }

// QueueSeq reads the queue sequence.
func (s RotationState) QueueSeq() SequenceView { return SequenceView{s.queueSeq} }

// CycleState reads the cycle state.
func (s RotationState) CycleState() ItemView[types.CycleState] {
	return ItemView[types.CycleState]{s.cycleState.Item}
}

// CycleHistory reads the records of ended cycles.
func (s RotationState) CycleHistory() MapView[uint64, types.CycleRecord] {
	return MapView[uint64, types.CycleRecord]{s.cycleHistory}
}

// LastBlockHash reads the hash of the previous block.
func (s RotationState) LastBlockHash() ItemView[[]byte] { return ItemView[[]byte]{s.lastHash} }

// ScheduleCache reads the stored schedule.
func (s RotationState) ScheduleCache() ItemView[types.QueryScheduleResponse] {
	return ItemView[types.QueryScheduleResponse]{s.scheduleCache}
}

// Enqueue puts owner in the queue at seq.
func (s RotationState) Enqueue(ctx context.Context, seq uint64, owner string) error {
	return s.queue.Set(ctx, seq, owner)
}

// Dequeue removes the queue entry seq.
func (s RotationState) Dequeue(ctx context.Context, seq uint64) error {
	return s.queue.Remove(ctx, seq)
}

// NextQueueSeq uses the next queue number.
func (s RotationState) NextQueueSeq(ctx context.Context) (uint64, error) { return s.queueSeq.Next(ctx) }

// SetCycleState stores the cycle state.
func (s RotationState) SetCycleState(ctx context.Context, st types.CycleState) error {
	return s.cycleState.Set(ctx, st)
}

// AppendCycleRecord stores the record of an ended cycle.
func (s RotationState) AppendCycleRecord(ctx context.Context, cycle uint64, r types.CycleRecord) error {
	return s.cycleHistory.Set(ctx, cycle, r)
}

// PruneCycleRecord deletes the record of an ended cycle.
func (s RotationState) PruneCycleRecord(ctx context.Context, cycle uint64) error {
	return s.cycleHistory.Remove(ctx, cycle)
}

// SetLastBlockHash stores the hash of the previous block.
func (s RotationState) SetLastBlockHash(ctx context.Context, h []byte) error {
	return s.lastHash.Set(ctx, h)
}

// StoreSchedule stores the schedule.
func (s RotationState) StoreSchedule(ctx context.Context, r types.QueryScheduleResponse) error {
	return s.scheduleCache.Set(ctx, r)
}

// DropSchedule removes the stored schedule (a no-op when absent).
func (s RotationState) DropSchedule(ctx context.Context) error { return s.scheduleCache.Remove(ctx) }
