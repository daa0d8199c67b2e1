package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// leave takes an operator out of the queue, marks it LEAVING and starts
// unbonding its whole bond; it leaves the sets at the next boundary.
func (k *Keeper) leave(ctx context.Context, op types.Operator, reason string) (time.Time, error) {
	owner, err := k.addr(op.Owner)
	if err != nil {
		return time.Time{}, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return time.Time{}, err
	}
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return time.Time{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if op.QueueSeq != 0 {
		if err := k.Dequeue(ctx, op.QueueSeq); err != nil {
			return time.Time{}, err
		}
		op.QueueSeq = 0
	}
	if op.Status == types.OPERATOR_STATUS_WAITING {
		if err := k.RemoveWaiting(ctx, collections.Join(op.EligibleAt.UnixNano(), owner)); err != nil {
			return time.Time{}, err
		}
	}
	done := now.Add(params.UnbondingPeriod)
	amount := op.Stake
	if amount.IsPositive() {
		id, err := k.NextUnbondingID(ctx)
		if err != nil {
			return time.Time{}, err
		}
		entry := types.UnbondingEntry{Id: id, Owner: op.Owner, Amount: amount, CompletionTime: done, CreationCycle: state.Cycle}
		if err := k.SetUnbonding(ctx, collections.Join(done.UnixNano(), id), entry); err != nil {
			return time.Time{}, err
		}
	}
	op.Stake = math.ZeroInt()
	op.Status = types.OPERATOR_STATUS_LEAVING
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return time.Time{}, err
	}
	if _, err := k.maybeDelete(ctx, owner, state); err != nil {
		return time.Time{}, err
	}
	ev := &types.EventOperatorDeregistered{Owner: op.Owner, Amount: sdk.NewCoin(params.BondDenom, amount).String(), CompletionTime: done, Reason: reason}
	return done, events.Emit(ctx, ev)
}

// maybeDelete removes the record of a LEAVING operator once it has no bond,
// no unbonding entry and no seat in the current or next set.
func (k *Keeper) maybeDelete(ctx context.Context, owner sdk.AccAddress, state types.CycleState) (bool, error) {
	op, err := k.Operators().Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if op.Status != types.OPERATOR_STATUS_LEAVING || op.Stake.IsPositive() || seated(state, op.Owner) {
		return false, nil
	}
	it, err := k.Unbondings().Indexes.Owner.MatchExact(ctx, owner)
	if err != nil {
		return false, err
	}
	pending := it.Valid()
	it.Close()
	if pending {
		return false, nil
	}
	if !op.Penalty.WindowEnd.IsZero() {
		if err := k.RemovePenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
			return false, err
		}
	}
	if err := k.onRecordDeleted(ctx, owner); err != nil {
		return false, err
	}
	return true, k.RemoveOperator(ctx, owner)
}

// seated reports whether owner has a seat in the current or next set.
func seated(state types.CycleState, owner string) bool {
	for _, set := range [][]types.Member{state.Current, state.Next} {
		for _, m := range set {
			if m.Owner == owner {
				return true
			}
		}
	}
	return false
}

// payMatured pays back matured unbonding entries, oldest first, at most limit.
// A failed send (a blocked address, say) never halts the chain nor holds up
// the entries behind it: the entry is moved to one cycle_duration later, an
// event says why, and it is retried then.
func (k *Keeper) payMatured(ctx context.Context, now time.Time, params types.Params, limit uint32) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var due []types.UnbondingEntry
	var keys []UnbondingKey
	err := k.Unbondings().Walk(ctx, nil, func(key UnbondingKey, u types.UnbondingEntry) (bool, error) {
		if key.K1() > now.UnixNano() || uint32(len(due)) >= limit {
			return true, nil
		}
		due = append(due, u)
		keys = append(keys, key)
		return false, nil
	})
	if err != nil || len(due) == 0 {
		return err
	}
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	for i, u := range due {
		owner, err := k.addr(u.Owner)
		if err != nil {
			return err
		}
		cacheCtx, write := sdkCtx.CacheContext()
		coins := sdk.NewCoins(sdk.NewCoin(params.BondDenom, u.Amount))
		if err := k.bk.SendCoinsFromModuleToAccount(cacheCtx, types.ModuleName, owner, coins); err != nil {
			if err := k.deferPayback(ctx, keys[i], u, now.Add(params.CycleDuration), coins, err); err != nil {
				return err
			}
			continue
		}
		write()
		if err := k.RemoveUnbonding(ctx, keys[i]); err != nil {
			return err
		}
		deleted, err := k.maybeDelete(ctx, owner, state)
		if err != nil {
			return err
		}
		if err := events.Emit(ctx, &types.EventOperatorUnbonded{Owner: u.Owner, Amount: coins.String(), RecordDeleted: deleted}); err != nil {
			return err
		}
	}
	return nil
}

// endWaiting turns WAITING operators whose waiting period ended into ELIGIBLE, at most limit.
func (k *Keeper) endWaiting(ctx context.Context, now time.Time, limit uint32) error {
	keys, err := dueKeys(ctx, k.Waiting(), now, limit)
	if err != nil {
		return err
	}
	for _, key := range keys {
		if err := k.RemoveWaiting(ctx, key); err != nil {
			return err
		}
		op, err := k.Operators().Get(ctx, key.K2())
		if err != nil {
			return err
		}
		if op.Status != types.OPERATOR_STATUS_WAITING {
			continue
		}
		op.Status = types.OPERATOR_STATUS_ELIGIBLE
		if err := k.SetOperator(ctx, key.K2(), op); err != nil {
			return err
		}
		if err := events.Emit(ctx, &types.EventOperatorEligible{Owner: op.Owner}); err != nil {
			return err
		}
	}
	return nil
}

// dueKeys returns the (time, owner) keys of a time-ordered set that are due at
// now, earliest first, at most limit: the per-block bound of every time queue.
func dueKeys(ctx context.Context, set KeySetView[collections.Pair[int64, sdk.AccAddress]], now time.Time, limit uint32) ([]collections.Pair[int64, sdk.AccAddress], error) {
	var keys []collections.Pair[int64, sdk.AccAddress]
	err := set.Walk(ctx, nil, func(key collections.Pair[int64, sdk.AccAddress]) (bool, error) {
		if key.K1() > now.UnixNano() || uint32(len(keys)) >= limit {
			return true, nil
		}
		keys = append(keys, key)
		return false, nil
	})
	return keys, err
}

// deferPayback moves an unbonding entry whose payback failed to retryAt and
// emits the failure.
func (k *Keeper) deferPayback(ctx context.Context, key UnbondingKey, u types.UnbondingEntry, retryAt time.Time, coins sdk.Coins, cause error) error {
	sdk.UnwrapSDKContext(ctx).Logger().Error("unbonding payback failed", "owner", u.Owner, "id", u.Id, "retry_at", retryAt, "err", cause)
	if err := k.RemoveUnbonding(ctx, key); err != nil {
		return err
	}
	u.CompletionTime = retryAt
	if err := k.SetUnbonding(ctx, collections.Join(retryAt.UnixNano(), u.Id), u); err != nil {
		return err
	}
	return events.Emit(ctx, &types.EventUnbondingPaybackFailed{Owner: u.Owner, Id: u.Id, Amount: coins.String(), Reason: cause.Error(), RetryAt: retryAt})
}
