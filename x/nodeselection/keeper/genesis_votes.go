package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// validateVotes checks the votes of gs before they are loaded: a vote must
// back a registered operator (the registry is loaded first) or one in
// vote_returns (whose votes count for nothing).
func (k *Keeper) validateVotes(ctx context.Context, gs *types.GenesisState) error {
	validAddr := func(s string) error { _, err := k.addr(s); return err }
	if err := types.ValidateVotes(gs, validAddr); err != nil {
		return err
	}
	returning := map[string]bool{}
	for _, s := range gs.VoteReturns {
		returning[s] = true
	}
	for i, v := range gs.Votes {
		if returning[v.Operator] {
			continue
		}
		op, _ := k.addr(v.Operator)
		if has, err := k.Operators().Has(ctx, op); err != nil {
			return err
		} else if !has {
			return types.ErrInvalidGenesis.Wrapf("votes[%d].operator %s is neither registered nor in vote_returns", i, v.Operator)
		}
	}
	return nil
}

// importGenesis loads the votes (validated by validateVotes), the vote
// unbondings and the return queue, and rebuilds the running totals of the
// operators not in the return queue.
func (s VoteState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	returning := map[string]bool{}
	for _, r := range gs.VoteReturns {
		op, err := s.ac.StringToBytes(r)
		if err != nil {
			return err
		}
		if err := s.AddReturn(ctx, op); err != nil {
			return err
		}
		returning[r] = true
	}
	for _, v := range gs.Votes {
		voter, err := s.ac.StringToBytes(v.Voter)
		if err != nil {
			return err
		}
		op, err := s.ac.StringToBytes(v.Operator)
		if err != nil {
			return err
		}
		if err := s.SetVote(ctx, collections.Join(sdk.AccAddress(op), sdk.AccAddress(voter)), v.Amount); err != nil {
			return err
		}
		if returning[v.Operator] {
			continue
		}
		total, err := s.totals.Get(ctx, op)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			total = math.ZeroInt()
		case err != nil:
			return err
		}
		if err := s.SetTotal(ctx, op, total.Add(v.Amount)); err != nil {
			return err
		}
	}
	for _, u := range gs.VoteUnbondings {
		if err := s.SetUnbonding(ctx, collections.Join(u.CompletionTime.UnixNano(), u.Id), u); err != nil {
			return err
		}
	}
	return s.voteUnbondingID.Set(ctx, max(gs.NextVoteUnbondingId, 1))
}

// exportGenesis writes the votes, vote unbondings and return queue into gs
// (the running totals are derived from the votes).
func (s VoteState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	str := func(a sdk.AccAddress) (string, error) { return s.ac.BytesToString(a) }
	if err := s.votes.Walk(ctx, nil, func(key VoteKey, amt math.Int) (bool, error) {
		voter, err := str(key.K2())
		if err != nil {
			return true, err
		}
		op, err := str(key.K1())
		gs.Votes = append(gs.Votes, types.Vote{Voter: voter, Operator: op, Amount: amt})
		return err != nil, err
	}); err != nil {
		return err
	}
	if err := s.voteUnbondings.Walk(ctx, nil, func(_ UnbondingKey, u types.VoteUnbonding) (bool, error) {
		gs.VoteUnbondings = append(gs.VoteUnbondings, u)
		return false, nil
	}); err != nil {
		return err
	}
	if err := s.returns.Walk(ctx, nil, func(op sdk.AccAddress) (bool, error) {
		r, err := str(op)
		gs.VoteReturns = append(gs.VoteReturns, r)
		return err != nil, err
	}); err != nil {
		return err
	}
	next, err := s.voteUnbondingID.Peek(ctx)
	gs.NextVoteUnbondingId = next
	return err
}

// checkVoteInvariants returns Σ votes and Σ vote unbondings and checks that
// every running total equals the sum of its operator's votes, belongs to a
// registered operator, and that operators in the return queue have none.
func (k *Keeper) checkVoteInvariants(ctx context.Context) (math.Int, math.Int, error) {
	votes, unbonding := math.ZeroInt(), math.ZeroInt()
	perOp := map[string]math.Int{}
	if err := k.VoteState.Votes().Walk(ctx, nil, func(key VoteKey, amt math.Int) (bool, error) {
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
	if err := k.VoteState.Unbondings().Walk(ctx, nil, func(_ UnbondingKey, u types.VoteUnbonding) (bool, error) {
		unbonding = unbonding.Add(u.Amount)
		return false, nil
	}); err != nil {
		return votes, unbonding, err
	}
	err := k.VoteState.Totals().Walk(ctx, nil, func(op sdk.AccAddress, total math.Int) (bool, error) {
		sum, ok := perOp[string(op)]
		if !ok || !sum.Equal(total) {
			return true, types.ErrInvariantBroken.Wrapf("votes: running total of %s is %s but its votes sum to %s", k.addrString(op), total, sum)
		}
		if has, err := k.Operators().Has(ctx, op); err != nil || !has {
			return true, types.ErrInvariantBroken.Wrapf("votes: %s has a running total but no record", k.addrString(op))
		}
		if r, err := k.VoteState.Returns().Has(ctx, op); err != nil || r {
			return true, types.ErrInvariantBroken.Wrapf("votes: %s has a running total while its votes are being returned", k.addrString(op))
		}
		delete(perOp, string(op))
		return false, nil
	})
	if err != nil {
		return votes, unbonding, err
	}
	for op := range perOp {
		if r, err := k.VoteState.Returns().Has(ctx, sdk.AccAddress(op)); err != nil || !r {
			return votes, unbonding, types.ErrInvariantBroken.Wrapf("votes: %s has votes but neither a running total nor a place in the return queue", k.addrString(sdk.AccAddress(op)))
		}
	}
	return votes, unbonding, nil
}
