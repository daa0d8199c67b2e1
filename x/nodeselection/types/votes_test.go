package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The comprehensive stake floor((stake + votes / 2) * credit), worked by hand.
func TestWeightWithVotes(t *testing.T) {
	half := math.LegacyNewDecWithPrec(5, 1)
	tenth := math.LegacyNewDecWithPrec(1, 1)
	for _, tc := range []struct {
		name                string
		stake, votes, wantW int64
		credit              math.LegacyDec
	}{
		{"no votes is Weight", 2000, 0, 1000, half},
		{"votes count half", 2000, 12000, 4000, half},                   // (2000 + 6000) * 0.5
		{"odd votes floored", 2000, 12001, 4000, half},                  // (2000 + 6000.5) * 0.5 = 4000.25
		{"credit 0.1", 100_000_000_000, 400, 10_000_000_020, tenth},     // (1e11 + 200) * 0.1
		{"floor of a third", 10, 1, 3, math.LegacyNewDecWithPrec(3, 1)}, // (10 + 0.5) * 0.3 = 3.15
		{"zero stake has no weight", 0, 1_000_000, 0, half},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := types.WeightWithVotes(math.NewInt(tc.stake), math.NewInt(tc.votes), tc.credit)
			require.Equal(t, math.NewInt(tc.wantW), got)
		})
	}
	require.Equal(t, types.Weight(math.NewInt(2000), half), types.WeightWithVotes(math.NewInt(2000), math.Int{}, half), "nil votes count as zero")
	require.True(t, types.WeightWithVotes(math.NewInt(2000), math.NewInt(10), math.LegacyZeroDec()).IsZero(), "zero credit")
}

// Votes change a fixed draw. Expected values computed separately (Python
// hashlib, no Go code involved), h = bytes(range(1, 33)), cycle 11, seat 0:
//
//	d = sha256(h + (11).to_bytes(8,'big') + (0).to_bytes(4,'big'))
//	int(d) % 4000 = 2018, int(d) % 7000 = 2018
//
// Four operators with stake 2000 and credit 0.5 weigh 1000 each (total 4000):
// r = 2018 falls in c (cumulative a<1000 b<2000 c<3000). With 12000 votes for
// a, a weighs (2000 + 6000) * 0.5 = 4000 (total 7000): r = 2018 < 4000 -> a.
func TestVotesChangeTheFixedDraw(t *testing.T) {
	// ARRANGE
	hash := make([]byte, 32)
	for i := range hash {
		hash[i] = byte(i + 1)
	}
	half := math.LegacyNewDecWithPrec(5, 1)
	pool := func(votesForA int64) []types.Candidate {
		out := make([]types.Candidate, 4)
		for i := range out {
			votes := int64(0)
			if i == 0 {
				votes = votesForA
			}
			out[i] = types.Candidate{Owner: string(rune('a' + i)), QueueSeq: uint64(i + 1),
				Weight: types.WeightWithVotes(math.NewInt(2000), math.NewInt(votes), half)}
		}
		return out
	}

	// ACT
	without := types.DrawWeighted(pool(0), map[string]bool{}, 1, hash, 11, 0)
	with := types.DrawWeighted(pool(12000), map[string]bool{}, 1, hash, 11, 0)

	// ASSERT
	require.Equal(t, "c", without[0].Owner)
	require.Equal(t, "a", with[0].Owner)
}

// Backed operators are drawn in proportion to their comprehensive stake: four
// operators with stake 1000 and credit 1 backed by 0, 1000, 2000 and 6000
// votes weigh 1000, 1500, 2000 and 4000 (2:3:4:8). Over 17000 single-seat
// draws the chi-square statistic (3 degrees of freedom) stays below 16.27,
// the 0.1% critical value.
func TestBackedOperatorsDrawnInProportion(t *testing.T) {
	// ARRANGE
	const n = 17000
	votes := []int64{0, 1000, 2000, 6000}
	pool := make([]types.Candidate, len(votes))
	for i, v := range votes {
		pool[i] = types.Candidate{Owner: string(rune('a' + i)), QueueSeq: uint64(i + 1),
			Weight: types.WeightWithVotes(math.NewInt(1000), math.NewInt(v), math.LegacyOneDec())}
	}
	hash := []byte("xmtpd votes frequency test")
	counts := map[string]int{}

	// ACT
	for c := uint64(0); c < n; c++ {
		p := types.DrawWeighted(pool, map[string]bool{}, 1, hash, c, 0)
		require.Len(t, p, 1)
		counts[p[0].Owner]++
	}

	// ASSERT
	chi := 0.0
	for i, share := range []int{2, 3, 4, 8} {
		exp := float64(n*share) / 17
		d := float64(counts[string(rune('a'+i))]) - exp
		chi += d * d / exp
	}
	require.Less(t, chi, 16.27, "counts %v", counts)
}

// Genesis votes: valid addresses, positive amounts, one entry per (operator,
// voter), no self-votes, unbonding ids unique and below the next id.
func TestValidateGenesisVotes(t *testing.T) {
	a, b := "xmtp1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du", "xmtp1qgpqyqszqgpqyqszqgpqyqszqgpqyqszrh8mx2"
	valid := func(s string) error {
		if s != a && s != b {
			return types.ErrInvalidAddress
		}
		return nil
	}
	vote := types.Vote{Voter: a, Operator: b, Amount: math.NewInt(5)}
	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
		want   string
	}{
		{"valid", func(*types.GenesisState) {}, ""},
		{"self vote", func(gs *types.GenesisState) { gs.Votes[0].Operator = a }, "votes for itself"},
		{"zero", func(gs *types.GenesisState) { gs.Votes[0].Amount = math.ZeroInt() }, "must be positive"},
		{"twice", func(gs *types.GenesisState) { gs.Votes = append(gs.Votes, vote) }, "appears twice"},
		{"bad voter", func(gs *types.GenesisState) { gs.Votes[0].Voter = "x" }, "voter"},
		{"unbonding id not below next", func(gs *types.GenesisState) { gs.NextVoteUnbondingId = 1 }, "below next_vote_unbonding_id"},
		{"bad return", func(gs *types.GenesisState) { gs.VoteReturns = []string{"x"} }, "vote_returns[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs := &types.GenesisState{Votes: []types.Vote{vote}, NextVoteUnbondingId: 2,
				VoteUnbondings: []types.VoteUnbonding{{Id: 1, Voter: a, Operator: b, Amount: math.NewInt(3)}}}
			tc.mutate(gs)
			err := types.ValidateVotes(gs, valid)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}
