package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// pruneRecords prunes inflow, spend and closed-auction records older than
// record_retention (an auction counts from its end_time),
// oldest first, at most max_prune_per_block of each per block.
func (k *Keeper) pruneRecords(ctx context.Context, params types.Params, now time.Time) error {
	limit := int(params.MaxPrunePerBlock)
	if err := pruneOldest(ctx, k.Inflows, now, params.RecordRetention, limit, func(in types.Inflow) time.Time { return in.Time }); err != nil {
		return err
	}
	if err := pruneOldest(ctx, k.Spends, now, params.RecordRetention, limit, func(s types.Spend) time.Time { return s.Time }); err != nil {
		return err
	}
	return pruneOldest(ctx, k.AuctionState.Records, now, params.RecordRetention, limit, func(a types.Auction) time.Time { return a.EndTime })
}

// pruneOldest removes, lowest id first, the records recorded more than
// retention before now, at most limit. Ids grow with time, so the walk stops
// at the first record still retained.
func pruneOldest[V any](ctx context.Context, m collections.Map[uint64, V], now time.Time, retention time.Duration, limit int, at func(V) time.Time) error {
	var due []uint64
	err := m.Walk(ctx, nil, func(id uint64, v V) (bool, error) {
		if len(due) >= limit || at(v).Add(retention).After(now) {
			return true, nil
		}
		due = append(due, id)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range due {
		if err := m.Remove(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
