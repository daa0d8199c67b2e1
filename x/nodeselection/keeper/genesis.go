package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// InitGenesis loads the state. Without cycle_state it is a fresh chain: cycle 0
// starts at the genesis block time, genesis operators skip the waiting period
// and the first current and next sets are computed.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.ak.AddressCodec()); err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if !k.nk.HasClass(ctx, types.NFTClassID) {
		class := nft.Class{Id: types.NFTClassID, Name: "XMTP Node Operator", Symbol: "XMTPOP",
			Description: "Non-transferable licence to run an XMTP node; issued and revoked by governance."}
		if err := k.nk.SaveClass(ctx, class); err != nil {
			return err
		}
	}
	k.ak.GetModuleAccount(ctx, types.ModuleName) // creates the escrow account
	fresh := gs.CycleState == nil
	nextQueue := max(gs.NextQueueSeq, 1)
	for _, op := range gs.Operators {
		if op.QueueSeq >= nextQueue {
			nextQueue = op.QueueSeq + 1
		}
	}
	for _, op := range gs.Operators {
		owner, err := k.addr(op.Owner)
		if err != nil {
			return err
		}
		if op.Signer == "" {
			op.Signer = op.Owner
		}
		if op.PayoutAddress == "" {
			op.PayoutAddress = op.Owner
		}
		if op.Credit.IsNil() {
			op.Credit = gs.Params.CreditInitial
		}
		if fresh {
			switch op.Status {
			case types.OPERATOR_STATUS_UNSPECIFIED, types.OPERATOR_STATUS_WAITING, types.OPERATOR_STATUS_ACTIVE:
				op.Status = types.OPERATOR_STATUS_ELIGIBLE
			}
			if op.RegisteredAt.IsZero() {
				op.RegisteredAt = now
			}
			if op.Status == types.OPERATOR_STATUS_ELIGIBLE {
				op.EligibleAt = now
				if op.QueueSeq == 0 {
					op.QueueSeq = nextQueue
					nextQueue++
				}
			}
		}
		if err := k.Operators.Set(ctx, owner, op); err != nil {
			return err
		}
		if op.QueueSeq != 0 {
			if err := k.Queue.Set(ctx, op.QueueSeq, op.Owner); err != nil {
				return err
			}
		}
		if op.Status == types.OPERATOR_STATUS_WAITING {
			if err := k.Waiting.Set(ctx, collections.Join(op.EligibleAt.UnixNano(), owner)); err != nil {
				return err
			}
		}
		if op.Penalty.Violations > 0 {
			if err := k.PenaltyEnds.Set(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
				return err
			}
		}
	}
	if err := k.importDuties(ctx, gs); err != nil {
		return err
	}
	if err := k.importVotes(ctx, gs); err != nil {
		return err
	}
	seqs := []struct {
		s collections.Sequence
		v uint64
	}{{k.NFTSeq, max(gs.NextNftSeq, 1)}, {k.QueueSeq, nextQueue}, {k.UnbondingID, max(gs.NextUnbondingId, 1)},
		{k.ViolationID, max(gs.NextViolationId, 1)}}
	for _, s := range seqs {
		if err := s.s.Set(ctx, s.v); err != nil {
			return err
		}
	}
	for _, u := range gs.Unbondings {
		if err := k.Unbondings.Set(ctx, collections.Join(u.CompletionTime.UnixNano(), u.Id), u); err != nil {
			return err
		}
	}
	for _, r := range gs.CycleHistory {
		if err := k.CycleHistory.Set(ctx, r.Cycle, r); err != nil {
			return err
		}
	}
	if !fresh {
		if err := k.CycleState.Set(ctx, *gs.CycleState); err != nil {
			return err
		}
		if err := k.rebuildAttestIndex(ctx); err != nil {
			return err
		}
	} else if err := k.startFirstCycle(ctx, gs.Params, now); err != nil {
		return err
	}
	// The stored schedule last: each write of its inputs above removed it.
	if gs.ScheduleCache != nil {
		return k.ScheduleCache.Set(ctx, *gs.ScheduleCache)
	}
	return nil
}

// startFirstCycle computes cycle 0's current and next sets at genesis time.
func (k *Keeper) startFirstCycle(ctx context.Context, params types.Params, now time.Time) error {
	d := params.CycleDuration
	res, err := types.Rotate(k.newSource(ctx, params, now), types.RotationInput{
		Cycle:         0,
		ActiveSetSize: params.ActiveSetSize,
		Budget:        types.RotationBudget(params.ActiveSetSize, params.MaxDailyTurnoverBps, d),
		MaxQueueScan:  params.MaxQueueScan,
		Strategy:      params.Strategy,
	})
	if err != nil {
		return err
	}
	state := types.CycleState{
		Cycle: 0, CycleStart: now, NextBoundary: now.Add(d), Current: res.Current, Next: res.Next,
		QueuePointer: res.Pointer, ScheduledOut: res.ScheduledOut, ActiveSetSize: params.ActiveSetSize,
	}
	if err := k.CycleState.Set(ctx, state); err != nil {
		return err
	}
	return k.syncStatuses(ctx, nil, res.Current)
}

// ExportGenesis exports every piece of state; InitGenesis of it reproduces the store.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	if err := k.Operators.Walk(ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
		gs.Operators = append(gs.Operators, op)
		return false, nil
	}); err != nil {
		return nil, err
	}
	state, err := k.CycleState.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs.CycleState = &state
	if err := k.CycleHistory.Walk(ctx, nil, func(_ uint64, r types.CycleRecord) (bool, error) {
		gs.CycleHistory = append(gs.CycleHistory, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Unbondings.Walk(ctx, nil, func(_ UnbondingKey, u types.UnbondingEntry) (bool, error) {
		gs.Unbondings = append(gs.Unbondings, u)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextNftSeq, err = k.NFTSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextQueueSeq, err = k.QueueSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextUnbondingId, err = k.UnbondingID.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextViolationId, err = k.ViolationID.Peek(ctx); err != nil {
		return nil, err
	}
	if err := k.exportVotes(ctx, gs); err != nil {
		return nil, err
	}
	return gs, k.exportDuties(ctx, gs)
}
