package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// continuity checks each member's C_i, E_i and arrears before the cycle
// against its values after its previous record (check 3, docs/protocol.md): trackers
// within the same payout period (zero when none), arrears across periods.
// Most members also served the record just before (usually cycle-1, one
// point read; else one seek in RecordEnds): their previous record is found in
// its member list; each other member's previous record is named by the
// OwnerRecords index (one seek per member). The audit then reads those
// records themselves, each once.
func (k *Keeper) continuity(ctx context.Context, rec types.CycleRecord, owners []memberOwner) ([]types.FieldDiff, error) {
	type prevAt struct {
		m     types.MemberRecord
		cycle uint64
		same  bool // in the same payout period
	}
	prevCycle := map[string]uint64{} // owner -> cycle of its previous record
	var cycles []uint64              // distinct previous records, in first-use order
	read := map[uint64]bool{}
	records := map[uint64]types.CycleRecord{} // the previous records read
	inLast := map[string]bool{}
	// The record just before is usually cycle-1: one point read; a seek in
	// RecordEnds only when that cycle has no record.
	var last uint64
	var hasLast bool
	if rec.Cycle > 0 {
		r, err := k.CycleRecords.Get(ctx, rec.Cycle-1)
		switch {
		case errors.Is(err, collections.ErrNotFound):
		case err != nil:
			return nil, err
		default:
			last, hasLast = rec.Cycle-1, true
			records[last] = r
		}
	}
	if !hasLast {
		var err error
		if last, hasLast, err = k.lastRecordBefore(ctx, rec.Cycle); err != nil {
			return nil, err
		}
		if hasLast {
			r, err := k.CycleRecords.Get(ctx, last)
			switch {
			case errors.Is(err, collections.ErrNotFound):
				// reported below for each member the index points at it
			case err != nil:
				return nil, err
			default:
				records[last] = r
			}
		}
	}
	for _, m := range records[last].Members {
		inLast[m.Owner] = true
	}
	for i, m := range rec.Members {
		owner, err := owners[i].addr, owners[i].err
		if err != nil {
			continue // provenance names the malformed owner
		}
		c, ok := last, inLast[m.Owner]
		if !ok {
			if c, ok, err = k.previousRecordOf(ctx, owner, rec.Cycle); err != nil {
				return nil, err
			}
		}
		if !ok {
			continue
		}
		prevCycle[m.Owner] = c
		if !read[c] {
			read[c] = true
			cycles = append(cycles, c)
		}
	}
	prev := map[string]prevAt{}
	var d diffs
	for _, c := range cycles {
		r, ok := records[c]
		if !ok {
			var err error
			r, err = k.CycleRecords.Get(ctx, c)
			if errors.Is(err, collections.ErrNotFound) {
				continue // reported below for each member that points at it
			} else if err != nil {
				return nil, err
			}
		}
		for _, m := range r.Members {
			if pc, ok := prevCycle[m.Owner]; ok && pc == c {
				if _, seen := prev[m.Owner]; !seen {
					prev[m.Owner] = prevAt{m: m, cycle: c, same: r.Period == rec.Period}
				}
			}
		}
	}
	for i, m := range rec.Members {
		if pc, ok := prevCycle[m.Owner]; ok {
			if _, found := prev[m.Owner]; !found {
				d.add(fmt.Sprintf("members[%d].previous_record", i), pc, "not in a stored record", fmt.Sprintf("cycle record %d, named by the owner_records index", pc))
			}
		}
	}
	zero := math.ZeroInt()
	for i, m := range rec.Members {
		p := fmt.Sprintf("members[%d].", i)
		pr, found := prev[m.Owner]
		if found {
			d.add(p+"arrears_before", m.ArrearsBefore, pr.m.ArrearsAfter, fmt.Sprintf("arrears_after of record %d", pr.cycle))
		}
		if m.Creditor {
			d.add(p+"period_costs_before", m.PeriodCostsBefore, zero, "creditors carry no trackers")
			d.add(p+"period_earnings_before", m.PeriodEarningsBefore, zero, "creditors carry no trackers")
			continue
		}
		if found && pr.same && !pr.m.Creditor {
			src := fmt.Sprintf("record %d (same payout period %d)", pr.cycle, rec.Period)
			d.add(p+"period_costs_before", m.PeriodCostsBefore, pr.m.PeriodCostsAfter, src)
			d.add(p+"period_earnings_before", m.PeriodEarningsBefore, pr.m.PeriodEarningsAfter, src)
			continue
		}
		src := fmt.Sprintf("zero: first record of %s in payout period %d", m.Owner, rec.Period)
		d.add(p+"period_costs_before", m.PeriodCostsBefore, zero, src)
		d.add(p+"period_earnings_before", m.PeriodEarningsBefore, zero, src)
	}
	return d, nil
}

// AuditPayout checks a payout record: every entry's amount equals what was
// payable, that is the credits of the payout's period in the cycle records
// plus the amount of a failed entry of the previous payout, and the totals
// and entry_count equal the sum and number of the entries.
func (k *Keeper) AuditPayout(ctx context.Context, id uint64) (*types.QueryAuditPayoutResponse, error) {
	rec, err := k.payoutWithEntries(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrRecordNotFound.Wrapf("no stored payout %d (not made yet, or pruned)", id)
	} else if err != nil {
		return nil, err
	}
	credited := map[string]math.Int{}
	iter, err := k.CycleRecords.Iterate(ctx, new(collections.Range[uint64]).Descending())
	if err != nil {
		return nil, err
	}
	for ; iter.Valid(); iter.Next() {
		r, err := iter.Value()
		if err != nil {
			iter.Close()
			return nil, err
		}
		if r.Period < rec.Period {
			break
		}
		if r.Period > rec.Period {
			continue
		}
		for _, m := range r.Members {
			if cur, ok := credited[m.Owner]; ok {
				credited[m.Owner] = cur.Add(m.Credited)
			} else {
				credited[m.Owner] = m.Credited
			}
		}
	}
	iter.Close()
	var d diffs
	sent, failed := math.ZeroInt(), math.ZeroInt()
	for i, e := range rec.Entries {
		want := credited[e.Owner]
		if want.IsNil() {
			want = math.ZeroInt()
		}
		src := fmt.Sprintf("credits of period %d in the cycle records", rec.Period)
		if id > 0 {
			if prevEntry, err := k.PayoutEntries.Get(ctx, collections.Join(id-1, sdk.MustAccAddressFromBech32(e.Owner))); err == nil && !prevEntry.Sent {
				want = want.Add(prevEntry.Amount)
				src += fmt.Sprintf(" + failed entry of payout %d", id-1)
			}
		}
		d.add(fmt.Sprintf("entries[%d].amount", i), e.Amount, want, src)
		if e.Sent {
			sent = sent.Add(e.Amount)
		} else {
			failed = failed.Add(e.Amount)
		}
	}
	d.add("total_sent", rec.TotalSent, sent, "sum of the sent entries")
	d.add("total_failed", rec.TotalFailed, failed, "sum of the failed entries")
	d.add("entry_count", rec.EntryCount, uint32(len(rec.Entries)), "number of the stored entries")
	check := types.AuditCheck{Name: CheckContinuity, Match: len(d) == 0, Differences: d}
	return &types.QueryAuditPayoutResponse{Check: check, Payout: rec}, nil
}

// payoutWithEntries returns a payout record with its entries filled in.
func (k *Keeper) payoutWithEntries(ctx context.Context, id uint64) (types.PayoutRecord, error) {
	rec, err := k.Payouts.Get(ctx, id)
	if err != nil {
		return rec, err
	}
	err = k.PayoutEntries.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id), func(_ collections.Pair[uint64, sdk.AccAddress], e types.PayoutEntry) (bool, error) {
		rec.Entries = append(rec.Entries, e)
		return false, nil
	})
	return rec, err
}
