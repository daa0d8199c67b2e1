package keeper

import (
	"cosmossdk.io/collections"
)

// queueRun is a contiguous run of the queue read from the store: every entry
// with lo <= seq < hi (or every entry from lo on, when end is set).
type queueRun struct {
	lo, hi uint64
	end    bool
	seqs   []uint64
	owners []string
}

func (r *queueRun) covers(from uint64) bool { return r.lo <= from && (from <= r.hi || r.end) }

// maxQueueRuns bounds the runs one source keeps (the scan from the pointer and
// the wrapped scan from the head are the usual two).
const maxQueueRuns = 4

// scanQueue walks the queue from `from` in ascending order. Within one source
// (one boundary or one query) entries already read are served from memory, so
// a Schedule query that replays many rotations reads each entry once. The
// store is not written while a source is alive, so the runs stay exact.
func (s *storeSource) scanQueue(from uint64, fn func(seq uint64, owner string) (bool, error)) error {
	var run *queueRun
	for _, r := range s.runs {
		if r.covers(from) {
			run = r
			break
		}
	}
	if run == nil {
		run = &queueRun{lo: from, hi: from}
		if len(s.runs) == maxQueueRuns {
			s.runs = s.runs[1:]
		}
		s.runs = append(s.runs, run)
	}
	for i, seq := range run.seqs {
		if seq < from {
			continue
		}
		if stop, err := fn(seq, run.owners[i]); stop || err != nil {
			return err
		}
	}
	if run.end {
		return nil
	}
	// After fn stops, up to s.readAhead more entries are read into the run
	// with the same iterator, so that the next scan (the next predicted
	// rotation of a long Schedule) starts from memory instead of opening an
	// iterator for one or two entries.
	stopped, halted, extra := false, false, 0
	err := s.k.Queue().Walk(s.ctx, new(collections.Range[uint64]).StartInclusive(run.hi), func(seq uint64, owner string) (bool, error) {
		run.seqs = append(run.seqs, seq)
		run.owners = append(run.owners, owner)
		run.hi = seq + 1
		if stopped {
			extra++
			halted = extra >= s.readAhead
			return halted, nil
		}
		stop, err := fn(seq, owner)
		stopped = stop
		halted = err != nil || (stop && s.readAhead == 0)
		return halted, err
	})
	if err == nil && !halted {
		run.end = true
	}
	return err
}
