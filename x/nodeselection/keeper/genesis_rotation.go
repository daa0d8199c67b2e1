package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importGenesis loads the queue (from the operators' queue_seq), the queue
// sequence, the cycle history, the cycle state (absent on a fresh chain: see
// startFirstCycle) and the last block hash. The stored schedule is loaded
// last, by importSchedule.
func (s RotationState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, op := range gs.Operators {
		if op.QueueSeq != 0 {
			if err := s.Enqueue(ctx, op.QueueSeq, op.Owner); err != nil {
				return err
			}
		}
	}
	if err := s.queueSeq.Set(ctx, max(gs.NextQueueSeq, 1)); err != nil {
		return err
	}
	for _, r := range gs.CycleHistory {
		if err := s.AppendCycleRecord(ctx, r.Cycle, r); err != nil {
			return err
		}
	}
	if gs.CycleState != nil {
		if err := s.SetCycleState(ctx, *gs.CycleState); err != nil {
			return err
		}
	}
	if gs.LastBlockHash != nil {
		return s.SetLastBlockHash(ctx, gs.LastBlockHash)
	}
	return nil
}

// importSchedule stores the exported schedule; it runs after every other
// write of genesis, each of which removed it.
func (s RotationState) importSchedule(ctx context.Context, gs *types.GenesisState) error {
	if gs.ScheduleCache != nil {
		return s.StoreSchedule(ctx, *gs.ScheduleCache)
	}
	return nil
}

// exportGenesis writes the cycle state and history, the queue sequence, the
// last block hash and the stored schedule into gs (the queue is derived from
// the operator records).
func (s RotationState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	state, err := s.cycleState.Get(ctx)
	if err != nil {
		return err
	}
	gs.CycleState = &state
	if err := s.cycleHistory.Walk(ctx, nil, func(_ uint64, r types.CycleRecord) (bool, error) {
		gs.CycleHistory = append(gs.CycleHistory, r)
		return false, nil
	}); err != nil {
		return err
	}
	if gs.NextQueueSeq, err = s.queueSeq.Peek(ctx); err != nil {
		return err
	}
	switch h, err := s.lastHash.Get(ctx); {
	case err == nil:
		gs.LastBlockHash = h
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	switch cached, err := s.scheduleCache.Get(ctx); {
	case err == nil:
		gs.ScheduleCache = &cached
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	return nil
}
