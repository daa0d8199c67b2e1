package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// BeginBlocker ends penalty windows, processes the cycle boundary when the
// block time reached it, then pays back matured unbondings and ends waiting
// periods, each bounded by max_matured_per_block, and prunes expired
// records, bounded by max_prune_per_block. Last it records this block's hash for the next
// block's WEIGHTED draws. A non-boundary block costs a handful of reads.
func (k *Keeper) BeginBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	state, err := k.CycleState.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return nil // genesis not initialised (module added without InitGenesis)
	} else if err != nil {
		return err
	}
	if err := k.endPenaltyWindows(ctx, now, params.MaxMaturedPerBlock); err != nil {
		return err
	}
	boundary := !now.Before(state.NextBoundary)
	if boundary {
		if err := k.transition(ctx, params, state, now); err != nil {
			return err
		}
	}
	if err := k.endWaiting(ctx, now, params.MaxMaturedPerBlock); err != nil {
		return err
	}
	if err := k.payMatured(ctx, now, params, params.MaxMaturedPerBlock); err != nil {
		return err
	}
	if err := k.payVotes(ctx, now, params, params.MaxMaturedPerBlock); err != nil {
		return err
	}
	if err := k.pruneRecords(ctx, now, params); err != nil {
		return err
	}
	if boundary { // after every write of the block's start, so it is current
		if err := k.refreshSchedule(ctx); err != nil {
			return err
		}
	}
	return k.LastBlockHash.Set(ctx, append([]byte{}, sdkCtx.HeaderHash()...))
}

// EndBlocker recomputes the stored schedule when a write of this block
// removed it (schedule_inputs.go: an operator, queue, NFT, param or cycle
// state change, by a message or the BeginBlocker), so Query/Schedule
// keeps reading one item. The work is the bounded rotation replay of
// Query/Schedule (10 cycles, each within max_queue_scan), and only in blocks
// that changed the rotation's inputs.
func (k *Keeper) EndBlocker(ctx context.Context) error {
	if has, err := k.CycleState.Has(ctx); err != nil || !has {
		return err
	}
	if has, err := k.ScheduleCache.Has(ctx); err != nil || has {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil || params.Strategy != types.STRATEGY_ROUND_ROBIN {
		return err // WEIGHTED stores no schedule (Query/Schedule returns only next)
	}
	return k.refreshSchedule(ctx)
}

// lastBlockHash is the last block id hash of the current block's header.
func (k *Keeper) lastBlockHash(ctx context.Context) ([]byte, error) {
	h, err := k.LastBlockHash.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, nil
	}
	return h, err
}

// CycleAt returns, for a boundary reached at time now, the number and the
// scheduled start of the cycle that contains now (docs/protocol.md#time-and-cycles: one transition after
// a halt, durations between scheduled starts).
func CycleAt(state types.CycleState, d time.Duration, now time.Time) (uint64, time.Time) {
	skipped := uint64(now.Sub(state.NextBoundary) / d)
	return state.Cycle + 1 + skipped, state.NextBoundary.Add(time.Duration(skipped) * d)
}

// transition ends the current cycle: rotation, cycle record, statuses, event, hooks.
func (k *Keeper) transition(ctx context.Context, params types.Params, state types.CycleState, now time.Time) error {
	ended := state.Cycle
	if has, err := k.CycleHistory.Has(ctx, ended); err != nil {
		return err
	} else if has {
		return fmt.Errorf("cycle %d was already processed", ended)
	}
	// Settle the cycle that ended at the previous transition first: its
	// violations (jail) and credit count for this rotation, and x/rewards
	// (the hook below) reads its performance and the penalties in force.
	if state.AttestOpen {
		if err := k.settlePerformance(ctx, params, state.AttestCycle, now); err != nil {
			return err
		}
	}
	hash, err := k.lastBlockHash(ctx)
	if err != nil {
		return err
	}
	d := params.CycleDuration
	newCycle, newStart := CycleAt(state, d, now)
	if err := k.applyAnnouncedKeys(ctx, newCycle); err != nil {
		return err
	}
	res, err := types.Rotate(k.newSource(ctx, params, now), types.RotationInput{
		Cycle:         newCycle,
		Announced:     state.Next,
		ActiveSetSize: params.ActiveSetSize,
		Budget:        types.RotationBudget(params.ActiveSetSize, params.MaxDailyTurnoverBps, d),
		Pointer:       state.QueuePointer,
		MaxQueueScan:  params.MaxQueueScan,
		Strategy:      params.Strategy,
		LastBlockHash: hash,
	})
	if err != nil {
		return err
	}

	record := types.CycleRecord{Cycle: ended, Start: state.CycleStart, End: newStart, Members: state.Current}
	inNew := ownerSet(res.Current)
	planned := map[string]bool{}
	for _, o := range state.ScheduledOut {
		planned[o] = true
	}
	var left []string
	for _, m := range state.Current {
		if inNew[m.Owner] {
			continue
		}
		left = append(left, m.Owner)
		if planned[m.Owner] {
			record.ScheduledOut++
		} else {
			record.ForcedOut++
		}
	}
	if err := k.CycleHistory.Set(ctx, ended, record); err != nil {
		return err
	}
	if err := k.openAttestations(ctx, ended, record.Members); err != nil {
		return err
	}

	newState := types.CycleState{
		Cycle: newCycle, CycleStart: newStart, NextBoundary: newStart.Add(d),
		Current: res.Current, Next: res.Next, QueuePointer: res.Pointer,
		ScheduledOut: res.ScheduledOut, ActiveSetSize: params.ActiveSetSize,
		AttestCycle: ended, AttestOpen: true,
	}
	if err := k.CycleState.Set(ctx, newState); err != nil {
		return err
	}
	if err := k.emitCanonicalChanges(ctx, state, newState); err != nil {
		return err
	}
	if err := k.syncStatuses(ctx, state.Current, res.Current); err != nil {
		return err
	}
	for _, o := range append(left, res.Dropped...) {
		addr, err := k.addr(o)
		if err != nil {
			return err
		}
		if _, err := k.maybeDelete(ctx, addr, newState); err != nil {
			return err
		}
	}

	ev := &types.EventCycleStarted{
		Cycle: newCycle, EndedCycle: ended, CycleStart: newStart, NextBoundary: newState.NextBoundary,
		Current: owners(res.Current), Next: owners(res.Next),
		ScheduledOut: res.ScheduledOut, ForcedOut: append(append([]string{}, res.Dropped...), res.ForcedOut...),
	}
	if err := events.Emit(ctx, ev); err != nil {
		return err
	}
	if k.hooks == nil {
		return nil
	}
	return k.hooks.AfterCycleTransition(ctx, types.CycleTransition{
		Ended: record, NewCycle: newCycle, NewCycleStart: newStart, NextBoundary: newState.NextBoundary,
	})
}

// syncStatuses marks operators that left the serving set ELIGIBLE (when they
// were ACTIVE) and the ones that joined it ACTIVE.
func (k *Keeper) syncStatuses(ctx context.Context, before, after []types.Member) error {
	inAfter, inBefore := ownerSet(after), ownerSet(before)
	for _, m := range before {
		if inAfter[m.Owner] {
			continue
		}
		if err := k.setStatus(ctx, m.Owner, types.OPERATOR_STATUS_ACTIVE, types.OPERATOR_STATUS_ELIGIBLE); err != nil {
			return err
		}
	}
	for _, m := range after {
		if inBefore[m.Owner] {
			continue
		}
		if err := k.setStatus(ctx, m.Owner, types.OPERATOR_STATUS_UNSPECIFIED, types.OPERATOR_STATUS_ACTIVE); err != nil {
			return err
		}
	}
	return nil
}

// setStatus moves owner to status to; from UNSPECIFIED means from WAITING or
// ELIGIBLE. A WAITING operator's waiting entry is removed with the status.
func (k *Keeper) setStatus(ctx context.Context, owner string, from, to types.OperatorStatus) error {
	addr, err := k.addr(owner)
	if err != nil {
		return err
	}
	op, err := k.Operators.Get(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	switch {
	case from == types.OPERATOR_STATUS_UNSPECIFIED && op.Status == types.OPERATOR_STATUS_WAITING:
		if err := k.Waiting.Remove(ctx, collections.Join(op.EligibleAt.UnixNano(), addr)); err != nil {
			return err
		}
	case from == types.OPERATOR_STATUS_UNSPECIFIED && op.Status == types.OPERATOR_STATUS_ELIGIBLE:
	case op.Status == from:
	default:
		return nil
	}
	op.Status = to
	return k.Operators.Set(ctx, addr, op)
}

// ownerSet is the set of owners of members.
func ownerSet(ms []types.Member) map[string]bool {
	s := make(map[string]bool, len(ms))
	for _, m := range ms {
		s[m.Owner] = true
	}
	return s
}

// owners lists the owners of members in order.
func owners(ms []types.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Owner
	}
	return out
}
