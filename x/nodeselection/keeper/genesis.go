package keeper

import (
	"context"
	"time"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// InitGenesis loads the state: validation, then each state group's import
// in order (the registry first: the votes and the first cycle read it), then
// the cycle start, and the stored schedule last (every write before removed
// it). Without cycle_state it is a fresh chain: cycle 0 starts at the genesis
// block time, genesis operators skip the waiting period and the first current
// and next sets are computed.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.ak.AddressCodec()); err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	fresh := gs.CycleState == nil
	normalizeOperators(&gs, fresh, now)
	if err := k.RegistryState.importGenesis(ctx, &gs); err != nil {
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
	if err := k.validateVotes(ctx, &gs); err != nil {
		return err
	}
	for _, group := range []func(context.Context, *types.GenesisState) error{
		k.RotationState.importGenesis, k.BondState.importGenesis, k.DutyState.importGenesis,
		k.PenaltyState.importGenesis, k.VoteState.importGenesis,
	} {
		if err := group(ctx, &gs); err != nil {
			return err
		}
	}
	if !fresh {
		if err := k.rebuildAttestIndex(ctx); err != nil {
			return err
		}
	} else if err := k.startFirstCycle(ctx, gs.Params, now); err != nil {
		return err
	}
	return k.RotationState.importSchedule(ctx, &gs)
}

// normalizeOperators fills the defaults of the genesis operators (signer and
// payout address = owner, credit_initial) and, on a fresh chain, makes them
// eligible at genesis time with a queue number; next_queue_seq follows the
// highest one. It works on a copy of gs.Operators.
func normalizeOperators(gs *types.GenesisState, fresh bool, now time.Time) {
	nextQueue := max(gs.NextQueueSeq, 1)
	for _, op := range gs.Operators {
		if op.QueueSeq >= nextQueue {
			nextQueue = op.QueueSeq + 1
		}
	}
	ops := make([]types.Operator, len(gs.Operators))
	for i, op := range gs.Operators {
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
		ops[i] = op
	}
	gs.Operators, gs.NextQueueSeq = ops, nextQueue
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
	if err := k.SetCycleState(ctx, state); err != nil {
		return err
	}
	return k.syncStatuses(ctx, nil, res.Current)
}

// ExportGenesis exports every piece of state, group by group; InitGenesis of
// it reproduces the store.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	for _, group := range []func(context.Context, *types.GenesisState) error{
		k.RegistryState.exportGenesis, k.RotationState.exportGenesis, k.BondState.exportGenesis,
		k.DutyState.exportGenesis, k.PenaltyState.exportGenesis, k.VoteState.exportGenesis,
	} {
		if err := group(ctx, gs); err != nil {
			return nil, err
		}
	}
	return gs, nil
}
