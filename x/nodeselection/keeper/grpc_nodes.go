package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Nodes returns the XMTP node registry. PLACEHOLDER until the node identity keeper work lands.
func (q Querier) Nodes(ctx context.Context, req *types.QueryNodesRequest) (*types.QueryNodesResponse, error) {
	return nil, status.Error(codes.Unimplemented, "Nodes")
}

// Node returns one XMTP node. PLACEHOLDER until the node identity keeper work lands.
func (q Querier) Node(ctx context.Context, req *types.QueryNodeRequest) (*types.QueryNodeResponse, error) {
	return nil, status.Error(codes.Unimplemented, "Node")
}
