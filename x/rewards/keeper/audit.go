package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Audit recomputes a stored cycle from its stored inputs with its stored
// algorithm version and lists every field that differs.
func (q queryServer) Audit(ctx context.Context, req *types.QueryAuditRequest) (*types.QueryAuditResponse, error) {
	return q.k.Audit(ctx, req.Cycle)
}

// Audit is the keeper side of Query/Audit.
func (k *Keeper) Audit(ctx context.Context, cycle uint64) (*types.QueryAuditResponse, error) {
	stored, err := k.CycleRecords.Get(ctx, cycle)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrRecordNotFound.Wrapf("no stored record of cycle %d (not settled yet, or pruned)", cycle)
	}
	if err != nil {
		return nil, err
	}
	in := stored.Input()
	out, err := types.Allocate(in)
	if err != nil {
		return &types.QueryAuditResponse{
			Match: false, Stored: stored,
			Differences: []types.FieldDiff{{Field: "allocation", Stored: "valid inputs", Recomputed: err.Error()}},
		}, nil
	}
	recomputed := types.NewCycleRecord(stored.Meta(), in, out)
	diffs := types.DiffRecords(stored, recomputed)
	return &types.QueryAuditResponse{Match: len(diffs) == 0, Differences: diffs, Stored: stored, Recomputed: recomputed}, nil
}

// Simulate returns what the next settlement would pay, or what a stored
// cycle would have paid, under other params and/or budget.
func (q queryServer) Simulate(ctx context.Context, req *types.QuerySimulateRequest) (*types.QuerySimulateResponse, error) {
	var budget *math.Int
	if req.Budget != "" {
		b, ok := math.NewIntFromString(req.Budget)
		if !ok || b.IsNegative() {
			return nil, types.ErrInvalidAmount.Wrapf("budget %q must be a non-negative integer", req.Budget)
		}
		budget = &b
	}
	var rec types.CycleRecord
	var err error
	if req.Cycle != nil {
		rec, err = q.k.simulateStored(ctx, req.Cycle.Cycle, req.Params, budget)
	} else {
		rec, err = q.k.SimulateNext(ctx, req.Params, budget)
	}
	if err != nil {
		return nil, err
	}
	return &types.QuerySimulateResponse{Result: rec}, nil
}

// SimulateProposal simulates the next settlement with the params of the
// rewards MsgUpdateParams inside a governance proposal (the last one wins).
func (q queryServer) SimulateProposal(ctx context.Context, req *types.QuerySimulateProposalRequest) (*types.QuerySimulateProposalResponse, error) {
	prop, err := q.k.gk.GetProposal(ctx, req.ProposalId)
	if err != nil {
		return nil, types.ErrInvalidProposal.Wrapf("proposal %d: %s", req.ProposalId, err)
	}
	var proposed *types.Params
	for _, a := range prop.Messages {
		var msg sdk.Msg
		if err := q.k.cdc.UnpackAny(a, &msg); err != nil {
			return nil, types.ErrInvalidProposal.Wrapf("proposal %d: message %s: %s", req.ProposalId, a.TypeUrl, err)
		}
		if up, ok := msg.(*types.MsgUpdateParams); ok {
			p := up.Params
			proposed = &p
		}
	}
	if proposed == nil {
		return nil, types.ErrInvalidProposal.Wrapf("proposal %d contains no /xmtp.rewards.v1.MsgUpdateParams", req.ProposalId)
	}
	current, err := q.k.SimulateNext(ctx, nil, nil)
	if err != nil {
		return nil, err
	}
	next, err := q.k.SimulateNext(ctx, proposed, nil)
	if err != nil {
		return nil, err
	}
	return &types.QuerySimulateProposalResponse{Current: current, Proposed: next}, nil
}

// SimulateNext computes the record the next settlement would write (the oldest
// budgeted cycle), optionally with other params or budget. The backstop is
// assumed to cover the whole shortfall when base_pay_backstop is on.
func (k *Keeper) SimulateNext(ctx context.Context, params *types.Params, budget *math.Int) (types.CycleRecord, error) {
	iter, err := k.Budgets.Iterate(ctx, nil)
	if err != nil {
		return types.CycleRecord{}, err
	}
	defer iter.Close()
	if !iter.Valid() {
		return types.CycleRecord{}, types.ErrNothingToSimulate.Wrap("no ended cycle awaits settlement; pass a cycle to simulate a stored one")
	}
	kv, err := iter.KeyValue()
	if err != nil {
		return types.CycleRecord{}, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.CycleRecord{}, err
	}
	if params != nil {
		p = *params
	}
	b := kv.Value
	if budget != nil {
		b = *budget
	}
	prog, err := k.getProgress(ctx)
	if err != nil {
		return types.CycleRecord{}, err
	}
	in, meta, err := k.buildInput(ctx, p, kv.Key, b, prog.Period)
	if err != nil {
		return types.CycleRecord{}, err
	}
	return simulate(meta, in, true)
}

func (k *Keeper) simulateStored(ctx context.Context, cycle uint64, params *types.Params, budget *math.Int) (types.CycleRecord, error) {
	stored, err := k.CycleRecords.Get(ctx, cycle)
	if errors.Is(err, collections.ErrNotFound) {
		return types.CycleRecord{}, types.ErrRecordNotFound.Wrapf("no stored record of cycle %d (not settled yet, or pruned)", cycle)
	}
	if err != nil {
		return types.CycleRecord{}, err
	}
	in := stored.Input()
	if params != nil {
		in.Params = *params
	}
	if budget != nil {
		in.Budget = *budget
	}
	return simulate(stored.Meta(), in, params != nil || budget != nil)
}

// simulate runs Allocate; with newBackstop the backstop is the full shortfall.
func simulate(meta types.CycleMeta, in types.AllocationInput, newBackstop bool) (types.CycleRecord, error) {
	if newBackstop {
		s, err := types.Shortfall(in)
		if err != nil {
			return types.CycleRecord{}, err
		}
		in.Backstop = s
	}
	out, err := types.Allocate(in)
	if err != nil {
		return types.CycleRecord{}, err
	}
	return types.NewCycleRecord(meta, in, out), nil
}
