package types

import (
	"fmt"
	"time"

	"cosmossdk.io/math"
)

// CycleMeta is what a cycle record holds beyond the allocation itself.
type CycleMeta struct {
	Cycle    uint64
	Start    time.Time
	End      time.Time
	Attested bool
	Period   uint64
	// SettledAt and SettledHeight are the block of the settlement.
	SettledAt     time.Time
	SettledHeight int64
	// BackstopSpend says a backstop was drawn; BackstopSpendID is the treasury spend.
	BackstopSpend   bool
	BackstopSpendID uint64
}

// NewCycleRecord builds the stored record of a settled cycle from its inputs and outputs.
func NewCycleRecord(meta CycleMeta, in AllocationInput, out AllocationOutput) CycleRecord {
	rec := CycleRecord{
		Cycle:            meta.Cycle,
		Start:            meta.Start,
		End:              meta.End,
		Duration:         in.Duration,
		AlgorithmVersion: in.Version,
		Params:           in.Params,
		Budget:           in.Budget,
		Backstop:         out.BackstopUsed,
		TotalCredited:    out.Credited,
		TotalWithheld:    out.Withheld,
		TotalCapExcess:   out.CapExcess,
		Dust:             out.Dust,
		Carried:          out.Carried,
		Attested:         meta.Attested,
		Period:           meta.Period,
		Members:          make([]MemberRecord, len(in.Members)),
		SettledAt:        meta.SettledAt,
		SettledHeight:    meta.SettledHeight,
		BackstopSpend:    meta.BackstopSpend,
		BackstopSpendId:  meta.BackstopSpendID,
	}
	for i, m := range in.Members {
		r := MemberRecord{
			Owner: m.Owner, UptimeBps: m.UptimeBps, WorkUnits: m.WorkUnits, WithholdBps: m.WithholdBps,
			ArrearsBefore: m.Arrears, PeriodCostsBefore: m.PeriodCosts, PeriodEarningsBefore: m.PeriodEarnings,
			Creditor: m.Creditor,
		}
		if i < len(out.Members) {
			o := out.Members[i]
			r.Fixed, r.Variable, r.ArrearsPaid, r.CostsPaid = o.Fixed, o.Variable, o.ArrearsPaid, o.CostsPaid
			r.Bonus, r.CapExcess, r.Withheld, r.Credited = o.Bonus, o.CapExcess, o.Withheld, o.Credited
			r.ArrearsAfter, r.PeriodCostsAfter, r.PeriodEarningsAfter = o.ArrearsAfter, o.PeriodCostsAfter, o.PeriodEarningsAfter
		} else {
			z := math.ZeroInt()
			r.Fixed, r.Variable, r.ArrearsPaid, r.CostsPaid, r.Bonus, r.CapExcess = z, z, z, z, z, z
			r.Withheld, r.Credited, r.ArrearsAfter, r.PeriodCostsAfter, r.PeriodEarningsAfter = z, z, z, z, z
		}
		rec.Members[i] = r
	}
	return rec
}

// Input rebuilds the allocation input stored in a record (for audit and simulation).
func (r CycleRecord) Input() AllocationInput {
	in := AllocationInput{
		Version:  r.AlgorithmVersion,
		Params:   r.Params,
		Duration: r.Duration,
		Budget:   r.Budget,
		Backstop: r.Backstop,
		Members:  make([]MemberInput, len(r.Members)),
	}
	for i, m := range r.Members {
		in.Members[i] = MemberInput{
			Owner: m.Owner, UptimeBps: m.UptimeBps, WorkUnits: m.WorkUnits, WithholdBps: m.WithholdBps,
			Arrears: m.ArrearsBefore, PeriodCosts: m.PeriodCostsBefore, PeriodEarnings: m.PeriodEarningsBefore,
			Creditor: m.Creditor,
		}
	}
	return in
}

// Meta returns the non-allocation fields of a record.
func (r CycleRecord) Meta() CycleMeta {
	return CycleMeta{
		Cycle: r.Cycle, Start: r.Start, End: r.End, Attested: r.Attested, Period: r.Period,
		SettledAt: r.SettledAt, SettledHeight: r.SettledHeight, BackstopSpend: r.BackstopSpend, BackstopSpendID: r.BackstopSpendId,
	}
}

// DiffRecords lists every output field where stored and recomputed differ.
func DiffRecords(stored, recomputed CycleRecord) []FieldDiff {
	var diffs []FieldDiff
	add := func(field string, a, b math.Int) {
		if a.IsNil() != b.IsNil() || (!a.IsNil() && !a.Equal(b)) {
			diffs = append(diffs, FieldDiff{Field: field, Stored: intString(a), Recomputed: intString(b)})
		}
	}
	add("backstop", stored.Backstop, recomputed.Backstop)
	add("total_credited", stored.TotalCredited, recomputed.TotalCredited)
	add("total_withheld", stored.TotalWithheld, recomputed.TotalWithheld)
	add("total_cap_excess", stored.TotalCapExcess, recomputed.TotalCapExcess)
	add("dust", stored.Dust, recomputed.Dust)
	add("carried", stored.Carried, recomputed.Carried)
	if len(stored.Members) != len(recomputed.Members) {
		diffs = append(diffs, FieldDiff{Field: "members", Stored: fmt.Sprint(len(stored.Members)), Recomputed: fmt.Sprint(len(recomputed.Members))})
		return diffs
	}
	for i, s := range stored.Members {
		c := recomputed.Members[i]
		p := fmt.Sprintf("members[%d].", i)
		add(p+"fixed", s.Fixed, c.Fixed)
		add(p+"variable", s.Variable, c.Variable)
		add(p+"arrears_paid", s.ArrearsPaid, c.ArrearsPaid)
		add(p+"costs_paid", s.CostsPaid, c.CostsPaid)
		add(p+"bonus", s.Bonus, c.Bonus)
		add(p+"cap_excess", s.CapExcess, c.CapExcess)
		add(p+"withheld", s.Withheld, c.Withheld)
		add(p+"credited", s.Credited, c.Credited)
		add(p+"arrears_after", s.ArrearsAfter, c.ArrearsAfter)
		add(p+"period_costs_after", s.PeriodCostsAfter, c.PeriodCostsAfter)
		add(p+"period_earnings_after", s.PeriodEarningsAfter, c.PeriodEarningsAfter)
	}
	return diffs
}

func intString(i math.Int) string {
	if i.IsNil() {
		return "<nil>"
	}
	return i.String()
}
