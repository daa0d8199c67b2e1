package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// MsgVoteFactory votes a random amount from a random account (not the owner)
// for a random operator that is not leaving.
func MsgVoteFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgVote] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgVote) {
		op, _ := randomOperator(ctx, k, nk, testData, reporter, false)
		if reporter.IsSkipped() {
			return nil, nil
		}
		params, err := k.Params().Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		from := testData.AnyAccount(reporter, simsx.ExcludeAddresses(op.Owner))
		amount := sdk.NewCoin(params.BondDenom, math.NewInt(1+testData.Rand().Int63n(1_000_000)))
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(amount) {
			reporter.Skip("voter cannot pay")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgVote{Voter: from.AddressBech32, Operator: op.Owner, Amount: amount}
	}
}

// MsgUnvoteFactory withdraws part or all of a random existing vote whose
// operator still has a record.
func MsgUnvoteFactory(k *keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnvote] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnvote) {
		params, err := k.Params().Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		var votes []types.Vote
		err = k.VoteState.Votes().Walk(ctx, nil, func(key keeper.VoteKey, amt math.Int) (bool, error) {
			voter, operator := key.K2().String(), key.K1().String()
			if returning, err := k.VoteState.Returns().Has(ctx, key.K1()); err != nil || returning || !testData.HasAccount(voter) {
				return false, err
			}
			votes = append(votes, types.Vote{Voter: voter, Operator: operator, Amount: amt})
			return len(votes) >= 50, nil
		})
		if err != nil || len(votes) == 0 {
			reporter.Skip("no vote to withdraw")
			return nil, nil
		}
		v := votes[testData.Rand().Intn(len(votes))]
		amount := math.NewInt(1 + testData.Rand().Int63n(v.Amount.Int64()))
		from := testData.GetAccount(reporter, v.Voter)
		return []simsx.SimAccount{from}, &types.MsgUnvote{Voter: v.Voter, Operator: v.Operator, Amount: sdk.NewCoin(params.BondDenom, amount)}
	}
}
