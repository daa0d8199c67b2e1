package types

import "sort"

// MaxUptimeBps is the highest uptime an observation may report.
const MaxUptimeBps = 10000

// LowerMedian returns the lower median of vals (index (n-1)/2 of the sorted
// values) and false when vals is empty. It does not modify vals.
func LowerMedian(vals []uint64) (uint64, bool) {
	if len(vals) == 0 {
		return 0, false
	}
	s := append([]uint64(nil), vals...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)-1)/2], true
}

// SettlementResult is the settled performance of one cycle (docs/protocol.md#attestation-and-settled-performance).
type SettlementResult struct {
	// Records holds one performance record per member, in member order.
	Records []Performance
	// Summary is the cycle's summary (End is left for the caller).
	Summary SettledCycle
}

// SettlePerformance computes the performance of every member of cycle from
// the attestations submitted for it: the lower median of the observations
// about each member; attested when more than half of the members submitted.
// Not attested: uptime 10000, work 0 for all, no violations. Attested: a member
// whose uptime is below minUptimeBps commits a downtime violation unless the
// lower median of all members' uptimes is itself below it (outage). A member
// nobody observed gets uptime 10000 and work 0 (no evidence against it). Pure.
func SettlePerformance(cycle uint64, members []string, atts []Attestation, minUptimeBps uint32) SettlementResult {
	isMember := make(map[string]bool, len(members))
	for _, m := range members {
		isMember[m] = true
	}
	uptimes := map[string][]uint64{}
	works := map[string][]uint64{}
	submitters := 0
	for _, a := range atts {
		if a.Cycle != cycle || !isMember[a.Attester] {
			continue
		}
		submitters++
		for _, o := range a.Observations {
			if o.Operator == a.Attester || !isMember[o.Operator] {
				continue
			}
			uptimes[o.Operator] = append(uptimes[o.Operator], uint64(o.UptimeBps))
			works[o.Operator] = append(works[o.Operator], o.WorkUnits)
		}
	}
	attested := submitters*2 > len(members)
	res := SettlementResult{Summary: SettledCycle{
		Cycle: cycle, Members: uint32(len(members)), Submitters: uint32(submitters), Attested: attested,
	}}
	all := make([]uint64, 0, len(members))
	for _, m := range members {
		rec := Performance{Cycle: cycle, Operator: m, UptimeBps: MaxUptimeBps, Attested: attested}
		if attested {
			rec.Observations = uint32(len(uptimes[m]))
			if u, ok := LowerMedian(uptimes[m]); ok {
				rec.UptimeBps = uint32(u)
				rec.WorkUnits, _ = LowerMedian(works[m])
			}
		}
		all = append(all, uint64(rec.UptimeBps))
		res.Records = append(res.Records, rec)
	}
	median, ok := LowerMedian(all)
	if !ok {
		median = MaxUptimeBps
	}
	res.Summary.MedianUptimeBps = uint32(median)
	res.Summary.Outage = attested && res.Summary.MedianUptimeBps < minUptimeBps
	if attested && !res.Summary.Outage {
		for _, r := range res.Records {
			if r.UptimeBps < minUptimeBps {
				res.Summary.Downtime = append(res.Summary.Downtime, r.Operator)
			}
		}
	}
	return res
}
