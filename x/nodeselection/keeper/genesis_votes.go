package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importVotes loads the votes, vote unbondings and the return queue, and
// rebuilds the running totals. A vote must back a registered operator or one
// in vote_returns (whose votes count for nothing).
func (k *Keeper) importVotes(ctx context.Context, gs types.GenesisState) error {
	validAddr := func(s string) error { _, err := k.addr(s); return err }
	if err := types.ValidateVotes(&gs, validAddr); err != nil {
		return err
	}
	returning := map[string]bool{}
	for _, s := range gs.VoteReturns {
		op, _ := k.addr(s)
		if err := k.VoteState.Returns.Set(ctx, op); err != nil {
			return err
		}
		returning[s] = true
	}
	for i, v := range gs.Votes {
		voter, _ := k.addr(v.Voter)
		op, _ := k.addr(v.Operator)
		if !returning[v.Operator] {
			if has, err := k.Operators.Has(ctx, op); err != nil {
				return err
			} else if !has {
				return types.ErrInvalidGenesis.Wrapf("votes[%d].operator %s is neither registered nor in vote_returns", i, v.Operator)
			}
		}
		if err := k.VoteState.Votes.Set(ctx, collections.Join(op, voter), v.Amount); err != nil {
			return err
		}
		if returning[v.Operator] {
			continue
		}
		total, err := k.VoteTotal(ctx, op)
		if err != nil {
			return err
		}
		if err := k.VoteState.Totals.Set(ctx, op, total.Add(v.Amount)); err != nil {
			return err
		}
	}
	for _, u := range gs.VoteUnbondings {
		if err := k.VoteState.Unbondings.Set(ctx, collections.Join(u.CompletionTime.UnixNano(), u.Id), u); err != nil {
			return err
		}
	}
	return k.VoteState.UnbondingID.Set(ctx, max(gs.NextVoteUnbondingId, 1))
}

// exportVotes writes the votes, vote unbondings and return queue into gs.
func (k *Keeper) exportVotes(ctx context.Context, gs *types.GenesisState) error {
	if err := k.VoteState.Votes.Walk(ctx, nil, func(key VoteKey, amt math.Int) (bool, error) {
		gs.Votes = append(gs.Votes, types.Vote{Voter: k.addrString(key.K2()), Operator: k.addrString(key.K1()), Amount: amt})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.VoteState.Unbondings.Walk(ctx, nil, func(_ UnbondingKey, u types.VoteUnbonding) (bool, error) {
		gs.VoteUnbondings = append(gs.VoteUnbondings, u)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.VoteState.Returns.Walk(ctx, nil, func(op sdk.AccAddress) (bool, error) {
		gs.VoteReturns = append(gs.VoteReturns, k.addrString(op))
		return false, nil
	}); err != nil {
		return err
	}
	next, err := k.VoteState.UnbondingID.Peek(ctx)
	gs.NextVoteUnbondingId = next
	return err
}

// checkVoteInvariants returns Σ votes and Σ vote unbondings and checks that
// every running total equals the sum of its operator's votes, belongs to a
// registered operator, and that operators in the return queue have none.
func (k *Keeper) checkVoteInvariants(ctx context.Context) (math.Int, math.Int, error) {
	votes, unbonding := math.ZeroInt(), math.ZeroInt()
	perOp := map[string]math.Int{}
	if err := k.VoteState.Votes.Walk(ctx, nil, func(key VoteKey, amt math.Int) (bool, error) {
		votes = votes.Add(amt)
		op := string(key.K1())
		if cur, ok := perOp[op]; ok {
			perOp[op] = cur.Add(amt)
		} else {
			perOp[op] = amt
		}
		return false, nil
	}); err != nil {
		return votes, unbonding, err
	}
	if err := k.VoteState.Unbondings.Walk(ctx, nil, func(_ UnbondingKey, u types.VoteUnbonding) (bool, error) {
		unbonding = unbonding.Add(u.Amount)
		return false, nil
	}); err != nil {
		return votes, unbonding, err
	}
	err := k.VoteState.Totals.Walk(ctx, nil, func(op sdk.AccAddress, total math.Int) (bool, error) {
		sum, ok := perOp[string(op)]
		if !ok || !sum.Equal(total) {
			return true, types.ErrInvariantBroken.Wrapf("votes: running total of %s is %s but its votes sum to %s", k.addrString(op), total, sum)
		}
		if has, err := k.Operators.Has(ctx, op); err != nil || !has {
			return true, types.ErrInvariantBroken.Wrapf("votes: %s has a running total but no record", k.addrString(op))
		}
		if r, err := k.VoteState.Returns.Has(ctx, op); err != nil || r {
			return true, types.ErrInvariantBroken.Wrapf("votes: %s has a running total while its votes are being returned", k.addrString(op))
		}
		delete(perOp, string(op))
		return false, nil
	})
	if err != nil {
		return votes, unbonding, err
	}
	for op := range perOp {
		if r, err := k.VoteState.Returns.Has(ctx, sdk.AccAddress(op)); err != nil || !r {
			return votes, unbonding, types.ErrInvariantBroken.Wrapf("votes: %s has votes but neither a running total nor a place in the return queue", k.addrString(sdk.AccAddress(op)))
		}
	}
	return votes, unbonding, nil
}
