package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BeginBlocker prunes cycle and payout records older than record_retention,
// oldest first, at most max_prune_per_block per block.
func (k *Keeper) BeginBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	budget := int(params.MaxPrunePerBlock)

	iter, err := k.CycleRecords.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	var cycles []uint64
	for ; iter.Valid() && len(cycles) < budget; iter.Next() {
		rec, err := iter.Value()
		if err != nil {
			iter.Close()
			return err
		}
		if rec.End.Add(params.RecordRetention).After(now) {
			break
		}
		cycles = append(cycles, rec.Cycle)
	}
	iter.Close()
	for _, c := range cycles {
		if err := k.CycleRecords.Remove(ctx, c); err != nil {
			return err
		}
	}
	budget -= len(cycles)

	piter, err := k.Payouts.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	var ids []uint64
	for ; piter.Valid() && len(ids) < budget; piter.Next() {
		rec, err := piter.Value()
		if err != nil {
			piter.Close()
			return err
		}
		if rec.Time.Add(params.RecordRetention).After(now) {
			break
		}
		ids = append(ids, rec.Id)
	}
	piter.Close()
	for _, id := range ids {
		if err := k.Payouts.Remove(ctx, id); err != nil {
			return err
		}
	}
	_, err = k.pruneIBCFundings(ctx, now, params.RecordRetention, budget-len(ids))
	return err
}
