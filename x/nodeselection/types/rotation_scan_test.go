package types_test

import (
	"fmt"
	"sort"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// memSource is an in-memory queue: seq -> owner, and who is eligible.
type memSource struct {
	queue    map[uint64]string
	eligible map[string]bool
}

func (s memSource) Eligible(owner string) (bool, error) { return s.eligible[owner], nil }
func (s memSource) Weight(string) (math.Int, error)     { return math.OneInt(), nil }
func (s memSource) ScanQueue(from uint64, fn func(uint64, string) (bool, error)) error {
	var seqs []uint64
	for seq := range s.queue {
		if seq >= from {
			seqs = append(seqs, seq)
		}
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	for _, seq := range seqs {
		if stop, err := fn(seq, s.queue[seq]); stop || err != nil {
			return err
		}
	}
	return nil
}

// A run of ineligible entries longer than max_queue_scan must not freeze the
// rotation: the pointer moves past what was scanned, and the eligible
// operators further down the queue get their turn within a few boundaries.
func TestRotationGetsPastAnIneligibleRunLongerThanTheScanBudget(t *testing.T) {
	// ARRANGE: 1..10 eligible, 11..15 ineligible (e.g. below a raised
	// min_stake), 16..20 eligible; K = 3, m = 1, max_queue_scan = 4.
	src := memSource{queue: map[uint64]string{}, eligible: map[string]bool{}}
	for seq := uint64(1); seq <= 20; seq++ {
		owner := fmt.Sprintf("op%02d", seq)
		src.queue[seq] = owner
		src.eligible[owner] = seq <= 10 || seq >= 16
	}
	in := types.RotationInput{ActiveSetSize: 3, Budget: 1, Pointer: 1, MaxQueueScan: 4, Strategy: types.STRATEGY_ROUND_ROBIN}

	// ACT: 20 boundaries.
	served := map[string]bool{}
	for c := uint64(1); c <= 20; c++ {
		in.Cycle = c
		res, err := types.Rotate(src, in)
		require.NoError(t, err)
		require.Len(t, res.Current, 3, "cycle %d: every seat is filled", c)
		for _, m := range res.Current {
			served[m.Owner] = true
		}
		in.Announced, in.Pointer = res.Next, res.Pointer
	}

	// ASSERT: everyone eligible served; no ineligible operator did.
	for seq := uint64(1); seq <= 20; seq++ {
		owner := fmt.Sprintf("op%02d", seq)
		require.Equal(t, src.eligible[owner], served[owner], "%s eligible=%v served=%v", owner, src.eligible[owner], served[owner])
	}
}
