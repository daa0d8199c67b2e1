package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// InitGenesis loads the whole state, creates the module account and requires
// that it already holds exactly Σ buckets (bank genesis must run first).
func (k *Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, b := range gs.Buckets {
		for _, c := range b.Coins {
			if err := k.Buckets.Set(ctx, collections.Join(int32(b.Bucket), c.Denom), c.Amount); err != nil {
				return err
			}
		}
	}
	for _, in := range gs.Inflows {
		if err := k.Inflows.Set(ctx, in.Id, in); err != nil {
			return err
		}
	}
	for _, s := range gs.Spends {
		if err := k.Spends.Set(ctx, s.Id, s); err != nil {
			return err
		}
	}
	if err := k.InflowSeq.Set(ctx, gs.NextInflowId); err != nil {
		return err
	}
	if err := k.SpendSeq.Set(ctx, gs.NextSpendId); err != nil {
		return err
	}
	if err := k.importAuctions(ctx, gs); err != nil {
		return err
	}
	k.ak.GetModuleAccount(ctx, types.ModuleName)
	return k.CheckInvariants(ctx)
}

// ExportGenesis returns the whole state.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	all, err := k.AllBuckets(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range all {
		if !b.Coins.IsZero() {
			gs.Buckets = append(gs.Buckets, b)
		}
	}
	if err := k.Inflows.Walk(ctx, nil, func(_ uint64, in types.Inflow) (bool, error) {
		gs.Inflows = append(gs.Inflows, in)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Spends.Walk(ctx, nil, func(_ uint64, s types.Spend) (bool, error) {
		gs.Spends = append(gs.Spends, s)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if gs.NextInflowId, err = k.InflowSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.NextSpendId, err = k.SpendSeq.Peek(ctx); err != nil {
		return nil, err
	}
	return gs, k.exportAuctions(ctx, gs)
}
