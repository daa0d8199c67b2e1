package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
// limit. A failed send is logged and retried in a later block.
func (k *Keeper) payMaturedVotes(ctx context.Context, now time.Time, params types.Params, limit uint32) error {
	var due []types.VoteUnbonding
	var keys []UnbondingKey
	err := k.VoteState.Unbondings.Walk(ctx, nil, func(key UnbondingKey, u types.VoteUnbonding) (bool, error) {
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
		if !k.sendVotes(ctx, voter, u.Voter, u.Operator, params.BondDenom, u) {
			continue
		}
		if err := k.VoteState.Unbondings.Remove(ctx, keys[i]); err != nil {
			return err
		}
		if err := emit(ctx, &types.EventVoteReturned{Voter: u.Voter, Operator: u.Operator,
			Amount: sdk.NewCoin(params.BondDenom, u.Amount).String(), Reason: types.VoteReturnReasonUnbonded}); err != nil {
			return err
		}
	}
	return nil
}

// sendVotes pays u.Amount from the escrow to voter in a cache context; a
// failure is logged and reported as false, so the entry is retried later.
func (k *Keeper) sendVotes(ctx context.Context, voter sdk.AccAddress, voterStr, operator, denom string, u types.VoteUnbonding) bool {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	coins := sdk.NewCoins(sdk.NewCoin(denom, u.Amount))
	if err := k.bk.SendCoinsFromModuleToAccount(cacheCtx, types.ModuleName, voter, coins); err != nil {
		sdkCtx.Logger().Error("vote payback failed; retrying next block", "voter", voterStr, "operator", operator, "err", err)
		return false
	}
	write()
	return true
}

// onRecordDeleted is called when an operator's record is deleted: its
// running total is dropped (the votes count for nothing from now on) and, when
// votes remain, the operator joins the return queue. O(1).
func (k *Keeper) onRecordDeleted(ctx context.Context, owner sdk.AccAddress) error {
	has, err := k.VoteState.Totals.Has(ctx, owner)
	if err != nil || !has {
		return err
	}
	if err := k.VoteState.Totals.Remove(ctx, owner); err != nil {
		return err
	}
	return k.VoteState.Returns.Set(ctx, owner)
}

// returnVotes pays back, at most limit per block, the votes of the operators
// in the return queue, in address order; an operator leaves the queue when
// none of its votes remain. A failed send leaves the vote for a later block.
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
		if err := k.VoteState.Votes.Walk(ctx, rng, func(key VoteKey, amt math.Int) (bool, error) {
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
			if err := k.VoteState.Returns.Remove(ctx, op); err != nil {
				return err
			}
			continue
		}
		budget -= uint32(len(keys))
		paid := 0
		for i, key := range keys {
			voterStr, opStr := k.addrString(key.K2()), k.addrString(op)
			if !k.sendVotes(ctx, key.K2(), voterStr, opStr, params.BondDenom, types.VoteUnbonding{Amount: amounts[i]}) {
				continue
			}
			paid++
			if err := k.VoteState.Votes.Remove(ctx, key); err != nil {
				return err
			}
			if err := emit(ctx, &types.EventVoteReturned{Voter: voterStr, Operator: opStr,
				Amount: sdk.NewCoin(params.BondDenom, amounts[i]).String(), Reason: types.VoteReturnReasonRecordDeleted}); err != nil {
				return err
			}
		}
		if paid == 0 {
			return nil // every send failed: stop for this block rather than spin
		}
	}
	return nil
}

// firstReturn is the first operator of the return queue.
func (k *Keeper) firstReturn(ctx context.Context) (sdk.AccAddress, bool, error) {
	it, err := k.VoteState.Returns.Iterate(ctx, nil)
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
