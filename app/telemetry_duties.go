package app

import (
	"errors"

	"cosmossdk.io/collections"
	"github.com/prometheus/client_golang/prometheus"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// collectDuties exports the violation count and the downtime of the last
// settled attestation cycle (one reverse step of SettledCycles, bounded).
func (c stateCollector) collectDuties(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	k := c.app.NodeSelectionKeeper
	next, err := k.ViolationID().Peek(ctx)
	if err != nil {
		return err
	}
	gauge(descViolations, float64(next))
	it, err := k.SettledCycles().Iterate(ctx, new(collections.Range[uint64]).Descending())
	if err != nil {
		return err
	}
	defer it.Close()
	if !it.Valid() {
		return nil
	}
	sc, err := it.Value()
	if err != nil {
		return err
	}
	gauge(descSettledAttest, float64(sc.Cycle))
	gauge(descDowntime, float64(len(sc.Downtime)), "downtime")
	outage := 0.0
	if sc.Outage {
		outage = 1
	}
	gauge(descDowntime, outage, "outage")
	return nil
}

// collectLastPayout exports the totals of the last payout record.
func (c stateCollector) collectLastPayout(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	k := c.app.RewardsKeeper
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	progress, err := k.Progress.Get(ctx)
	if err != nil || progress.NextPayoutId == 0 {
		return err
	}
	rec, err := k.Payouts.Get(ctx, progress.NextPayoutId-1)
	if errors.Is(err, collections.ErrNotFound) {
		return nil // pruned or none yet
	} else if err != nil {
		return err
	}
	failed := 0
	for _, e := range rec.Entries {
		if !e.Sent {
			failed++
		}
	}
	gauge(descLastPayout, intFloat(rec.TotalSent), "sent", params.RewardDenom)
	gauge(descLastPayout, intFloat(rec.TotalFailed), "failed", params.RewardDenom)
	gauge(descLastPayout, float64(failed), "failed_entries", "")
	return nil
}
