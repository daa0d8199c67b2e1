package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// predictedView settles the pending attestations with the pure function the
// boundary uses (nodeselectiontypes.SettlePerformance) and applies the
// withholding that the downtime violations it finds would cause.
type predictedView struct {
	perf map[string]nodeselectiontypes.Performance
	down map[string]bool
	nsp  nodeselectiontypes.Params
}

func (v predictedView) performance(_ context.Context, _ uint64, owner string) (uint32, uint64, bool, error) {
	p, ok := v.perf[owner]
	if !ok {
		return nodeselectiontypes.MaxUptimeBps, 0, false, nil
	}
	return p.UptimeBps, p.WorkUnits, p.Attested, nil
}

func (v predictedView) withhold(owner string, op nodeselectiontypes.Operator, now time.Time) uint32 {
	if v.down[owner] {
		return nodeselectiontypes.NextPenalty(op.Penalty, now, v.nsp).WithholdBps
	}
	return nodeselectiontypes.EffectivePenalty(op.Penalty, now).WithholdBps
}

// Simulate returns what the next settlement would pay, or what a stored
// cycle would have paid, under other params (any algorithm_version) and/or budget.
func (q queryServer) Simulate(ctx context.Context, req *types.QuerySimulateRequest) (*types.QuerySimulateResponse, error) {
	var budget *math.Int
	if req.Budget != "" {
		b, ok := math.NewIntFromString(req.Budget)
		if !ok || b.IsNegative() {
			return nil, types.ErrInvalidAmount.Wrapf("budget %q must be a non-negative integer", req.Budget)
		}
		budget = &b
	}
	if req.Params != nil {
		if err := req.Params.Validate(); err != nil {
			return nil, err
		}
	}
	if req.Cycle != nil {
		rec, err := q.k.simulateStored(ctx, req.Cycle.Cycle, req.Params, budget)
		if err != nil {
			return nil, err
		}
		return &types.QuerySimulateResponse{Result: rec, Members: uint32(len(rec.Members))}, nil
	}
	pred, err := q.k.SimulateNext(ctx, req.Params, nil, budget)
	if err != nil {
		return nil, err
	}
	return &types.QuerySimulateResponse{Result: pred.Record, Provisional: true, Members: pred.Members, AttestedMembers: pred.Submitters}, nil
}

// Prediction is the record the next settlement would write and how much of
// its performance is known.
type Prediction struct {
	Record     types.CycleRecord
	Members    uint32
	Submitters uint32
}

// SimulateNext computes the record the next settlement would write (the
// oldest budgeted cycle) from the attestations submitted so far, optionally
// with other rewards or nodeselection params or budget. The backstop is
// assumed to cover the whole shortfall when base_pay_backstop is on.
func (k *Keeper) SimulateNext(ctx context.Context, params *types.Params, nsParams *nodeselectiontypes.Params, budget *math.Int) (Prediction, error) {
	iter, err := k.Budgets.Iterate(ctx, nil)
	if err != nil {
		return Prediction{}, err
	}
	defer iter.Close()
	if !iter.Valid() {
		return Prediction{}, types.ErrNothingToSimulate.Wrap("no ended cycle awaits settlement; pass a cycle to simulate a stored one")
	}
	kv, err := iter.KeyValue()
	if err != nil {
		return Prediction{}, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return Prediction{}, err
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
		return Prediction{}, err
	}
	view, pred, err := k.predict(ctx, kv.Key, nsParams)
	if err != nil {
		return Prediction{}, err
	}
	in, meta, err := k.buildInput(ctx, p, kv.Key, b, prog.Period, view)
	if err != nil {
		return Prediction{}, err
	}
	if pred.Members == 0 {
		pred.Members = uint32(len(in.Members))
	}
	pred.Record, err = simulate(meta, in, true)
	return pred, err
}

// predict returns the view of the cycle's settlement: its pending attestations
// settled now when they are still open, else the settled performance.
func (k *Keeper) predict(ctx context.Context, cycle uint64, nsParams *nodeselectiontypes.Params) (memberView, Prediction, error) {
	pending, atts, open, err := k.nsk.PendingAttestations(ctx)
	if err != nil {
		return nil, Prediction{}, err
	}
	if !open || pending != cycle {
		return settledView{k}, Prediction{}, nil
	}
	nsp, err := k.nsk.GetParams(ctx)
	if err != nil {
		return nil, Prediction{}, err
	}
	if nsParams != nil {
		nsp = *nsParams
	}
	rec, err := k.nsk.GetCycleRecord(ctx, cycle)
	if err != nil {
		return nil, Prediction{}, types.ErrRecordNotFound.Wrapf("nodeselection record of cycle %d: %s", cycle, err)
	}
	owners := make([]string, len(rec.Members))
	for i, m := range rec.Members {
		owners[i] = m.Owner
	}
	res := nodeselectiontypes.SettlePerformance(cycle, owners, atts, nsp.MinUptimeBps)
	v := predictedView{perf: map[string]nodeselectiontypes.Performance{}, down: map[string]bool{}, nsp: nsp}
	for _, r := range res.Records {
		v.perf[r.Operator] = r
	}
	for _, o := range res.Summary.Downtime {
		v.down[o] = true
	}
	return v, Prediction{Members: res.Summary.Members, Submitters: res.Summary.Submitters}, nil
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
		in.Version = params.AlgorithmVersion
		if in.Version == types.AlgorithmV1 {
			in.Members = membersOnly(in.Members) // v1 knows no creditors
		}
	}
	if budget != nil {
		in.Budget = *budget
	}
	return simulate(stored.Meta(), in, params != nil || budget != nil)
}

func membersOnly(ms []types.MemberInput) []types.MemberInput {
	var out []types.MemberInput
	for _, m := range ms {
		if !m.Creditor {
			out = append(out, m)
		}
	}
	return out
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

// SimulateProposal simulates the next settlement with the params of every
// x/rewards and x/nodeselection MsgUpdateParams in a proposal in its voting
// period (messages nested in authz MsgExec included; the last of each wins).
func (q queryServer) SimulateProposal(ctx context.Context, req *types.QuerySimulateProposalRequest) (*types.QuerySimulateProposalResponse, error) {
	prop, err := q.k.gk.GetProposal(ctx, req.ProposalId)
	if err != nil {
		return nil, types.ErrInvalidProposal.Wrapf("proposal %d: %s", req.ProposalId, err)
	}
	if prop.Status != govv1.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD {
		return nil, types.ErrInvalidProposal.Wrapf("proposal %d is %s; only a proposal in its voting period can be simulated", req.ProposalId, prop.Status)
	}
	var msgs []sdk.Msg
	for _, a := range prop.Messages {
		var msg sdk.Msg
		if err := q.k.cdc.UnpackAny(a, &msg); err != nil {
			return nil, types.ErrInvalidProposal.Wrapf("proposal %d: message %s: %s", req.ProposalId, a.TypeUrl, err)
		}
		msgs = append(msgs, msg)
	}
	var rp *types.Params
	var nsp *nodeselectiontypes.Params
	for i := 0; i < len(msgs); i++ { // msgs grows with the contents of MsgExec
		switch m := msgs[i].(type) {
		case *types.MsgUpdateParams:
			p := m.Params
			rp = &p
		case *nodeselectiontypes.MsgUpdateParams:
			p := m.Params
			nsp = &p
		case *authz.MsgExec:
			inner, err := m.GetMessages()
			if err != nil {
				return nil, types.ErrInvalidProposal.Wrapf("proposal %d: MsgExec: %s", req.ProposalId, err)
			}
			msgs = append(msgs, inner...)
		}
	}
	if rp == nil && nsp == nil {
		return nil, types.ErrInvalidProposal.Wrapf("proposal %d contains no /xmtp.rewards.v1.MsgUpdateParams or /xmtp.nodeselection.v1.MsgUpdateParams", req.ProposalId)
	}
	current, err := q.k.SimulateNext(ctx, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	next, err := q.k.SimulateNext(ctx, rp, nsp, nil)
	if err != nil {
		return nil, err
	}
	return &types.QuerySimulateProposalResponse{Current: current.Record, Proposed: next.Record, Members: current.Members, AttestedMembers: current.Submitters}, nil
}
