package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// MaxPerformanceRange is the most cycles one Performance query covers.
const MaxPerformanceRange = 1000

// Performance returns owner's settled performance records in [from_cycle,
// to_cycle] (to_cycle 0 = from_cycle + 999), oldest first; at most 1000 cycles.
func (q Querier) Performance(ctx context.Context, req *types.QueryPerformanceRequest) (*types.QueryPerformanceResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.k.addr(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "owner %q: %s", req.Owner, err)
	}
	to := req.ToCycle
	if to == 0 {
		to = req.FromCycle + MaxPerformanceRange - 1
	}
	if to < req.FromCycle {
		return nil, types.ErrInvalidCycleRange.Wrapf("to_cycle %d is before from_cycle %d", to, req.FromCycle)
	}
	if to-req.FromCycle >= MaxPerformanceRange {
		return nil, types.ErrInvalidCycleRange.Wrapf("range %d..%d spans %d cycles; at most %d", req.FromCycle, to, to-req.FromCycle+1, MaxPerformanceRange)
	}
	resp := &types.QueryPerformanceResponse{}
	for c := req.FromCycle; ; c++ {
		p, err := q.k.Performances().Get(ctx, collections.Join(c, owner))
		if err == nil {
			resp.Performances = append(resp.Performances, p)
		} else if !errors.Is(err, collections.ErrNotFound) {
			return nil, err
		}
		if c == to {
			break
		}
	}
	return resp, nil
}

// Violations lists owner's violations (excused ones flagged), the penalty in
// force now and the end of its jail time.
func (q Querier) Violations(ctx context.Context, req *types.QueryViolationsRequest) (*types.QueryViolationsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.k.addr(req.Owner)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "owner %q: %s", req.Owner, err)
	}
	iter, err := q.k.Violations().Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner))
	if err != nil {
		return nil, err
	}
	vs, err := iter.Values()
	if err != nil {
		return nil, err
	}
	resp := &types.QueryViolationsResponse{Violations: vs}
	if op, err := q.k.Operators().Get(ctx, owner); err == nil {
		resp.Penalty = types.EffectivePenalty(op.Penalty, sdkNow(ctx))
		resp.JailedUntil = op.JailedUntil
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	return resp, nil
}
