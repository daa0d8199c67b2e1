package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Votes returns an operator's running vote total and one page of its backers.
func (q Querier) Votes(ctx context.Context, req *types.QueryVotesRequest) (*types.QueryVotesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	op, err := q.k.addr(req.Operator)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "operator %q: %s", req.Operator, err)
	}
	total, err := q.k.VoteTotal(ctx, op)
	if err != nil {
		return nil, err
	}
	returning, err := q.k.VoteState.Returns().Has(ctx, op)
	if err != nil {
		return nil, err
	}
	votes, page, err := query.CollectionPaginate(ctx, q.k.VoteState.Votes(), req.Pagination,
		func(key VoteKey, amt math.Int) (types.Vote, error) {
			return types.Vote{Voter: q.k.addrString(key.K2()), Operator: req.Operator, Amount: amt}, nil
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, sdk.AccAddress](op))
	if err != nil {
		return nil, err
	}
	return &types.QueryVotesResponse{Total: total, Votes: votes, Pagination: page, Returning: returning}, nil
}

// VotesByVoter returns one page of a voter's votes and all its vote unbondings.
func (q Querier) VotesByVoter(ctx context.Context, req *types.QueryVotesByVoterRequest) (*types.QueryVotesByVoterResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	voter, err := q.k.addr(req.Voter)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "voter %q: %s", req.Voter, err)
	}
	votes, page, err := query.CollectionPaginate(ctx, q.k.VoteState.Votes().Indexes.Voter, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, VoteKey], _ collections.NoValue) (types.Vote, error) {
			amt, err := q.k.VoteState.Votes().Get(ctx, key.K2())
			return types.Vote{Voter: req.Voter, Operator: q.k.addrString(key.K2().K1()), Amount: amt}, err
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, VoteKey](voter))
	if err != nil {
		return nil, err
	}
	resp := &types.QueryVotesByVoterResponse{Votes: votes, Pagination: page}
	it, err := q.k.VoteState.Unbondings().Indexes.Voter.MatchExact(ctx, voter)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		key, err := it.PrimaryKey()
		if err != nil {
			return nil, err
		}
		u, err := q.k.VoteState.Unbondings().Get(ctx, key)
		if err != nil {
			return nil, err
		}
		resp.Unbondings = append(resp.Unbondings, u)
	}
	return resp, nil
}
