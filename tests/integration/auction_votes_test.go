package integration_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// withAuctionPeriod sets x/treasury's auction_period in the genesis.
func withAuctionPeriod(d time.Duration) func(codec.JSONCodec, map[string]json.RawMessage) {
	return func(cdc codec.JSONCodec, state map[string]json.RawMessage) {
		var gs treasurytypes.GenesisState
		cdc.MustUnmarshalJSON(state[treasurytypes.ModuleName], &gs)
		gs.Params.AuctionPeriod = d
		state[treasurytypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}
}

// The whole app runs a burn auction: BeginBlock opens it with the
// BUYBACK_BURN USDC, a bid is escrowed and the outbid bidder refunded, and at
// the end the XMTP supply drops by exactly the winning bid and the winner
// holds the lot. Every module invariant holds throughout.
func TestBurnAuctionThroughTheApp(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 1, Accounts: 3, EditGenesis: withAuctionPeriod(time.Hour)})
	funder, alice, bob := ta.Accounts[0], ta.Accounts[1], ta.Accounts[2]
	lot := sdk.NewInt64Coin(app.RewardDenom, 7_000_000)
	ta.MustDeliver(funder, time.Second, &treasurytypes.MsgFundBucket{Sender: funder.Addr.String(), Bucket: treasurytypes.BUCKET_BUYBACK_BURN, Amount: lot})
	first, open, err := ta.TreasuryKeeper.OpenAuction(ta.Ctx())
	require.NoError(t, err)
	require.True(t, open, "the first block opened auction 1")
	require.True(t, first.Lot.IsZero(), "the bucket was empty then")
	ta.AdvanceTo(first.EndTime, 10*time.Minute)
	a, open, err := ta.TreasuryKeeper.OpenAuction(ta.Ctx())
	require.NoError(t, err)
	require.True(t, open)
	require.Equal(t, sdk.NewCoins(lot), a.Lot)
	aliceUSDC := ta.Balance(alice.Addr, app.RewardDenom)
	bobXMTP := ta.Balance(bob.Addr, app.BondDenom)

	// ACT
	ta.MustDeliver(bob, time.Second, &treasurytypes.MsgBid{Bidder: bob.Addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	ta.MustDeliver(alice, time.Second, &treasurytypes.MsgBid{Bidder: alice.Addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 3_000_000)})
	require.Equal(t, bobXMTP, ta.Balance(bob.Addr, app.BondDenom), "outbid bidder refunded")
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
	supply := ta.BankKeeper.GetSupply(ta.Ctx(), app.BondDenom).Amount
	ta.AdvanceTo(a.EndTime, 10*time.Minute)

	// ASSERT
	require.Equal(t, supply.SubRaw(3_000_000), ta.BankKeeper.GetSupply(ta.Ctx(), app.BondDenom).Amount)
	require.Equal(t, aliceUSDC.Add(lot.Amount), ta.Balance(alice.Addr, app.RewardDenom))
	rec, err := ta.TreasuryKeeper.AuctionState.Records.Get(ta.Ctx(), a.Id)
	require.NoError(t, err)
	require.Equal(t, treasurytypes.AUCTION_OUTCOME_SOLD, rec.Outcome)
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
}

// Votes through the app: escrowed, counted in the running total, and the
// nodeselection escrow invariant (with votes) holds.
func TestVotesThroughTheApp(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2, Accounts: 1})
	voter, op := ta.Accounts[0], ta.Operators[1]
	before := ta.Balance(voter.Addr, app.BondDenom)

	// ACT
	ta.MustDeliver(voter, time.Second, &nstypes.MsgVote{Voter: voter.Addr.String(), Operator: op.Addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 9_000)})
	self := ta.DeliverTx(op, time.Second, &nstypes.MsgVote{Voter: op.Addr.String(), Operator: op.Addr.String(), Amount: sdk.NewInt64Coin(app.BondDenom, 9_000)})

	// ASSERT
	require.Equal(t, before.SubRaw(9_000), ta.Balance(voter.Addr, app.BondDenom))
	total, err := ta.NodeSelectionKeeper.VoteTotal(ta.Ctx(), op.Addr)
	require.NoError(t, err)
	require.Equal(t, int64(9_000), total.Int64())
	require.NotZero(t, self.Code)
	require.Contains(t, self.Log, "cannot vote for itself")
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
}
