package types

import (
	"sort"
)

// fill picks up to want eligible entries not in skip for the seats of cycle:
// ROUND_ROBIN scans the queue from the pointer and wraps once, within the
// scan budget left, and the pointer moves past each pick; WEIGHTED draws.
// When the scan budget runs out before every seat is filled, the pointer moves
// past the last entry scanned, so the next boundary searches further instead
// of re-reading the same window. seatOf gives the WEIGHTED seat index of the
// first draw when n operators are drawn.
func fill(src RotationSource, res *RotationResult, skip map[string]bool, want int, in RotationInput, cycle uint64, seatOf func(n int) uint32) ([]Member, error) {
	var picks []Member
	if want <= 0 {
		return nil, nil
	}
	if in.Strategy == STRATEGY_WEIGHTED {
		return fillWeighted(src, res, skip, want, in, cycle, seatOf)
	}
	start := res.Pointer
	last, scanned := uint64(0), false
	visit := func(seq uint64, owner string) (bool, error) {
		if res.Scanned >= in.MaxQueueScan {
			return true, nil
		}
		res.Scanned++
		last, scanned = seq, true
		if skip[owner] {
			return false, nil
		}
		ok, err := src.Eligible(owner)
		if err != nil || !ok {
			return false, err
		}
		picks = append(picks, Member{Owner: owner, QueueSeq: seq})
		skip[owner] = true
		res.Pointer = seq + 1
		return len(picks) >= want, nil
	}
	if err := src.ScanQueue(start, visit); err != nil {
		return nil, err
	}
	if len(picks) < want && res.Scanned < in.MaxQueueScan && start > 0 {
		err := src.ScanQueue(0, func(seq uint64, owner string) (bool, error) {
			if seq >= start {
				return true, nil
			}
			return visit(seq, owner)
		})
		if err != nil {
			return nil, err
		}
	}
	if len(picks) < want && res.Scanned >= in.MaxQueueScan && scanned {
		res.Pointer = last + 1
	}
	return picks, nil
}

// fillWeighted draws up to want seats of cycle from the WEIGHTED candidates
// (DrawWeighted). The candidates are collected once per boundary: eligible
// queue entries with a positive weight, scanned from the pointer, wrapping
// once, at most max_queue_scan entries; the pointer then moves past the last
// entry scanned, so a queue longer than max_queue_scan is covered window by
// window over successive boundaries.
func fillWeighted(src RotationSource, res *RotationResult, skip map[string]bool, want int, in RotationInput, cycle uint64, seatOf func(n int) uint32) ([]Member, error) {
	if !res.collected {
		res.collected = true
		start := res.Pointer
		last, scanned := uint64(0), false
		visit := func(seq uint64, owner string) (bool, error) {
			if res.Scanned >= in.MaxQueueScan {
				return true, nil
			}
			res.Scanned++
			last, scanned = seq, true
			ok, err := src.Eligible(owner)
			if err != nil || !ok {
				return false, err
			}
			w, err := src.Weight(owner)
			if err != nil {
				return false, err
			}
			if w.IsPositive() {
				res.candidates = append(res.candidates, Candidate{Owner: owner, QueueSeq: seq, Weight: w})
			}
			return false, nil
		}
		if err := src.ScanQueue(start, visit); err != nil {
			return nil, err
		}
		if res.Scanned < in.MaxQueueScan && start > 0 {
			err := src.ScanQueue(0, func(seq uint64, owner string) (bool, error) {
				if seq >= start {
					return true, nil
				}
				return visit(seq, owner)
			})
			if err != nil {
				return nil, err
			}
		}
		if scanned {
			res.Pointer = last + 1
		}
	}
	drawable := 0
	for _, c := range res.candidates {
		if !skip[c.Owner] && c.Weight.IsPositive() {
			drawable++
		}
	}
	var picks []Member
	for _, c := range DrawWeighted(res.candidates, skip, want, in.LastBlockHash, cycle, seatOf(min(want, drawable))) {
		skip[c.Owner] = true
		picks = append(picks, Member{Owner: c.Owner, QueueSeq: c.QueueSeq})
	}
	return picks, nil
}

// sortOldestFirst orders members by since_cycle, ties by queue position.
func sortOldestFirst(ms []Member) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].SinceCycle != ms[j].SinceCycle {
			return ms[i].SinceCycle < ms[j].SinceCycle
		}
		return ms[i].QueueSeq < ms[j].QueueSeq
	})
}
