package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Querier implements the x/nodeselection Query service.
type Querier struct{ k *Keeper }

var _ types.QueryServer = Querier{}

// NewQuerier returns the Query service.
func NewQuerier(k *Keeper) Querier { return Querier{k: k} }

// Params returns the parameters.
func (q Querier) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Operator returns one operator by owner.
func (q Querier) Operator(ctx context.Context, req *types.QueryOperatorRequest) (*types.QueryOperatorResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.k.addr(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "owner %q: %s", req.Owner, err)
	}
	op, err := q.k.Operators().Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "no operator registered by %s", req.Owner)
	} else if err != nil {
		return nil, err
	}
	return &types.QueryOperatorResponse{Operator: op}, nil
}

// Operators pages through operators, all or of one status.
func (q Querier) Operators(ctx context.Context, req *types.QueryOperatorsRequest) (*types.QueryOperatorsResponse, error) {
	if req == nil {
		req = &types.QueryOperatorsRequest{}
	}
	if req.Status == types.OPERATOR_STATUS_UNSPECIFIED {
		ops, page, err := query.CollectionPaginate(ctx, q.k.Operators(), req.Pagination,
			func(_ sdk.AccAddress, op types.Operator) (types.Operator, error) { return op, nil })
		if err != nil {
			return nil, err
		}
		return &types.QueryOperatorsResponse{Operators: ops, Pagination: page}, nil
	}
	ops, page, err := query.CollectionPaginate(ctx, q.k.Operators().Indexes.Status, req.Pagination,
		func(key collections.Pair[int32, sdk.AccAddress], _ collections.NoValue) (types.Operator, error) {
			return q.k.Operators().Get(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[int32, sdk.AccAddress](int32(req.Status)))
	if err != nil {
		return nil, err
	}
	return &types.QueryOperatorsResponse{Operators: ops, Pagination: page}, nil
}

// OperatorByNFT returns the operator registered with an NFT.
func (q Querier) OperatorByNFT(ctx context.Context, req *types.QueryOperatorByNFTRequest) (*types.QueryOperatorByNFTResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.k.Operators().Indexes.NFT.MatchExact(ctx, req.NftId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "no operator registered with %q", req.NftId)
	} else if err != nil {
		return nil, err
	}
	op, err := q.k.Operators().Get(ctx, owner)
	if err != nil {
		return nil, err
	}
	return &types.QueryOperatorByNFTResponse{Operator: op}, nil
}

// ActiveSet returns the current cycle and its current and next sets.
func (q Querier) ActiveSet(ctx context.Context, _ *types.QueryActiveSetRequest) (*types.QueryActiveSetResponse, error) {
	s, err := q.k.CycleState().Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryActiveSetResponse{Cycle: s.Cycle, CycleStart: s.CycleStart, NextBoundary: s.NextBoundary, Current: s.Current, Next: s.Next}, nil
}

// CycleHistory returns the record of an ended cycle. A cycle skipped by a
// halt has no record: the cycle before it spans it.
func (q Querier) CycleHistory(ctx context.Context, req *types.QueryCycleHistoryRequest) (*types.QueryCycleHistoryResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	r, err := q.k.CycleHistory().Get(ctx, req.Cycle)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "no record of cycle %d (not ended yet, or spanned by an earlier cycle after a halt)", req.Cycle)
	} else if err != nil {
		return nil, err
	}
	return &types.QueryCycleHistoryResponse{Record: r}, nil
}

// Unbondings lists an owner's unbonding entries, earliest completion first.
func (q Querier) Unbondings(ctx context.Context, req *types.QueryUnbondingsRequest) (*types.QueryUnbondingsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.k.addr(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "owner %q: %s", req.Owner, err)
	}
	it, err := q.k.Unbondings().Indexes.Owner.MatchExact(ctx, owner)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	keys, err := it.PrimaryKeys()
	if err != nil {
		return nil, err
	}
	resp := &types.QueryUnbondingsResponse{}
	for _, key := range keys {
		u, err := q.k.Unbondings().Get(ctx, key)
		if err != nil {
			return nil, err
		}
		resp.Entries = append(resp.Entries, u)
	}
	return resp, nil
}
