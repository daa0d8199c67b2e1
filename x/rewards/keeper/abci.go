package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// BeginBlocker continues a payout spread over blocks (at most
// max_payouts_per_block transfers) and prunes records older than
// record_retention, oldest first, at most max_prune_per_block deletions.
func (k *Keeper) BeginBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.ContinuePayout(ctx); err != nil {
		return err
	}
	return k.prune(ctx, params)
}

// prune deletes cycle records (with their budget records) and payout records
// (entries first) whose time is older than record_retention; never a payout
// still sending. At most max_prune_per_block deletions per block.
func (k *Keeper) prune(ctx context.Context, params types.Params) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	budget := int(params.MaxPrunePerBlock)

	iter, err := k.RecordEnds.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	var cycles []uint64
	for ; iter.Valid() && len(cycles) < budget; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			iter.Close()
			return err
		}
		if time.Unix(0, kv.Value).Add(params.RecordRetention).After(now) {
			break
		}
		cycles = append(cycles, kv.Key)
	}
	iter.Close()
	for _, c := range cycles {
		if err := k.removeRecord(ctx, c); err != nil {
			return err
		}
	}
	budget -= len(cycles) // a budget record and the record's index entries go with it

	for budget > 0 {
		piter, err := k.Payouts.Iterate(ctx, nil)
		if err != nil {
			return err
		}
		if !piter.Valid() {
			piter.Close()
			break
		}
		rec, err := piter.Value()
		piter.Close()
		if err != nil {
			return err
		}
		if !rec.Complete || rec.Time.Add(params.RecordRetention).After(now) {
			break
		}
		eiter, err := k.PayoutEntries.Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](rec.Id))
		if err != nil {
			return err
		}
		var keys []collections.Pair[uint64, sdk.AccAddress]
		for ; eiter.Valid() && len(keys) < budget; eiter.Next() {
			key, err := eiter.Key()
			if err != nil {
				eiter.Close()
				return err
			}
			keys = append(keys, key)
		}
		more := eiter.Valid()
		eiter.Close()
		for _, key := range keys {
			if err := k.PayoutEntries.Remove(ctx, key); err != nil {
				return err
			}
		}
		budget -= len(keys)
		if more || budget == 0 {
			break
		}
		if err := k.Payouts.Remove(ctx, rec.Id); err != nil {
			return err
		}
		budget--
	}
	_, err = k.pruneIBCFundings(ctx, now, params.RecordRetention, budget)
	return err
}
