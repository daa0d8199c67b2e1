package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Votes are never slashed and follow the operator through jail; once its
// record is deleted they come back to the voters, at most
// max_matured_per_block per block, and new votes wait until that is done.
func TestVotesSurviveJailAndReturnWhenRecordDeleted(t *testing.T) {
	// ARRANGE: op6 (not seated) backed by three voters; two returns per block.
	f, ops := dutiesFixture(t, func(p *types.Params) { p.MaxMaturedPerBlock = 2 })
	target := ops[5]
	voters := []sdk.AccAddress{addr(91), addr(92), addr(93)}
	for i, v := range voters {
		f.fund(v, 1000)
		require.NoError(t, f.vote(v, target, int64(100*(i+1))))
	}
	t0 := f.ctx.BlockTime()
	for i := 0; i < 4; i++ {
		f.violate(target)
	}
	require.Equal(t, types.OPERATOR_STATUS_JAILED, f.operator(target).Status)

	// ACT 1: jail slashed the bond, not the votes; a jailed operator still takes votes
	require.Equal(t, math.NewInt(90_000_000_000), f.operator(target).Stake)
	require.Equal(t, math.NewInt(600), f.votes(target).Total)
	require.NoError(t, f.vote(voters[0], target, 1))
	require.NoError(t, f.unvote(voters[0], target, 1))
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	// ACT 2: deregister; votes for a leaving operator are refused, withdrawals are not
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(target)})
	require.NoError(t, err)
	require.ErrorIs(t, f.vote(voters[1], target, 5), types.ErrOperatorLeaving)
	unbonding := types.DefaultParams().UnbondingPeriod
	f.at(t0.Add(unbonding)) // bond paid back, record deleted; two votes returned
	_, err = f.k.GetOperator(f.ctx, target)
	require.Error(t, err, "record deleted")

	// ASSERT: bounded: two of three returned in this block, the third in the next
	returned := 0
	for _, v := range voters {
		if f.balance(v).Equal(math.NewInt(1000)) {
			returned++
		}
	}
	require.Equal(t, 2, returned)
	res := f.votes(target)
	require.True(t, res.Returning)
	require.True(t, res.Total.IsZero(), "votes of a deleted record count for nothing")
	require.ErrorIs(t, f.vote(voters[0], target, 5), types.ErrVotesReturning)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	f.at(t0.Add(unbonding + 1))
	for _, v := range voters {
		require.Equal(t, math.NewInt(1000), f.balance(v), "voter %s", f.str(v))
	}
	require.False(t, f.votes(target).Returning)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventVoteReturned")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// ROUND_ROBIN ignores votes: the same chain with and without a large vote
// rotates identically.
func TestRoundRobinIgnoresVotes(t *testing.T) {
	// ARRANGE
	plain, _ := genesisWithOperators(t, 6, func(p *types.Params) { p.ActiveSetSize = 2; p.MaxDailyTurnoverBps = 20000 })
	backed, ops := genesisWithOperators(t, 6, func(p *types.Params) { p.ActiveSetSize = 2; p.MaxDailyTurnoverBps = 20000 })
	voter := addr(90)
	backed.fund(voter, 1_000_000*minBond)
	require.NoError(t, backed.vote(voter, ops[5], 1_000_000*minBond))

	// ACT + ASSERT
	for c := 1; c <= 12; c++ {
		plain.boundary(c)
		backed.boundary(c)
		require.Equal(t, memberOwners(plain.state().Current), memberOwners(backed.state().Current), "cycle %d", c)
	}
}

// Votes change a WEIGHTED draw on the chain: with one seat and full turnover,
// the next member is drawn from the three operators not serving. Without
// votes each serves a quarter of the cycles; with votes making A ten times
// heavier, A is drawn 10/12 of the times it is not serving, i.e. about 10/22
// of the cycles. The assertion (more than 38%) fails if votes are ignored.
func TestVotesChangeWeightedDraw(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 4, func(p *types.Params) {
		p.ActiveSetSize = 1
		p.MaxDailyTurnoverBps = 20000
		p.Strategy = types.STRATEGY_WEIGHTED
	})
	voter := addr(90)
	f.fund(voter, 18*minBond)
	require.NoError(t, f.vote(voter, ops[0], 18*minBond)) // (1 + 9) * 1e11 * credit
	const n = 200
	served := 0

	// ACT
	for c := 1; c <= n; c++ {
		f.ctx = f.ctx.WithHeaderHash([]byte{byte(c), byte(c >> 8), 7})
		f.boundary(c)
		if f.state().Current[0].Owner == f.str(ops[0]) {
			served++
		}
	}

	// ASSERT
	require.Greater(t, served, n*38/100, "backed operator served %d of %d cycles", served, n)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// Export then import reproduces votes, vote unbondings and totals exactly.
func TestVotesGenesisRoundTrip(t *testing.T) {
	// ARRANGE
	f, ops := genesisWithOperators(t, 3, nil)
	v1, v2 := addr(91), addr(92)
	f.fund(v1, 1000)
	f.fund(v2, 1000)
	require.NoError(t, f.vote(v1, ops[0], 300))
	require.NoError(t, f.vote(v2, ops[0], 200))
	require.NoError(t, f.vote(v2, ops[1], 100))
	require.NoError(t, f.unvote(v2, ops[0], 50))
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)

	// ACT
	g := newFixtureWith(t, func(g *fixture) *types.GenesisState {
		require.NoError(t, g.nft.SaveClass(g.ctx, nft.Class{Id: types.NFTClassID}))
		for _, n := range f.nft.GetNFTsOfClass(f.ctx, types.NFTClassID) {
			require.NoError(t, g.nft.Mint(g.ctx, n, f.nft.GetOwner(f.ctx, types.NFTClassID, n.Id)))
		}
		coins := sdk.NewCoins(sdk.NewCoin(bond, f.escrow()))
		require.NoError(t, g.bank.MintCoins(g.ctx, faucet, coins))
		require.NoError(t, g.bank.SendCoinsFromModuleToModule(g.ctx, faucet, types.ModuleName, coins))
		g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
		return exported
	})

	// ASSERT
	require.Len(t, exported.Votes, 3)
	require.Len(t, exported.VoteUnbondings, 1)
	require.Equal(t, f.rawStore(), g.rawStore())
	require.Equal(t, math.NewInt(450), g.votes(ops[0]).Total)
	require.NoError(t, g.k.CheckInvariants(g.ctx))
}
