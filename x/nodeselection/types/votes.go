package types

import (
	"cosmossdk.io/math"
)

// VoteReturnReasonUnbonded marks votes paid back after an unvote matured.
const VoteReturnReasonUnbonded = "unbonded"

// VoteReturnReasonRecordDeleted marks votes returned because the operator's
// record was deleted.
const VoteReturnReasonRecordDeleted = "record_deleted"

// WeightWithVotes is the WEIGHTED selection weight with votes, the comprehensive
// stake of the TOP election: floor((stake + votes / 2) * credit), computed
// exactly (votes / 2 is exact in 18 decimals). Zero for a non-positive credit
// or a non-positive stake + votes; nil votes count as zero. With zero votes it
// equals Weight(stake, credit).
func WeightWithVotes(stake, votes math.Int, credit math.LegacyDec) math.Int {
	if stake.IsNil() {
		stake = math.ZeroInt()
	}
	if votes.IsNil() || votes.IsNegative() {
		votes = math.ZeroInt()
	}
	if credit.IsNil() || !credit.IsPositive() || !stake.IsPositive() {
		return math.ZeroInt()
	}
	comprehensive := math.LegacyNewDecFromInt(stake).Add(math.LegacyNewDecFromInt(votes).QuoInt64(2))
	return comprehensive.Mul(credit).TruncateInt()
}

// ValidateVotes checks the votes part of a genesis state: valid addresses,
// positive amounts, one entry per (operator, voter), no self-votes, unique
// unbonding ids below next_vote_unbonding_id.
func ValidateVotes(gs *GenesisState, validAddr func(string) error) error {
	seen := map[[2]string]bool{}
	for i, v := range gs.Votes {
		if err := validAddr(v.Voter); err != nil {
			return ErrInvalidGenesis.Wrapf("votes[%d].voter %q: %s", i, v.Voter, err)
		}
		if err := validAddr(v.Operator); err != nil {
			return ErrInvalidGenesis.Wrapf("votes[%d].operator %q: %s", i, v.Operator, err)
		}
		if v.Voter == v.Operator {
			return ErrInvalidGenesis.Wrapf("votes[%d]: %s votes for itself", i, v.Voter)
		}
		if v.Amount.IsNil() || !v.Amount.IsPositive() {
			return ErrInvalidGenesis.Wrapf("votes[%d].amount %s must be positive", i, v.Amount)
		}
		key := [2]string{v.Operator, v.Voter}
		if seen[key] {
			return ErrInvalidGenesis.Wrapf("votes[%d]: voter %s appears twice for operator %s", i, v.Voter, v.Operator)
		}
		seen[key] = true
	}
	ids := map[uint64]bool{}
	for i, u := range gs.VoteUnbondings {
		if err := validAddr(u.Voter); err != nil {
			return ErrInvalidGenesis.Wrapf("vote_unbondings[%d].voter %q: %s", i, u.Voter, err)
		}
		if u.Amount.IsNil() || !u.Amount.IsPositive() {
			return ErrInvalidGenesis.Wrapf("vote_unbondings[%d].amount %s must be positive", i, u.Amount)
		}
		if ids[u.Id] || u.Id >= gs.NextVoteUnbondingId {
			return ErrInvalidGenesis.Wrapf("vote_unbondings[%d].id %d must be unique and below next_vote_unbonding_id %d", i, u.Id, gs.NextVoteUnbondingId)
		}
		ids[u.Id] = true
	}
	for i, op := range gs.VoteReturns {
		if err := validAddr(op); err != nil {
			return ErrInvalidGenesis.Wrapf("vote_returns[%d] %q: %s", i, op, err)
		}
	}
	return nil
}
