package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	nodeselectiontypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// provenance checks every input of a record against the chain's own
// independent records (check 2, docs/protocol.md). Work: the record's members and
// creditors, each with its own performance record; one range of the
// violations recorded in the last penalty window before settlement, and the
// violations of the members named there.
func (k *Keeper) provenance(ctx context.Context, rec types.CycleRecord, owners []memberOwner) ([]types.FieldDiff, error) {
	var d diffs
	hist, err := k.nsk.GetCycleRecord(ctx, rec.Cycle)
	histSrc := fmt.Sprintf("x/nodeselection cycle history %d", rec.Cycle)
	if err != nil {
		d.add("cycle_history", "present", "missing", histSrc)
	} else {
		d.add("start", rec.Start.UTC(), hist.Start.UTC(), histSrc)
		d.add("end", rec.End.UTC(), hist.End.UTC(), histSrc)
		d.add("duration", rec.Duration, hist.End.Sub(hist.Start), histSrc)
		var members []string
		for _, m := range rec.Members {
			if !m.Creditor {
				members = append(members, m.Owner)
			}
		}
		d.add("members.count", len(members), len(hist.Members), histSrc)
		for i := 0; i < len(members) && i < len(hist.Members); i++ {
			d.add(fmt.Sprintf("members[%d].owner", i), members[i], hist.Members[i].Owner, histSrc)
		}
	}
	nsp, err := k.nsk.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	at := rec.SettledAt
	if at.IsZero() {
		at = rec.End // records written before settled_at existed
	}
	// Only an owner with a violation recorded in [PenaltyLookback(at), at]
	// can have a withholding in force at `at`; one range of x/nodeselection's
	// violations-by-time index names them, and only their violations are replayed.
	from := nodeselectiontypes.PenaltyLookback(at, nsp)
	violators, err := k.nsk.ViolatorsBetween(ctx, from, at)
	if err != nil {
		return nil, err
	}
	violated := make(map[string]bool, len(violators))
	for _, o := range violators {
		violated[string(o)] = true
	}
	noneSrc := fmt.Sprintf("x/nodeselection violations recorded in [%s, %s]: none of this member", from.UTC().Format(time.RFC3339), at.UTC().Format(time.RFC3339))
	for i, m := range rec.Members {
		owner, err := owners[i].addr, owners[i].err
		if err != nil {
			d.add(fmt.Sprintf("members[%d].owner", i), m.Owner, "a valid address", "bech32")
			continue
		}
		p := fmt.Sprintf("members[%d].", i)
		if !m.Creditor {
			perf, ok, err := k.nsk.SettledPerformance(ctx, rec.Cycle, owner)
			if err != nil {
				return nil, err
			}
			src := fmt.Sprintf("x/nodeselection performance record (%d, %s)", rec.Cycle, m.Owner)
			if !ok {
				perf = nodeselectiontypes.Performance{UptimeBps: nodeselectiontypes.MaxUptimeBps}
				src = "default performance (no x/nodeselection performance record)"
			}
			d.add(p+"uptime_bps", m.UptimeBps, perf.UptimeBps, src)
			d.add(p+"work_units", m.WorkUnits, perf.WorkUnits, src)
		}
		want, src := uint32(0), noneSrc
		if violated[string(owner)] {
			if want, src, err = k.withholdAt(ctx, owner, at, nsp); err != nil {
				return nil, err
			}
		}
		d.add(p+"withhold_bps", m.WithholdBps, want, src)
	}
	if rec.SettledHeight == 0 {
		return d, nil // settled before budget records and spend ids were kept
	}
	budget, err := k.BudgetRecords.Get(ctx, rec.Cycle)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		d.add("budget", rec.Budget, "missing", "x/rewards budget record")
	case err != nil:
		return nil, err
	default:
		d.add("budget", rec.Budget, budget, fmt.Sprintf("x/rewards budget record %d (assigned when the cycle ended)", rec.Cycle))
	}
	return d, k.backstopProvenance(ctx, rec, &d)
}

// backstopProvenance compares the record's backstop with the treasury's BACKSTOP spend.
func (k *Keeper) backstopProvenance(ctx context.Context, rec types.CycleRecord, d *diffs) error {
	if !rec.BackstopSpend {
		d.add("backstop", rec.Backstop, math.ZeroInt(), "no x/treasury backstop spend referenced")
		return nil
	}
	spend, err := k.tk.GetSpend(ctx, rec.BackstopSpendId)
	src := fmt.Sprintf("x/treasury spend %d", rec.BackstopSpendId)
	if errors.Is(err, collections.ErrNotFound) {
		d.add("backstop", rec.Backstop, "missing", src)
		return nil
	} else if err != nil {
		return err
	}
	d.add("backstop", rec.Backstop, spend.Amount.Amount, src)
	d.add("backstop.kind", treasurytypes.SPEND_KIND_BACKSTOP, spend.Kind, src)
	d.add("backstop.recipient", types.ModuleName, spend.Recipient, src)
	d.add("settled_height", rec.SettledHeight, spend.Height, src)
	return nil
}

// withholdAt replays owner's violations recorded up to at (excused ones
// skipped) with today's x/nodeselection penalty params: the withholding in
// force at settlement.
func (k *Keeper) withholdAt(ctx context.Context, owner sdk.AccAddress, at time.Time, nsp nodeselectiontypes.Params) (uint32, string, error) {
	vs, err := k.nsk.OperatorViolations(ctx, owner)
	if err != nil {
		return 0, "", err
	}
	var upTo []nodeselectiontypes.Violation
	for _, v := range vs {
		if !v.Time.After(at) {
			upTo = append(upTo, v)
		}
	}
	src := fmt.Sprintf("x/nodeselection violations of %s up to %s (%d), replayed", owner, at.UTC().Format(time.RFC3339), len(upTo))
	return nodeselectiontypes.ReplayPenalty(upTo, at, nsp).WithholdBps, src, nil
}
