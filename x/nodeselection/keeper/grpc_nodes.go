package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Nodes returns the XMTP node registry (SPEC 14): every registered
// operator as a node, ordered by node_id, with its flags for the current
// cycle.
func (q Querier) Nodes(ctx context.Context, req *types.QueryNodesRequest) (*types.QueryNodesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	state, err := q.k.CycleState.Get(ctx)
	if err != nil {
		return nil, err
	}
	nodes, page, err := query.CollectionPaginate(ctx, q.k.Operators.Indexes.Node.NodeID.m, req.Pagination,
		func(_ uint32, owner sdk.AccAddress) (types.Node, error) {
			op, err := q.k.Operators.Get(ctx, owner)
			if err != nil {
				return types.Node{}, err
			}
			return NodeOf(op, state), nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryNodesResponse{Nodes: nodes, Pagination: page, Cycle: state.Cycle}, nil
}

// Node returns one XMTP node by its node_id.
func (q Querier) Node(ctx context.Context, req *types.QueryNodeRequest) (*types.QueryNodeResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	nftID, err := types.NFTFromNodeID(req.NodeId)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	owner, found, err := q.k.Operators.Indexes.Node.NodeID.Holder(ctx, req.NodeId)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, status.Errorf(codes.NotFound, "no node %d: no registered operator holds %s", req.NodeId, nftID)
	}
	op, err := q.k.Operators.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "no node %d", req.NodeId)
	} else if err != nil {
		return nil, err
	}
	state, err := q.k.CycleState.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryNodeResponse{Node: NodeOf(op, state), Cycle: state.Cycle}, nil
}
