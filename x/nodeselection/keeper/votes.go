package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// VoteTotal is the running vote total of operator (zero when none).
func (k *Keeper) VoteTotal(ctx context.Context, operator sdk.AccAddress) (math.Int, error) {
	t, err := k.VoteState.Totals().Get(ctx, operator)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return t, err
}

// voteOf is what voter has locked for operator (zero when nothing).
func (k *Keeper) voteOf(ctx context.Context, key VoteKey) (math.Int, error) {
	v, err := k.VoteState.Votes().Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// setVote stores a vote amount (removing it at zero) and moves the operator's
// total by delta.
func (k *Keeper) setVote(ctx context.Context, key VoteKey, amount, delta math.Int) (math.Int, error) {
	if amount.IsZero() {
		if err := k.VoteState.RemoveVote(ctx, key); err != nil {
			return math.Int{}, err
		}
	} else if err := k.VoteState.SetVote(ctx, key, amount); err != nil {
		return math.Int{}, err
	}
	total, err := k.VoteTotal(ctx, key.K1())
	if err != nil {
		return math.Int{}, err
	}
	total = total.Add(delta)
	if total.IsZero() {
		return total, k.VoteState.RemoveTotal(ctx, key.K1())
	}
	return total, k.VoteState.SetTotal(ctx, key.K1(), total)
}

// voteTarget checks the operator of a vote message: a valid address, not the
// voter, registered, not leaving, and not a deleted record whose votes are
// still being returned.
func (k *Keeper) voteTarget(ctx context.Context, voterStr, operatorStr string) (sdk.AccAddress, sdk.AccAddress, types.Operator, error) {
	voter, err := k.addr(voterStr)
	if err != nil {
		return nil, nil, types.Operator{}, types.ErrInvalidAddress.Wrapf("voter %q: %s", voterStr, err)
	}
	operator, err := k.addr(operatorStr)
	if err != nil {
		return nil, nil, types.Operator{}, types.ErrInvalidAddress.Wrapf("operator %q: %s", operatorStr, err)
	}
	if voter.Equals(operator) {
		return nil, nil, types.Operator{}, types.ErrSelfVote.Wrapf("voter %s is the operator's owner; its bond is its stake (MsgAddStake), not votes", voterStr)
	}
	if returning, err := k.VoteState.Returns().Has(ctx, operator); err != nil {
		return nil, nil, types.Operator{}, err
	} else if returning {
		return nil, nil, types.Operator{}, types.ErrVotesReturning.Wrapf("operator %s: the votes for its deleted record are being returned; try again in a later block", operatorStr)
	}
	op, err := k.Operators().Get(ctx, operator)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, nil, types.Operator{}, types.ErrNotRegistered.Wrapf("operator %s is not registered", operatorStr)
	} else if err != nil {
		return nil, nil, types.Operator{}, err
	}
	return voter, operator, op, nil
}

// Vote locks uxmtp from any account as votes for a registered operator.
func (s msgServer) Vote(ctx context.Context, msg *types.MsgVote) (*types.MsgVoteResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Voter, &m.Operator) // stored as the canonical string (SPEC 2)
	msg = &m
	voter, operator, op, err := k.voteTarget(ctx, msg.Voter, msg.Operator)
	if err != nil {
		return nil, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBond(params, msg.Amount, "amount"); err != nil {
		return nil, err
	}
	if op.Status == types.OPERATOR_STATUS_LEAVING {
		return nil, types.ErrOperatorLeaving.Wrapf("operator %s is leaving; votes for it are not accepted", msg.Operator)
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, voter, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	key := collections.Join(operator, voter)
	cur, err := k.voteOf(ctx, key)
	if err != nil {
		return nil, err
	}
	total, err := k.setVote(ctx, key, cur.Add(msg.Amount.Amount), msg.Amount.Amount)
	if err != nil {
		return nil, err
	}
	ev := &types.EventVoted{Voter: msg.Voter, Operator: msg.Operator, Amount: msg.Amount.String(), Total: sdk.NewCoin(params.BondDenom, total).String()}
	return &types.MsgVoteResponse{Total: total}, events.Emit(ctx, ev)
}

// Unvote withdraws votes; they unbond for unbonding_period and are paid back
// in BeginBlocker. Allowed in any status of the operator, jail included.
func (s msgServer) Unvote(ctx context.Context, msg *types.MsgUnvote) (*types.MsgUnvoteResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Voter, &m.Operator) // stored as the canonical string (SPEC 2)
	msg = &m
	voter, operator, _, err := k.voteTarget(ctx, msg.Voter, msg.Operator)
	if err != nil {
		return nil, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBond(params, msg.Amount, "amount"); err != nil {
		return nil, err
	}
	key := collections.Join(operator, voter)
	cur, err := k.voteOf(ctx, key)
	if err != nil {
		return nil, err
	}
	if cur.LT(msg.Amount.Amount) {
		return nil, types.ErrInsufficientVotes.Wrapf("amount %s exceeds the %s%s that %s has voted for %s", msg.Amount, cur, params.BondDenom, msg.Voter, msg.Operator)
	}
	total, err := k.setVote(ctx, key, cur.Sub(msg.Amount.Amount), msg.Amount.Amount.Neg())
	if err != nil {
		return nil, err
	}
	done := sdkNow(ctx).Add(params.UnbondingPeriod)
	id, err := k.VoteState.NextUnbondingID(ctx)
	if err != nil {
		return nil, err
	}
	entry := types.VoteUnbonding{Id: id, Voter: msg.Voter, Operator: msg.Operator, Amount: msg.Amount.Amount, CompletionTime: done}
	if err := k.VoteState.SetUnbonding(ctx, collections.Join(done.UnixNano(), id), entry); err != nil {
		return nil, err
	}
	ev := &types.EventUnvoted{Voter: msg.Voter, Operator: msg.Operator, Amount: msg.Amount.String(),
		Total: sdk.NewCoin(params.BondDenom, total).String(), CompletionTime: done}
	return &types.MsgUnvoteResponse{CompletionTime: done}, events.Emit(ctx, ev)
}
