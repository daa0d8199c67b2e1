package keeper

import (
	"context"
	"encoding/binary"
	"errors"
	"time"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const (
	// defaultPageLimit is the Queue page size when none is asked for.
	defaultPageLimit = 100
	// maxPageLimit caps the Queue page size.
	maxPageLimit = 1000
	// MaxScheduleCycles is the longest prediction Query/Schedule makes.
	MaxScheduleCycles = 200
	// defaultScheduleCycles is used when the request asks for 0 cycles.
	defaultScheduleCycles = 10
	// scheduleReadAhead is how many queue entries a Schedule query beyond the
	// stored cycles reads ahead per iterator (each predicted rotation usually
	// takes one or two entries past the previous one).
	scheduleReadAhead = 64
)

// Queue lists the queue in rotation order, starting at the pointer and
// wrapping once, each entry with its eligibility now and the reason when not
// eligible. pagination.key is the queue_seq to resume at (8 bytes big endian).
func (q Querier) Queue(ctx context.Context, req *types.QueryQueueRequest) (*types.QueryQueueResponse, error) {
	if req == nil {
		req = &types.QueryQueueRequest{}
	}
	state, err := q.k.CycleState().Get(ctx)
	if err != nil {
		return nil, err
	}
	params, err := q.k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	page := req.Pagination
	if page == nil {
		page = &query.PageRequest{}
	}
	limit := page.Limit
	if limit == 0 {
		limit = defaultPageLimit
	}
	if limit > maxPageLimit {
		return nil, status.Errorf(codes.InvalidArgument, "pagination.limit %d exceeds the maximum %d", limit, maxPageLimit)
	}
	type span struct{ from, to uint64 } // to exclusive, 0 = unbounded
	p := state.QueuePointer
	start := p
	if len(page.Key) > 0 {
		if len(page.Key) != 8 {
			return nil, status.Error(codes.InvalidArgument, "pagination.key must be the 8-byte queue_seq returned as next_key")
		}
		start = binary.BigEndian.Uint64(page.Key)
	}
	var spans []span
	if start >= p {
		spans = append(spans, span{start, 0})
		if p > 0 {
			spans = append(spans, span{0, p})
		}
	} else {
		spans = append(spans, span{start, p})
	}
	src := q.k.newSource(ctx, params, sdkNow(ctx))
	members := map[string]bool{}
	for _, m := range append(append([]types.Member{}, state.Current...), state.Next...) {
		members[m.Owner] = true
	}
	resp := &types.QueryQueueResponse{Pointer: p, Pagination: &query.PageResponse{}}
	skip := page.Offset
	if len(page.Key) > 0 {
		skip = 0
	}
	var total uint64
	for _, sp := range spans {
		rng := new(collections.Range[uint64]).StartInclusive(sp.from)
		if sp.to != 0 {
			rng = rng.EndExclusive(sp.to)
		}
		err := q.k.Queue().Walk(ctx, rng, func(seq uint64, owner string) (bool, error) {
			total++
			if skip > 0 {
				skip--
				return false, nil
			}
			if uint64(len(resp.Entries)) >= limit {
				if resp.Pagination.NextKey == nil {
					resp.Pagination.NextKey = binary.BigEndian.AppendUint64(nil, seq)
				}
				return !page.CountTotal, nil
			}
			reason, err := src.Reason(owner)
			if err != nil {
				return true, err
			}
			v, _ := src.view(owner)
			resp.Entries = append(resp.Entries, types.QueueEntry{
				QueueSeq: seq, Owner: owner, Status: v.op.Status, Eligible: reason == "", Reason: reason, Member: members[owner],
			})
			return false, nil
		})
		if err != nil {
			return nil, err
		}
		if resp.Pagination.NextKey != nil && !page.CountTotal {
			break
		}
	}
	if page.CountTotal {
		resp.Pagination.Total = total
	}
	return resp, nil
}

// Schedule predicts the sets of the next `cycles` cycles (default 10, at most
// 200) if nothing changes, by running the rotation in memory at each future
// boundary; nothing is written.
func (q Querier) Schedule(ctx context.Context, req *types.QueryScheduleRequest) (*types.QueryScheduleResponse, error) {
	if req == nil {
		req = &types.QueryScheduleRequest{}
	}
	n := req.Cycles
	if n == 0 {
		n = defaultScheduleCycles
	}
	if n > MaxScheduleCycles {
		return nil, types.ErrInvalidScheduleSpan.Wrapf("cycles %d exceeds the maximum %d", n, MaxScheduleCycles)
	}
	if cached, err := q.k.ScheduleCache().Get(ctx); err == nil && uint32(len(cached.Cycles)) >= n {
		cached.Cycles = cached.Cycles[:n]
		return &cached, nil
	} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	return q.k.schedule(ctx, n)
}

// schedule predicts the next n cycles from the current state (no writes).
// Beyond the stored cycles (a query) the queue is read ahead.
func (k *Keeper) schedule(ctx context.Context, n uint32) (*types.QueryScheduleResponse, error) {
	readAhead := 0
	if n > defaultScheduleCycles {
		readAhead = scheduleReadAhead
	}
	return k.replaySchedule(ctx, n, readAhead)
}

// replaySchedule runs the rotation n times in memory, reading readAhead
// queue entries past each scan's stop.
func (k *Keeper) replaySchedule(ctx context.Context, n uint32, readAhead int) (*types.QueryScheduleResponse, error) {
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryScheduleResponse{Strategy: params.Strategy}
	if params.Strategy != types.STRATEGY_ROUND_ROBIN {
		resp.Cycles = []types.ScheduledCycle{{Cycle: state.Cycle + 1, Start: state.NextBoundary, Members: owners(state.Next)}}
		return resp, nil
	}
	d := params.CycleDuration
	src := k.newSource(ctx, params, state.NextBoundary)
	src.readAhead = readAhead
	budget := types.RotationBudget(params.ActiveSetSize, params.MaxDailyTurnoverBps, d)
	announced, pointer := state.Next, state.QueuePointer
	for j := uint32(0); j < n; j++ {
		cycle := state.Cycle + 1 + uint64(j)
		start := state.NextBoundary.Add(time.Duration(j) * d)
		src.now = start
		res, err := types.Rotate(src, types.RotationInput{
			Cycle: cycle, Announced: announced, ActiveSetSize: params.ActiveSetSize,
			Budget: budget, Pointer: pointer, MaxQueueScan: params.MaxQueueScan,
		})
		if err != nil {
			return nil, err
		}
		resp.Cycles = append(resp.Cycles, types.ScheduledCycle{Cycle: cycle, Start: start, Members: owners(res.Current)})
		announced, pointer = res.Next, res.Pointer
	}
	return resp, nil
}

// refreshSchedule stores the schedule of the next defaultScheduleCycles cycles
// after a boundary (ROUND_ROBIN only), so Query/Schedule reads one item
// instead of replaying rotations: "store what you computed once".
func (k *Keeper) refreshSchedule(ctx context.Context) error {
	resp, err := k.schedule(ctx, defaultScheduleCycles)
	if err != nil {
		return err
	}
	if resp.Strategy != types.STRATEGY_ROUND_ROBIN {
		return k.DropSchedule(ctx)
	}
	return k.StoreSchedule(ctx, *resp)
}
