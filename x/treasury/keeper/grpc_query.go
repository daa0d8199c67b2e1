package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the x/treasury Query service.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// Params returns the module parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Buckets returns every bucket and the module account balance.
func (q queryServer) Buckets(ctx context.Context, _ *types.QueryBucketsRequest) (*types.QueryBucketsResponse, error) {
	buckets, err := q.k.AllBuckets(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	addr := q.k.ModuleAddress()
	addrStr, err := q.k.ak.AddressCodec().BytesToString(addr)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryBucketsResponse{
		Buckets:       buckets,
		ModuleAddress: addrStr,
		ModuleBalance: q.k.bk.GetAllBalances(ctx, addr),
	}, nil
}

// Inflows pages through the inflow records.
func (q queryServer) Inflows(ctx context.Context, req *types.QueryInflowsRequest) (*types.QueryInflowsResponse, error) {
	if req == nil {
		req = &types.QueryInflowsRequest{}
	}
	inflows, page, err := query.CollectionPaginate(ctx, q.k.Inflows, req.Pagination,
		func(_ uint64, v types.Inflow) (types.Inflow, error) { return v, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryInflowsResponse{Inflows: inflows, Pagination: page}, nil
}

// Spends pages through the spend records.
func (q queryServer) Spends(ctx context.Context, req *types.QuerySpendsRequest) (*types.QuerySpendsResponse, error) {
	if req == nil {
		req = &types.QuerySpendsRequest{}
	}
	spends, page, err := query.CollectionPaginate(ctx, q.k.Spends, req.Pagination,
		func(_ uint64, v types.Spend) (types.Spend, error) { return v, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QuerySpendsResponse{Spends: spends, Pagination: page}, nil
}
