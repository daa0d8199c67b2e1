package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// payVotes runs the two bounded vote queues of a block: matured vote
// unbondings, then votes of deleted records, each at most limit entries.
func (k *Keeper) payVotes(ctx context.Context, now time.Time, params types.Params, limit uint32) error {
	if err := k.payMaturedVotes(ctx, now, params, limit); err != nil {
		return err
	}
	return k.returnVotes(ctx, params, limit)
}

// payMaturedVotes pays back matured vote unbondings, oldest first, at most
// limit. A failed send (a blocked address, say) never halts the chain nor
// holds up the entries behind it: the entry is moved to one cycle_duration
// later, EventVotePaybackFailed says why, and it is retried then (as bonds).
func (k *Keeper) payMaturedVotes(ctx context.Context, now time.Time, params types.Params, limit uint32) error {
	var due []types.VoteUnbonding
	var keys []UnbondingKey
	err := k.VoteState.Unbondings().Walk(ctx, nil, func(key UnbondingKey, u types.VoteUnbonding) (bool, error) {
		if key.K1() > now.UnixNano() || uint32(len(due)) >= limit {
			return true, nil
		}
		due = append(due, u)
		keys = append(keys, key)
		return false, nil
	})
	if err != nil {
		return err
	}
	for i, u := range due {
		voter, err := k.addr(u.Voter)
		if err != nil {
			return err
		}
		if err := k.VoteState.RemoveUnbonding(ctx, keys[i]); err != nil {
			return err
		}
		if err := k.sendVotes(ctx, voter, params.BondDenom, u.Amount); err != nil {
			if err := k.deferVotePayback(ctx, u, now.Add(params.CycleDuration), params.BondDenom, err); err != nil {
				return err
			}
			continue
		}
		if err := events.Emit(ctx, &types.EventVoteReturned{Voter: u.Voter, Operator: u.Operator,
			Amount: sdk.NewCoin(params.BondDenom, u.Amount).String(), Reason: types.VoteReturnReasonUnbonded}); err != nil {
			return err
		}
	}
	return nil
}

// sendVotes pays amount from the escrow to voter in a cache context: all of
// it or nothing.
func (k *Keeper) sendVotes(ctx context.Context, voter sdk.AccAddress, denom string, amount math.Int) error {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := k.bk.SendCoinsFromModuleToAccount(cacheCtx, types.ModuleName, voter, sdk.NewCoins(sdk.NewCoin(denom, amount))); err != nil {
		return err
	}
	write()
	return nil
}

// deferVotePayback stores u (already out of the queue) as a vote unbonding
// completing at retryAt and emits the failure. The coins stay in escrow.
func (k *Keeper) deferVotePayback(ctx context.Context, u types.VoteUnbonding, retryAt time.Time, denom string, cause error) error {
	sdk.UnwrapSDKContext(ctx).Logger().Error("vote payback failed", "voter", u.Voter, "operator", u.Operator, "id", u.Id, "retry_at", retryAt, "err", cause)
	u.CompletionTime = retryAt
	if err := k.VoteState.SetUnbonding(ctx, collections.Join(retryAt.UnixNano(), u.Id), u); err != nil {
		return err
	}
	return events.Emit(ctx, &types.EventVotePaybackFailed{Voter: u.Voter, Operator: u.Operator, Id: u.Id,
		Amount: sdk.NewCoin(denom, u.Amount).String(), Reason: cause.Error(), RetryAt: retryAt})
}

// onRecordDeleted is called when an operator's record is deleted: its
// running total is dropped (the votes count for nothing from now on) and, when
// votes remain, the operator joins the return queue. O(1).
func (k *Keeper) onRecordDeleted(ctx context.Context, owner sdk.AccAddress) error {
	has, err := k.VoteState.Totals().Has(ctx, owner)
	if err != nil || !has {
		return err
	}
	if err := k.VoteState.RemoveTotal(ctx, owner); err != nil {
		return err
	}
	return k.VoteState.AddReturn(ctx, owner)
}

// returnVotes pays back, at most limit per block, the votes of the operators
// in the return queue, in address order; an operator leaves the queue when
// none of its votes remain. A vote whose send fails leaves the queue as a
// vote unbonding retried one cycle_duration later (EventVotePaybackFailed),
// so it never holds up the votes behind it.
func (k *Keeper) returnVotes(ctx context.Context, params types.Params, limit uint32) error {
	budget := limit
	for budget > 0 {
		op, ok, err := k.firstReturn(ctx)
		if err != nil || !ok {
			return err
		}
		var keys []VoteKey
		var amounts []math.Int
		rng := collections.NewPrefixedPairRange[sdk.AccAddress, sdk.AccAddress](op)
		if err := k.VoteState.Votes().Walk(ctx, rng, func(key VoteKey, amt math.Int) (bool, error) {
			if uint32(len(keys)) >= budget {
				return true, nil
			}
			keys = append(keys, key)
			amounts = append(amounts, amt)
			return false, nil
		}); err != nil {
			return err
		}
		if len(keys) == 0 {
			if err := k.VoteState.RemoveReturn(ctx, op); err != nil {
				return err
			}
			continue
		}
		budget -= uint32(len(keys))
		for i, key := range keys {
			if err := k.returnVote(ctx, key, amounts[i], params); err != nil {
				return err
			}
		}
	}
	return nil
}

// returnVote takes one vote of a deleted record out of the queue and pays it
// back, or, if the send fails, defers it as a vote unbonding.
func (k *Keeper) returnVote(ctx context.Context, key VoteKey, amount math.Int, params types.Params) error {
	voterStr, opStr := k.addrString(key.K2()), k.addrString(key.K1())
	if err := k.VoteState.RemoveVote(ctx, key); err != nil {
		return err
	}
	if cause := k.sendVotes(ctx, key.K2(), params.BondDenom, amount); cause != nil {
		id, err := k.VoteState.NextUnbondingID(ctx)
		if err != nil {
			return err
		}
		u := types.VoteUnbonding{Id: id, Voter: voterStr, Operator: opStr, Amount: amount}
		return k.deferVotePayback(ctx, u, sdk.UnwrapSDKContext(ctx).BlockTime().Add(params.CycleDuration), params.BondDenom, cause)
	}
	return events.Emit(ctx, &types.EventVoteReturned{Voter: voterStr, Operator: opStr,
		Amount: sdk.NewCoin(params.BondDenom, amount).String(), Reason: types.VoteReturnReasonRecordDeleted})
}

// firstReturn is the first operator of the return queue.
func (k *Keeper) firstReturn(ctx context.Context) (sdk.AccAddress, bool, error) {
	it, err := k.VoteState.Returns().Iterate(ctx, nil)
	if err != nil {
		return nil, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return nil, false, nil
	}
	op, err := it.Key()
	return op, err == nil, err
}
