package types_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func cands(weights ...int64) []types.Candidate {
	out := make([]types.Candidate, len(weights))
	for i, w := range weights {
		out[i] = types.Candidate{Owner: string(rune('a' + i)), QueueSeq: uint64(i + 1), Weight: math.NewInt(w)}
	}
	return out
}

// The draw follows the documented byte layout exactly. Expected picks were
// computed separately (Python hashlib, no Go code involved):
//
//	h = bytes(range(1, 33)); cycle = 7
//	seat j: d = sha256(h + cycle.to_bytes(8,'big') + j.to_bytes(4,'big'))
//	        r = int.from_bytes(d,'big') % total   (no rejection: x < 2^256 - 2^256 % total)
//	seat 0: d = 0d58758d489864bc..., total 1+2+3+4 = 10, r = 9 -> cumulative a<1 b<3 c<6 d<10 -> d
//	seat 1: d = af382dfde339c8ce..., total 1+2+3 = 6,    r = 5 -> a<1 b<3 c<6 -> c
//	seat 2: d = 5aecfa4369c4f14f..., total 1+2 = 3,      r = 1 -> a<1 b<3 -> b
func TestDrawWeightedFixedVector(t *testing.T) {
	// ARRANGE
	hash := make([]byte, 32)
	for i := range hash {
		hash[i] = byte(i + 1)
	}
	seed := types.DrawSeed(hash, 7, 0)
	require.Equal(t, "0d58758d489864bc", fmt.Sprintf("%x", seed[:8]))

	// ACT
	picks := types.DrawWeighted(cands(1, 2, 3, 4), map[string]bool{}, 3, hash, 7, 0)
	again := types.DrawWeighted(cands(1, 2, 3, 4), map[string]bool{}, 3, hash, 7, 0)

	// ASSERT
	require.Equal(t, []string{"d", "c", "b"}, []string{picks[0].Owner, picks[1].Owner, picks[2].Owner})
	require.Equal(t, picks, again, "same inputs, same draw")
	require.Equal(t, int64(9), types.UniformBelow(hash, 7, 0, big.NewInt(10)).Int64())
}

// Over 20000 single-seat draws (cycles 0..19999) the picks follow the weights
// 1:2:3:4; the chi-square statistic (3 degrees of freedom) stays below 16.27,
// the 0.1% critical value. A zero-weight candidate is never drawn.
func TestDrawWeightedFrequenciesMatchWeights(t *testing.T) {
	// ARRANGE
	const n = 20000
	pool := cands(1, 2, 3, 4, 0)
	hash := []byte("xmtpd weighted frequency test")
	counts := map[string]int{}

	// ACT
	for c := uint64(0); c < n; c++ {
		p := types.DrawWeighted(pool, map[string]bool{}, 1, hash, c, 0)
		require.Len(t, p, 1)
		counts[p[0].Owner]++
	}

	// ASSERT
	chi := 0.0
	for i, w := range []int{1, 2, 3, 4} {
		exp := float64(n*w) / 10
		d := float64(counts[string(rune('a'+i))]) - exp
		chi += d * d / exp
	}
	require.Less(t, chi, 16.27, "counts %v", counts)
	require.Zero(t, counts["e"], "zero weight drawn")
}

// Skipped (already seated) and zero-weight candidates are never drawn; when
// nothing with weight is left, fewer seats are filled.
func TestDrawWeightedSkipsAndRunsOut(t *testing.T) {
	picks := types.DrawWeighted(cands(5, 0, 7), map[string]bool{"c": true}, 3, []byte{1}, 1, 0)
	require.Len(t, picks, 1)
	require.Equal(t, "a", picks[0].Owner)
}

// The weight is floor(stake * credit).
func TestWeightIsStakeTimesCreditTruncated(t *testing.T) {
	require.Equal(t, "10000000000", types.Weight(math.NewInt(100_000_000_000), math.LegacyNewDecWithPrec(1, 1)).String())
	require.Equal(t, "3", types.Weight(math.NewInt(7), math.LegacyNewDecWithPrec(5, 1)).String()) // 3.5 -> 3
	require.True(t, types.Weight(math.NewInt(7), math.LegacyZeroDec()).IsZero())
}

// Rejection sampling: with total = 2^255 + 1, values at or above
// 2^256 - (2^256 mod total) = 2^256 - (2^255 - 1) are rejected and rehashed;
// the result is always below total.
func TestUniformBelowStaysInRange(t *testing.T) {
	total := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(1))
	for c := uint64(0); c < 64; c++ {
		r := types.UniformBelow([]byte("h"), c, 0, total)
		require.True(t, r.Sign() >= 0 && r.Cmp(total) < 0)
	}
}
