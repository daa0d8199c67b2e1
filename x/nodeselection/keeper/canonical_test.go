package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// A message that reaches the handlers without the ante handler's check
// (a direct keeper call, a simulation) cannot create a second identity: the
// handlers store the canonical string of the decoded bytes.
func TestHandlersStoreCanonicalAddresses(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	owner, signer, payout := addr(1), addr(2), addr(3)
	f.fund(owner, minBond)
	msg := f.registerMsg(owner, f.issue(owner), minBond)
	msg.Owner, msg.PayoutAddress = strings.ToUpper(f.str(owner)), strings.ToUpper(f.str(payout))

	// ACT
	_, err := f.msg.RegisterOperator(f.ctx, msg)
	require.NoError(t, err)
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: strings.ToUpper(f.str(owner)), Signer: strings.ToUpper(f.str(signer))})
	require.NoError(t, err)
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: strings.ToUpper(f.str(signer)), Owner: f.str(owner)})
	require.NoError(t, err)

	// ASSERT
	op := f.operator(owner)
	require.Equal(t, []string{f.str(owner), f.str(signer), f.str(payout)}, []string{op.Owner, op.Signer, op.PayoutAddress})
	it, err := f.k.Operators().Indexes.Signer.MatchExact(f.ctx, f.str(signer))
	require.NoError(t, err)
	pks, err := it.PrimaryKeys()
	require.NoError(t, err)
	require.Equal(t, []sdk.AccAddress{owner}, pks, "the signer index is keyed by the canonical signer")
	require.Equal(t, strings.ToUpper(f.str(owner)), msg.Owner, "the caller's message is not modified")
}

// Votes and vote unbondings sent with an upper-case voter or operator are
// stored under the canonical strings: the backer lists and the unbonding
// queue know one identity per account.
func TestVoteHandlersStoreCanonicalAddresses(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 1, nil)
	voter := addr(90)
	f.fund(voter, 1000)
	upper := func(a sdk.AccAddress) string { return strings.ToUpper(f.str(a)) }

	// ACT
	_, err := f.msg.Vote(f.ctx, &types.MsgVote{Voter: upper(voter), Operator: upper(ops[0]), Amount: sdk.NewInt64Coin(bond, 400)})
	require.NoError(t, err)
	_, err = f.msg.Unvote(f.ctx, &types.MsgUnvote{Voter: upper(voter), Operator: upper(ops[0]), Amount: sdk.NewInt64Coin(bond, 100)})
	require.NoError(t, err)

	// ASSERT
	var unbondings []types.VoteUnbonding
	require.NoError(t, f.k.VoteState.Unbondings().Walk(f.ctx, nil, func(_ collections.Pair[int64, uint64], u types.VoteUnbonding) (bool, error) {
		unbondings = append(unbondings, u)
		return false, nil
	}))
	require.Len(t, unbondings, 1)
	require.Equal(t, []string{f.str(voter), f.str(ops[0])}, []string{unbondings[0].Voter, unbondings[0].Operator})
	require.Equal(t, []types.Vote{{Voter: f.str(voter), Operator: f.str(ops[0]), Amount: math.NewInt(300)}}, f.votes(ops[0]).Votes)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
