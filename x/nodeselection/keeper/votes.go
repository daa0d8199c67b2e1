package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// VoteKey is (operator, voter).
type VoteKey = collections.Pair[sdk.AccAddress, sdk.AccAddress]

// VoteIndexes index the votes by voter.
type VoteIndexes struct {
	// Voter maps a voter to the (operator, voter) keys of its votes.
	Voter *indexes.Multi[sdk.AccAddress, VoteKey, math.Int]
}

// IndexesList implements collections.Indexes.
func (i VoteIndexes) IndexesList() []collections.Index[VoteKey, math.Int] {
	return []collections.Index[VoteKey, math.Int]{i.Voter}
}

// VoteUnbondingIndexes index the vote unbondings by voter.
type VoteUnbondingIndexes struct {
	// Voter maps a voter to its entries.
	Voter *indexes.Multi[sdk.AccAddress, UnbondingKey, types.VoteUnbonding]
}

// IndexesList implements collections.Indexes.
func (i VoteUnbondingIndexes) IndexesList() []collections.Index[UnbondingKey, types.VoteUnbonding] {
	return []collections.Index[UnbondingKey, types.VoteUnbonding]{i.Voter}
}

// VoteState is the votes part of the store: XMTP holders back operators.
type VoteState struct {
	// Votes holds the locked votes: (operator, voter) -> amount in bond_denom.
	Votes *collections.IndexedMap[VoteKey, math.Int, VoteIndexes]
	// Totals is the running vote total of each registered operator (O(1) per message).
	Totals collections.Map[sdk.AccAddress, math.Int]
	// Unbondings holds withdrawn votes by (completion unix nanos, id).
	Unbondings *collections.IndexedMap[UnbondingKey, types.VoteUnbonding, VoteUnbondingIndexes]
	// UnbondingID numbers the vote unbondings.
	UnbondingID collections.Sequence
	// Returns holds the operators whose record was deleted while votes for
	// them remain; BeginBlocker returns those votes, bounded per block.
	Returns collections.KeySet[sdk.AccAddress]
}

// newVoteState registers the vote collections with the schema builder.
func newVoteState(sb *collections.SchemaBuilder, cdc codec.Codec, decode func(string) ([]byte, error)) VoteState {
	ubKey := collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)
	return VoteState{
		Votes: collections.NewIndexedMap(sb, types.VotesKey, "votes",
			collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey), sdk.IntValue,
			VoteIndexes{Voter: indexes.NewMulti(sb, types.VotesByVoterKey, "votes_by_voter", sdk.AccAddressKey,
				collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey),
				func(k VoteKey, _ math.Int) (sdk.AccAddress, error) { return k.K2(), nil })}),
		Totals: collections.NewMap(sb, types.VoteTotalsKey, "vote_totals", sdk.AccAddressKey, sdk.IntValue),
		Unbondings: collections.NewIndexedMap(sb, types.VoteUnbondingsKey, "vote_unbondings", ubKey,
			codec.CollValue[types.VoteUnbonding](cdc),
			VoteUnbondingIndexes{Voter: indexes.NewMulti(sb, types.VoteUnbondingsByVoterKey, "vote_unbondings_by_voter",
				sdk.AccAddressKey, ubKey,
				func(_ UnbondingKey, u types.VoteUnbonding) (sdk.AccAddress, error) { return decode(u.Voter) })}),
		UnbondingID: collections.NewSequence(sb, types.VoteUnbondingIDKey, "vote_unbonding_id"),
		Returns:     collections.NewKeySet(sb, types.VoteReturnsKey, "vote_returns", sdk.AccAddressKey),
	}
}

// VoteTotal is the running vote total of operator (zero when none).
func (k *Keeper) VoteTotal(ctx context.Context, operator sdk.AccAddress) (math.Int, error) {
	t, err := k.VoteState.Totals.Get(ctx, operator)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return t, err
}

// voteOf is what voter has locked for operator (zero when nothing).
func (k *Keeper) voteOf(ctx context.Context, key VoteKey) (math.Int, error) {
	v, err := k.VoteState.Votes.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

// setVote stores a vote amount (removing it at zero) and moves the operator's
// total by delta.
func (k *Keeper) setVote(ctx context.Context, key VoteKey, amount, delta math.Int) (math.Int, error) {
	if amount.IsZero() {
		if err := k.VoteState.Votes.Remove(ctx, key); err != nil {
			return math.Int{}, err
		}
	} else if err := k.VoteState.Votes.Set(ctx, key, amount); err != nil {
		return math.Int{}, err
	}
	total, err := k.VoteTotal(ctx, key.K1())
	if err != nil {
		return math.Int{}, err
	}
	total = total.Add(delta)
	if total.IsZero() {
		return total, k.VoteState.Totals.Remove(ctx, key.K1())
	}
	return total, k.VoteState.Totals.Set(ctx, key.K1(), total)
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
	if returning, err := k.VoteState.Returns.Has(ctx, operator); err != nil {
		return nil, nil, types.Operator{}, err
	} else if returning {
		return nil, nil, types.Operator{}, types.ErrVotesReturning.Wrapf("operator %s: the votes for its deleted record are being returned; try again in a later block", operatorStr)
	}
	op, err := k.Operators.Get(ctx, operator)
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
	params, err := k.Params.Get(ctx)
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
	params, err := k.Params.Get(ctx)
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
	id, err := k.VoteState.UnbondingID.Next(ctx)
	if err != nil {
		return nil, err
	}
	entry := types.VoteUnbonding{Id: id, Voter: msg.Voter, Operator: msg.Operator, Amount: msg.Amount.Amount, CompletionTime: done}
	if err := k.VoteState.Unbondings.Set(ctx, collections.Join(done.UnixNano(), id), entry); err != nil {
		return nil, err
	}
	ev := &types.EventUnvoted{Voter: msg.Voter, Operator: msg.Operator, Amount: msg.Amount.String(),
		Total: sdk.NewCoin(params.BondDenom, total).String(), CompletionTime: done}
	return &types.MsgUnvoteResponse{CompletionTime: done}, events.Emit(ctx, ev)
}
