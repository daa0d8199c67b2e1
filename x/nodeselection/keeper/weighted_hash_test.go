package keeper_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// weightedNextAfter runs a WEIGHTED chain (6 operators, 2 seats, full
// turnover) to the first boundary: the block before it has header hash
// before, the boundary block itself has header hash at. It returns the owners
// drawn for the next set.
func weightedNextAfter(t *testing.T, before, at []byte) []string {
	t.Helper()
	f, _ := genesisWithOperators(t, 6, func(p *types.Params) {
		p.ActiveSetSize, p.MaxDailyTurnoverBps, p.Strategy = 2, 20000, types.STRATEGY_WEIGHTED
	})
	f.ctx = f.ctx.WithHeaderHash(before)
	f.at(genesisTime.Add(cycle - time.Second))
	f.ctx = f.ctx.WithHeaderHash(at)
	f.boundary(1)
	return owners(f.state().Next)
}

// The WEIGHTED draw at a boundary is seeded by the boundary block's last
// block id hash, i.e. the hash of the block before it: the same hash gives
// the same draw whatever the boundary block's own hash, and some other hash
// gives another draw (it would not if the hash were ignored).
func TestWeightedDrawTiedToLastBlockID(t *testing.T) {
	// ARRANGE
	h1 := bytes.Repeat([]byte{0x01}, 32)

	// ACT
	base := weightedNextAfter(t, h1, bytes.Repeat([]byte{0xaa}, 32))
	sameLast := weightedNextAfter(t, h1, bytes.Repeat([]byte{0xbb}, 32))
	differs := false
	for b := byte(2); b < 12 && !differs; b++ {
		other := weightedNextAfter(t, bytes.Repeat([]byte{b}, 32), bytes.Repeat([]byte{0xaa}, 32))
		differs = !equalStrings(other, base)
	}

	// ASSERT
	require.Len(t, base, 2)
	require.Equal(t, base, sameLast, "the boundary block's own hash does not seed the draw")
	require.True(t, differs, "another last block id never changed the draw: the hash is not an input")
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
