package keeper_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// refuseTo makes the bank refuse every send to a while *on is true.
func (f *fixture) refuseTo(a sdk.AccAddress, on *bool) {
	f.bank.AppendSendRestriction(func(_ context.Context, _, to sdk.AccAddress, _ sdk.Coins) (sdk.AccAddress, error) {
		if *on && to.Equals(a) {
			return nil, errors.New("blocked address")
		}
		return to, nil
	})
}

// voteUnbondings is the voter's vote unbondings as VotesByVoter shows them.
func (f *fixture) voteUnbondings(t *testing.T, voter sdk.AccAddress) []types.VoteUnbonding {
	t.Helper()
	res, err := f.q.VotesByVoter(f.ctx, &types.QueryVotesByVoterRequest{Voter: f.str(voter)})
	require.NoError(t, err)
	return res.Unbondings
}

// votePaybackFailures is the EventVotePaybackFailed events of the last block.
func (f *fixture) votePaybackFailures(t *testing.T) []types.EventVotePaybackFailed {
	t.Helper()
	return events.Typed[types.EventVotePaybackFailed](f.ctx)
}

// A matured vote unbonding whose payback fails is moved one cycle_duration
// later with an event, like a bond; the entry behind it is paid in the next
// block even with one payback per block; the deferred one is paid once the
// voter can receive again.
func TestFailedVotePaybackDoesNotBlockLaterUnbondings(t *testing.T) {
	// ARRANGE: two voters unvote in the same block, the first cannot receive.
	f, ops := genesisWithOperators(t, 4, func(p *types.Params) { p.MaxMaturedPerBlock = 1 })
	blocked, later := addr(91), addr(92)
	for _, v := range []sdk.AccAddress{blocked, later} {
		f.fund(v, 1000)
		require.NoError(t, f.vote(v, ops[0], 400))
		require.NoError(t, f.unvote(v, ops[0], 400))
	}
	refusing := true
	f.refuseTo(blocked, &refusing)
	params, err := f.k.Params().Get(f.ctx)
	require.NoError(t, err)
	done := f.ctx.BlockTime().Add(params.UnbondingPeriod)

	// ACT: the first block at maturity tries the blocked voter, the next pays the later one.
	f.at(done)
	failed := f.votePaybackFailures(t)
	f.at(done.Add(5 * time.Second))

	// ASSERT
	retryAt := done.Add(params.CycleDuration)
	require.Len(t, failed, 1)
	require.Equal(t, f.str(blocked), failed[0].Voter)
	require.Equal(t, "400"+bond, failed[0].Amount)
	require.Equal(t, retryAt, failed[0].RetryAt)
	require.Contains(t, failed[0].Reason, "blocked address")
	require.Equal(t, math.NewInt(1000), f.balance(later), "not held up by the failed entry")
	require.Equal(t, math.NewInt(600), f.balance(blocked))
	ub := f.voteUnbondings(t, blocked)
	require.Len(t, ub, 1)
	require.Equal(t, retryAt, ub[0].CompletionTime, "retried one cycle_duration later")
	require.NoError(t, f.k.CheckInvariants(f.ctx), "the votes are still in escrow")
	refusing = false
	f.at(retryAt.Add(-time.Second))
	require.Equal(t, math.NewInt(600), f.balance(blocked), "not before the retry time")
	f.at(retryAt)
	require.Equal(t, math.NewInt(1000), f.balance(blocked))
	require.Empty(t, f.voteUnbondings(t, blocked))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// When an operator's record is deleted, a vote whose return fails becomes a
// vote unbonding retried one cycle_duration later (with an event) instead of
// stopping the return queue: the votes behind it are returned in the next
// block even with one return per block.
func TestFailedVoteReturnDoesNotBlockReturnQueue(t *testing.T) {
	// ARRANGE: a leaving operator backed by two voters; the first (in queue
	// order) cannot receive; one return per block.
	f, ops := genesisWithOperators(t, 12, func(p *types.Params) { p.MaxMaturedPerBlock = 1 })
	target := ops[11]
	blocked, later := addr(91), addr(92)
	for _, v := range []sdk.AccAddress{blocked, later} {
		f.fund(v, 1000)
		require.NoError(t, f.vote(v, target, 300))
	}
	refusing := true
	f.refuseTo(blocked, &refusing)
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(target)})
	require.NoError(t, err)
	params, err := f.k.Params().Get(f.ctx)
	require.NoError(t, err)
	done := f.ctx.BlockTime().Add(params.UnbondingPeriod)

	// ACT: the record is deleted at maturity and the return of the blocked
	// voter's vote fails; the next block returns the later voter's.
	f.at(done)
	_, err = f.k.GetOperator(f.ctx, target)
	require.Error(t, err, "record deleted")
	failed := f.votePaybackFailures(t)
	f.at(done.Add(5 * time.Second))

	// ASSERT
	require.Len(t, failed, 1)
	require.Equal(t, f.str(blocked), failed[0].Voter)
	require.Equal(t, f.str(target), failed[0].Operator)
	require.Equal(t, math.NewInt(1000), f.balance(later), "not held up by the failed return")
	f.at(done.Add(10 * time.Second))
	require.False(t, f.votes(target).Returning, "the return queue is done")
	ub := f.voteUnbondings(t, blocked)
	require.Len(t, ub, 1)
	require.Equal(t, types.VoteUnbonding{Id: failed[0].Id, Voter: f.str(blocked), Operator: f.str(target),
		Amount: math.NewInt(300), CompletionTime: done.Add(params.CycleDuration)}, ub[0])
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	refusing = false
	f.at(done.Add(params.CycleDuration))
	require.Equal(t, math.NewInt(1000), f.balance(blocked))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
