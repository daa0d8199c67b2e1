package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// VoteKey is (operator, voter).
type VoteKey = collections.Pair[sdk.AccAddress, sdk.AccAddress]

// VoteIndexes index the votes by voter.
type VoteIndexes struct {
	// Voter maps a voter to the (operator, voter) keys of its votes.
	Voter *indexes.Multi[sdk.AccAddress, VoteKey, math.Int]
}

// IndexesList implements collections.Indexes.
func (i VoteIndexes) IndexesList() []collections.Index[VoteKey, math.Int] {
	return []collections.Index[VoteKey, math.Int]{i.Voter}
}

// VoteUnbondingIndexes index the vote unbondings by voter.
type VoteUnbondingIndexes struct {
	// Voter maps a voter to its entries.
	Voter *indexes.Multi[sdk.AccAddress, UnbondingKey, types.VoteUnbonding]
}

// IndexesList implements collections.Indexes.
func (i VoteUnbondingIndexes) IndexesList() []collections.Index[UnbondingKey, types.VoteUnbonding] {
	return []collections.Index[UnbondingKey, types.VoteUnbonding]{i.Voter}
}

// VoteState is the votes part of the store: XMTP holders back operators. Its
// collections change only through the write methods below (vote_genesis.go
// at genesis).
type VoteState struct {
	// votes holds the locked votes: (operator, voter) -> amount in bond_denom.
	votes *collections.IndexedMap[VoteKey, math.Int, VoteIndexes]
	// totals is the running vote total of each registered operator (O(1) per message).
	totals collections.Map[sdk.AccAddress, math.Int]
	// voteUnbondings holds withdrawn votes by (completion unix nanos, id).
	voteUnbondings *collections.IndexedMap[UnbondingKey, types.VoteUnbonding, VoteUnbondingIndexes]
	// voteUnbondingID numbers the vote unbondings.
	voteUnbondingID collections.Sequence
	// returns holds the operators whose record was deleted while votes for
	// them remain; BeginBlocker returns those votes, bounded per block.
	returns collections.KeySet[sdk.AccAddress]
	ac      address.Codec
}

// newVoteState registers the vote collections with the schema builder.
func newVoteState(sb *collections.SchemaBuilder, cdc codec.Codec, ac address.Codec) VoteState {
	ubKey := collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)
	return VoteState{
		ac: ac,
		votes: collections.NewIndexedMap(sb, types.VotesKey, "votes",
			collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey), sdk.IntValue,
			VoteIndexes{Voter: indexes.NewMulti(sb, types.VotesByVoterKey, "votes_by_voter", sdk.AccAddressKey,
				collections.PairKeyCodec(sdk.AccAddressKey, sdk.AccAddressKey),
				func(k VoteKey, _ math.Int) (sdk.AccAddress, error) { return k.K2(), nil })}),
		totals: collections.NewMap(sb, types.VoteTotalsKey, "vote_totals", sdk.AccAddressKey, sdk.IntValue),
		voteUnbondings: collections.NewIndexedMap(sb, types.VoteUnbondingsKey, "vote_unbondings", ubKey,
			codec.CollValue[types.VoteUnbonding](cdc),
			VoteUnbondingIndexes{Voter: indexes.NewMulti(sb, types.VoteUnbondingsByVoterKey, "vote_unbondings_by_voter",
				sdk.AccAddressKey, ubKey,
				func(_ UnbondingKey, u types.VoteUnbonding) (sdk.AccAddress, error) { return ac.StringToBytes(u.Voter) })}),
		voteUnbondingID: collections.NewSequence(sb, types.VoteUnbondingIDKey, "vote_unbonding_id"),
		returns:         collections.NewKeySet(sb, types.VoteReturnsKey, "vote_returns", sdk.AccAddressKey),
	}
}

// Votes reads the votes and their voter index.
func (s VoteState) Votes() IndexedMapView[VoteKey, math.Int, VoteIndexes] {
	return newIndexedMapView(s.votes)
}

// Totals reads the running vote totals.
func (s VoteState) Totals() MapView[sdk.AccAddress, math.Int] {
	return MapView[sdk.AccAddress, math.Int]{s.totals}
}

// Unbondings reads the vote unbondings and their voter index.
func (s VoteState) Unbondings() IndexedMapView[UnbondingKey, types.VoteUnbonding, VoteUnbondingIndexes] {
	return newIndexedMapView(s.voteUnbondings)
}

// UnbondingID reads the vote unbonding sequence.
func (s VoteState) UnbondingID() SequenceView { return SequenceView{s.voteUnbondingID} }

// Returns reads the operators whose votes are being returned.
func (s VoteState) Returns() KeySetView[sdk.AccAddress] { return KeySetView[sdk.AccAddress]{s.returns} }

// SetVote stores a vote.
func (s VoteState) SetVote(ctx context.Context, key VoteKey, amount math.Int) error {
	return s.votes.Set(ctx, key, amount)
}

// RemoveVote deletes a vote.
func (s VoteState) RemoveVote(ctx context.Context, key VoteKey) error {
	return s.votes.Remove(ctx, key)
}

// SetTotal stores an operator's running vote total.
func (s VoteState) SetTotal(ctx context.Context, operator sdk.AccAddress, total math.Int) error {
	return s.totals.Set(ctx, operator, total)
}

// RemoveTotal deletes an operator's running vote total.
func (s VoteState) RemoveTotal(ctx context.Context, operator sdk.AccAddress) error {
	return s.totals.Remove(ctx, operator)
}

// NextUnbondingID uses the next vote unbonding id.
func (s VoteState) NextUnbondingID(ctx context.Context) (uint64, error) {
	return s.voteUnbondingID.Next(ctx)
}

// SetUnbonding stores a vote unbonding.
func (s VoteState) SetUnbonding(ctx context.Context, key UnbondingKey, u types.VoteUnbonding) error {
	return s.voteUnbondings.Set(ctx, key, u)
}

// RemoveUnbonding deletes a vote unbonding.
func (s VoteState) RemoveUnbonding(ctx context.Context, key UnbondingKey) error {
	return s.voteUnbondings.Remove(ctx, key)
}

// AddReturn queues the return of an operator's votes.
func (s VoteState) AddReturn(ctx context.Context, operator sdk.AccAddress) error {
	return s.returns.Set(ctx, operator)
}

// RemoveReturn ends the return of an operator's votes.
func (s VoteState) RemoveReturn(ctx context.Context, operator sdk.AccAddress) error {
	return s.returns.Remove(ctx, operator)
}
