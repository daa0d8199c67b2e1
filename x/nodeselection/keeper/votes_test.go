package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func (f *fixture) vote(voter, op sdk.AccAddress, amount int64) error {
	_, err := f.msg.Vote(f.ctx, &types.MsgVote{Voter: f.str(voter), Operator: f.str(op), Amount: sdk.NewInt64Coin(bond, amount)})
	return err
}

func (f *fixture) unvote(voter, op sdk.AccAddress, amount int64) error {
	_, err := f.msg.Unvote(f.ctx, &types.MsgUnvote{Voter: f.str(voter), Operator: f.str(op), Amount: sdk.NewInt64Coin(bond, amount)})
	return err
}

func (f *fixture) votes(op sdk.AccAddress) *types.QueryVotesResponse {
	res, err := f.q.Votes(f.ctx, &types.QueryVotesRequest{Operator: f.str(op)})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) weight(op sdk.AccAddress) math.Int {
	w, err := keeper.WeightForTest(f.ctx, f.k, f.str(op))
	require.NoError(f.t, err)
	return w
}

// A vote moves the coins from the voter to the escrow, and raises the
// operator's weight by exactly votes / 2 * credit: (1e11 + 400/2) * 0.1 =
// 1e10 + 20.
func TestVoteEscrowsAndRaisesWeight(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 2, nil)
	voter := addr(90)
	f.fund(voter, 1000)
	escrow, before := f.escrow(), f.weight(ops[0])
	require.Equal(t, math.NewInt(10_000_000_000), before, "1e11 * credit_initial 0.1")

	// ACT
	require.NoError(t, f.vote(voter, ops[0], 400))

	// ASSERT
	require.Equal(t, math.NewInt(600), f.balance(voter))
	require.Equal(t, escrow.AddRaw(400), f.escrow())
	require.Equal(t, math.NewInt(10_000_000_020), f.weight(ops[0]))
	require.Equal(t, math.NewInt(10_000_000_000), f.weight(ops[1]), "the other operator is unchanged")
	res := f.votes(ops[0])
	require.Equal(t, math.NewInt(400), res.Total)
	require.Equal(t, []types.Vote{{Voter: f.str(voter), Operator: f.str(ops[0]), Amount: math.NewInt(400)}}, res.Votes)
	byVoter, err := f.q.VotesByVoter(f.ctx, &types.QueryVotesByVoterRequest{Voter: f.str(voter)})
	require.NoError(t, err)
	require.Equal(t, res.Votes, byVoter.Votes)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventVoted")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	require.Equal(t, f.operator(ops[0]).Stake, math.NewInt(minBond), "votes are not stake")
}

// An operator's owner cannot vote for itself; zero, negative, wrong-denom,
// unknown-operator, bad-address and unaffordable votes are rejected; nothing
// changes.
func TestBadVotesRejectedNothingChanged(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 2, nil)
	voter := addr(90)
	f.fund(voter, 1000)
	f.fund(ops[0], 1000)
	before := f.snapshot(voter, ops[0])
	str := f.str
	for _, tc := range []struct {
		name string
		msg  *types.MsgVote
		want error
	}{
		{"self vote with the bond", &types.MsgVote{Voter: str(ops[0]), Operator: str(ops[0]), Amount: sdk.NewInt64Coin(bond, 10)}, types.ErrSelfVote},
		{"zero", &types.MsgVote{Voter: str(voter), Operator: str(ops[0]), Amount: sdk.NewInt64Coin(bond, 0)}, types.ErrInvalidAmount},
		{"negative", &types.MsgVote{Voter: str(voter), Operator: str(ops[0]), Amount: sdk.Coin{Denom: bond, Amount: math.NewInt(-5)}}, types.ErrInvalidAmount},
		{"wrong denom", &types.MsgVote{Voter: str(voter), Operator: str(ops[0]), Amount: sdk.NewInt64Coin("uusdc", 10)}, types.ErrInvalidDenom},
		{"unknown operator", &types.MsgVote{Voter: str(voter), Operator: str(addr(77)), Amount: sdk.NewInt64Coin(bond, 10)}, types.ErrNotRegistered},
		{"bad operator address", &types.MsgVote{Voter: str(voter), Operator: "xmtp1nope", Amount: sdk.NewInt64Coin(bond, 10)}, types.ErrInvalidAddress},
		{"more than the balance", &types.MsgVote{Voter: str(voter), Operator: str(ops[0]), Amount: sdk.NewInt64Coin(bond, 1001)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			_, err := f.msg.Vote(f.ctx, tc.msg)

			// ASSERT
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			require.Equal(t, before, f.snapshot(voter, ops[0]))
		})
	}
}

// Unvote lowers the total at once and starts an unbonding paid back at
// maturity (not a second earlier); more than voted is rejected.
func TestUnvoteUnbondsAndPaysBackAtMaturity(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 2, nil)
	voter := addr(90)
	f.fund(voter, 1000)
	require.NoError(t, f.vote(voter, ops[1], 400))
	unbonding := types.DefaultParams().UnbondingPeriod
	t0 := f.ctx.BlockTime()

	// ACT
	require.ErrorIs(t, f.unvote(voter, ops[1], 401), types.ErrInsufficientVotes)
	require.NoError(t, f.unvote(voter, ops[1], 150))

	// ASSERT
	require.Equal(t, math.NewInt(250), f.votes(ops[1]).Total)
	require.Equal(t, math.NewInt(10_000_000_012), f.weight(ops[1]), "(1e11 + 125) * 0.1 floored")
	require.Equal(t, math.NewInt(600), f.balance(voter), "nothing back before maturity")
	byVoter, err := f.q.VotesByVoter(f.ctx, &types.QueryVotesByVoterRequest{Voter: f.str(voter)})
	require.NoError(t, err)
	require.Len(t, byVoter.Unbondings, 1)
	require.Equal(t, t0.Add(unbonding), byVoter.Unbondings[0].CompletionTime)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	f.at(t0.Add(unbonding - 1))
	require.Equal(t, math.NewInt(600), f.balance(voter))
	f.at(t0.Add(unbonding))
	require.Equal(t, math.NewInt(750), f.balance(voter))
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventVoteReturned")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
