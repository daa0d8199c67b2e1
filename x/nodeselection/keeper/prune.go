package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// pruneRecords deletes what is older than record_retention, oldest first:
// settled performance records, cycle history and violations outside a
// running penalty window, each kind at most max_prune_per_block per block.
func (k *Keeper) pruneRecords(ctx context.Context, now time.Time, params types.Params) error {
	limit := int(params.MaxPrunePerBlock)
	if err := k.prunePerformance(ctx, now, params.RecordRetention, limit); err != nil {
		return err
	}
	if err := k.pruneCycleHistory(ctx, now, params.RecordRetention, limit); err != nil {
		return err
	}
	return k.pruneViolations(ctx, now, params.RecordRetention, limit)
}

// pruneCycleHistory deletes the records of cycles that ended more than
// retention ago, lowest cycle first, at most limit. The record of the cycle
// awaiting settlement is kept whatever its age (after a long halt): its
// settlement reads it.
func (k *Keeper) pruneCycleHistory(ctx context.Context, now time.Time, retention time.Duration, limit int) error {
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	keepFrom := state.Cycle
	if state.AttestOpen {
		keepFrom = state.AttestCycle
	}
	var due []uint64
	err = k.CycleHistory().Walk(ctx, nil, func(c uint64, r types.CycleRecord) (bool, error) {
		if len(due) >= limit || c >= keepFrom || r.End.Add(retention).After(now) {
			return true, nil
		}
		due = append(due, c)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, c := range due {
		if err := k.PruneCycleRecord(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// pruneViolations deletes violations recorded more than retention ago, in
// the order they were recorded, examining at most limit per block. A
// violation of an operator whose penalty window is running is kept (the
// window's count and an excuse's replay read it) and examined again in a
// later block.
func (k *Keeper) pruneViolations(ctx context.Context, now time.Time, retention time.Duration, limit int) error {
	iter, err := k.Violations().Indexes.ID.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	var due []ViolationKey
	examined := 0
	for ; iter.Valid() && examined < limit; iter.Next() {
		key, err := iter.PrimaryKey()
		if err != nil {
			iter.Close()
			return err
		}
		v, err := k.Violations().Get(ctx, key)
		if err != nil {
			iter.Close()
			return err
		}
		if v.Time.Add(retention).After(now) {
			break // the rest were recorded later
		}
		examined++
		running, err := k.windowRunning(ctx, key, now)
		if err != nil {
			iter.Close()
			return err
		}
		if !running {
			due = append(due, key)
		}
	}
	iter.Close()
	for _, key := range due {
		if err := k.RemoveViolation(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// windowRunning reports whether the owner of a violation has a running penalty window.
func (k *Keeper) windowRunning(ctx context.Context, key ViolationKey, now time.Time) (bool, error) {
	op, err := k.Operators().Get(ctx, key.K1())
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return op.Penalty.Violations > 0 && op.Penalty.WindowEnd.After(now), nil
}
