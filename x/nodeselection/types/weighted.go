package types

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"

	"cosmossdk.io/math"
)

// Weight is the WEIGHTED selection weight floor(stake * credit); zero for a
// non-positive stake or credit.
func Weight(stake math.Int, credit math.LegacyDec) math.Int {
	if stake.IsNil() || credit.IsNil() || !stake.IsPositive() || !credit.IsPositive() {
		return math.ZeroInt()
	}
	return credit.MulInt(stake).TruncateInt()
}

// DrawSeed is the first 32-byte hash of a draw:
// sha256(last_block_id_hash || uint64_be(cycle) || uint32_be(seat)).
func DrawSeed(lastBlockHash []byte, cycle uint64, seat uint32) [32]byte {
	buf := make([]byte, 0, len(lastBlockHash)+12)
	buf = append(buf, lastBlockHash...)
	buf = binary.BigEndian.AppendUint64(buf, cycle)
	buf = binary.BigEndian.AppendUint32(buf, seat)
	return sha256.Sum256(buf)
}

// UniformBelow reduces the draw (lastBlockHash, cycle, seat) to a uniform
// integer in [0, total) by rejection sampling: h0 = DrawSeed(...); read h as a
// 256-bit big-endian integer x; if x < 2^256 - (2^256 mod total) return
// x mod total, else h = sha256(h) and try again. total must be positive.
func UniformBelow(lastBlockHash []byte, cycle uint64, seat uint32, total *big.Int) *big.Int {
	space := new(big.Int).Lsh(big.NewInt(1), 256)
	limit := new(big.Int).Sub(space, new(big.Int).Mod(space, total))
	h := DrawSeed(lastBlockHash, cycle, seat)
	for {
		x := new(big.Int).SetBytes(h[:])
		if x.Cmp(limit) < 0 {
			return x.Mod(x, total)
		}
		h = sha256.Sum256(h[:])
	}
}

// Candidate is an eligible non-member with its weight, in queue order.
type Candidate struct {
	// Owner is the operator's owner address.
	Owner string
	// QueueSeq is its queue position.
	QueueSeq uint64
	// Weight is floor(stake * credit).
	Weight math.Int
}

// DrawWeighted draws up to want distinct candidates without replacement, each
// draw j (0-based) picking candidate i with probability weight_i / total over
// the candidates not yet drawn and not in skip: r = UniformBelow(hash, cycle,
// j, total) selects the first candidate, in the given order, whose cumulative
// weight exceeds r. Zero-weight candidates are never drawn. Pure.
func DrawWeighted(cands []Candidate, skip map[string]bool, want int, lastBlockHash []byte, cycle uint64, firstSeat uint32) []Candidate {
	var picks []Candidate
	taken := map[string]bool{}
	for j := 0; j < want; j++ {
		total := new(big.Int)
		for _, c := range cands {
			if !skip[c.Owner] && !taken[c.Owner] && c.Weight.IsPositive() {
				total.Add(total, c.Weight.BigIntMut())
			}
		}
		if total.Sign() == 0 {
			break
		}
		r := UniformBelow(lastBlockHash, cycle, firstSeat+uint32(j), total)
		acc := new(big.Int)
		for _, c := range cands {
			if skip[c.Owner] || taken[c.Owner] || !c.Weight.IsPositive() {
				continue
			}
			acc.Add(acc, c.Weight.BigIntMut())
			if r.Cmp(acc) < 0 {
				picks = append(picks, c)
				taken[c.Owner] = true
				break
			}
		}
	}
	return picks
}
