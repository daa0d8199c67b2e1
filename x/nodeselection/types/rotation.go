package types

import (
	"math/big"
	"time"

	"cosmossdk.io/math"
)

// RotationSource is the read-only view Rotate works on: operator eligibility at
// the boundary time and the queue in registration order. The keeper backs it
// with the store; Query/Schedule with the store plus a simulated clock.
type RotationSource interface {
	// Eligible reports whether owner may hold a seat at the boundary.
	Eligible(owner string) (bool, error)
	// ScanQueue calls fn for queue entries with seq >= from in ascending order
	// until fn returns stop.
	ScanQueue(from uint64, fn func(seq uint64, owner string) (stop bool, err error)) error
	// Weight is owner's WEIGHTED selection weight, floor(stake * credit).
	Weight(owner string) (math.Int, error)
}

// RotationInput is everything Rotate needs besides the source.
type RotationInput struct {
	// Cycle is the number of the cycle that starts at this boundary.
	Cycle uint64
	// Announced is the set announced for Cycle at the previous boundary.
	Announced []Member
	// ActiveSetSize is K.
	ActiveSetSize uint32
	// Budget is m, the scheduled rotations per boundary (RotationBudget).
	Budget uint32
	// Pointer is the queue sequence where the search starts.
	Pointer uint64
	// MaxQueueScan bounds the queue entries examined at this boundary.
	MaxQueueScan uint32
	// Strategy is ROUND_ROBIN (queue order) or WEIGHTED (draws).
	Strategy Strategy
	// LastBlockHash is the last block id hash of the boundary block's header,
	// the randomness of WEIGHTED draws.
	LastBlockHash []byte
}

// RotationResult is the outcome of one boundary.
type RotationResult struct {
	// Current is the set serving Cycle.
	Current []Member
	// Next is the set announced for Cycle+1.
	Next []Member
	// Pointer is the new queue pointer.
	Pointer uint64
	// Dropped lists announced members not seated because no longer eligible
	// (or shed because active_set_size shrank).
	Dropped []string
	// ForcedOut lists members of Current left out of Next as ineligible.
	ForcedOut []string
	// ScheduledOut lists members of Current rotated out of Next by schedule.
	ScheduledOut []string
	// Scanned is the number of queue entries examined.
	Scanned uint32

	// candidates are the WEIGHTED candidates collected once per boundary.
	candidates []Candidate
	collected  bool
}

// RotationBudget is m of docs/protocol.md#queue-and-rotation: 0 when bps is 0, else
// min(K, max(1, floor(K * bps * cycle / (10000 * 24h)))), in integer math.
func RotationBudget(k, bps uint32, cycle time.Duration) uint32 {
	if bps == 0 || k == 0 {
		return 0
	}
	num := new(big.Int).SetUint64(uint64(k))
	num.Mul(num, new(big.Int).SetUint64(uint64(bps)))
	num.Mul(num, big.NewInt(int64(cycle)))
	den := new(big.Int).Mul(big.NewInt(10000), big.NewInt(int64(24*time.Hour)))
	m := new(big.Int).Quo(num, den)
	if m.Sign() == 0 {
		return 1
	}
	if m.Cmp(new(big.Int).SetUint64(uint64(k))) > 0 {
		return k
	}
	return uint32(m.Uint64())
}

// Rotate processes one boundary (docs/protocol.md#queue-and-rotation): the announced set becomes current
// (ineligible members dropped, empty seats filled from the queue), then next
// is computed: forced out, scheduled out (oldest since_cycle, ties by queue
// position, only with a replacement), empty seats filled from the queue. It
// never writes; its reads are proportional to K plus the entries scanned.
func Rotate(src RotationSource, in RotationInput) (RotationResult, error) {
	res := RotationResult{Pointer: in.Pointer}
	k := int(in.ActiveSetSize)

	// Step 0: announced -> current.
	announced := append([]Member(nil), in.Announced...)
	if len(announced) > k {
		sortOldestFirst(announced)
		for _, m := range announced[:len(announced)-k] {
			res.Dropped = append(res.Dropped, m.Owner)
		}
		announced = announced[len(announced)-k:]
	}
	seated := map[string]bool{}
	for _, o := range res.Dropped {
		seated[o] = true // shed seats are not refilled by the same operators
	}
	for _, m := range announced {
		ok, err := src.Eligible(m.Owner)
		if err != nil {
			return res, err
		}
		if !ok {
			res.Dropped = append(res.Dropped, m.Owner)
			continue
		}
		res.Current = append(res.Current, m)
		seated[m.Owner] = true
	}
	kept := uint32(len(res.Current))
	picks, err := fill(src, &res, seated, k-len(res.Current), in, in.Cycle, func(int) uint32 { return kept })
	if err != nil {
		return res, err
	}
	for _, p := range picks {
		p.SinceCycle = in.Cycle
		res.Current = append(res.Current, p)
	}

	// Step 1: forced out.
	var remaining []Member
	for _, m := range res.Current {
		ok, err := src.Eligible(m.Owner)
		if err != nil {
			return res, err
		}
		if ok {
			remaining = append(remaining, m)
		} else {
			res.ForcedOut = append(res.ForcedOut, m.Owner)
		}
	}
	// Steps 2 and 3: look for replacements first, then rotate out as many of
	// the oldest as there are replacements beyond the empty seats.
	empty := k - len(remaining)
	sMax := int(in.Budget) - len(res.ForcedOut)
	if sMax < 0 {
		sMax = 0
	}
	if sMax > len(remaining) {
		sMax = len(remaining)
	}
	members := map[string]bool{}
	for _, m := range res.Current {
		members[m.Owner] = true
	}
	// A drawn operator takes the seat after the members that stay: with n
	// picks, n - empty of the oldest leave, so the first new seat is
	// len(remaining) - max(0, n - empty).
	seatOf := func(n int) uint32 { return uint32(len(remaining) - max(0, n-empty)) }
	picks, err = fill(src, &res, members, empty+sMax, in, in.Cycle+1, seatOf)
	if err != nil {
		return res, err
	}
	s := len(picks) - empty
	if s < 0 {
		s = 0
	}
	byAge := append([]Member(nil), remaining...)
	sortOldestFirst(byAge)
	out := map[string]bool{}
	for _, m := range byAge[:s] {
		out[m.Owner] = true
		res.ScheduledOut = append(res.ScheduledOut, m.Owner)
	}
	for _, m := range remaining {
		if !out[m.Owner] {
			res.Next = append(res.Next, m)
		}
	}
	for _, p := range picks {
		p.SinceCycle = in.Cycle + 1
		res.Next = append(res.Next, p)
	}
	return res, nil
}
