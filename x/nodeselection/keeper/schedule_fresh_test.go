package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Every state-changing path — each message and the BeginBlocker's own writes
// (waiting periods ending, penalty windows closing, bonds paid back, the
// boundary) — leaves Query/Schedule equal to a fresh replay, with no
// EndBlocker in between: the stored schedule is never stale, whichever path
// wrote. Before each step the EndBlocker stores it, so a path that forgot to
// remove it would be caught.
func TestScheduleFreshOnEveryWritePath(t *testing.T) {
	// ARRANGE: 8 genesis operators, 4 seats; op8 is in the queue's late part.
	f, ops := genesisWithOperators(t, 8, func(p *types.Params) { p.ActiveSetSize = 4 })
	q := keeper.NewQuerier(f.k)
	step := func(name string, act func()) {
		t.Helper()
		require.NoError(t, f.k.EndBlocker(f.ctx))
		_, err := f.k.ScheduleCache().Get(f.ctx)
		require.NoError(t, err, "%s: stored before the step", name)
		act()
		got, err := q.Schedule(f.ctx, &types.QueryScheduleRequest{Cycles: 10})
		require.NoError(t, err)
		want, err := f.k.ScheduleUncached(f.ctx, 10)
		require.NoError(t, err)
		require.Equal(t, normalize(want.Cycles), normalize(got.Cycles), name)
	}
	ok := func(_ any, err error) { require.NoError(t, err) }
	newcomer := addr(50)
	f.fund(newcomer, 2*minBond)
	var nftID string
	voter := addr(90)
	f.fund(voter, 1000)

	// ACT + ASSERT
	step("IssueOperatorNFT", func() { nftID = f.issue(newcomer) })
	step("RegisterOperator", func() { ok(f.msg.RegisterOperator(f.ctx, f.registerMsg(newcomer, nftID, minBond))) })
	step("UpdateOperator", func() {
		ok(f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(ops[0]), Endpoint: "https://x.example.com"}))
	})
	step("waiting period ends (BeginBlocker)", func() { f.at(genesisTime.Add(25 * time.Hour)) })
	step("DeregisterOperator", func() { ok(f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(ops[7])})) })
	step("RecordViolation (jail)", func() {
		for i := 0; i < 4; i++ {
			f.violate(ops[6])
		}
	})
	step("ExcuseViolation", func() {
		ok(f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[6]), ViolationId: 4}))
	})
	step("Vote", func() { require.NoError(t, f.vote(voter, ops[5], 100)) })
	step("Unvote", func() { require.NoError(t, f.unvote(voter, ops[5], 50)) })
	step("UpdateParams", func() {
		p := f.params()
		p.ActiveSetSize = 5
		ok(f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p}))
	})
	step("boundary (BeginBlocker)", func() { f.boundary(3) })
	step("UpdateParams (min_stake raised)", func() {
		p := f.params()
		p.MinStake = p.MinStake.AddRaw(1) // everyone at min_stake falls below it
		ok(f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p}))
	})
	step("AddStake (back above min_stake)", func() {
		f.fund(ops[1], 1)
		ok(f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(ops[1]), Amount: sdk.NewInt64Coin(bond, 1)}))
	})
	step("AddStake", func() {
		f.fund(ops[6], minBond)
		ok(f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(ops[6]), Amount: sdk.NewInt64Coin(bond, minBond)}))
	})
	step("jail ends, Unjail", func() {
		f.at(genesisTime.Add(10 * day))
		ok(f.msg.Unjail(f.ctx, &types.MsgUnjail{Owner: f.str(ops[6])}))
	})
	step("RevokeOperatorNFT", func() {
		ok(f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.authority, NftId: "op-6", Reason: "test"}))
	})
	step("TransferOperatorNFT", func() {
		id := f.issue(addr(51))
		ok(f.msg.TransferOperatorNFT(f.ctx, &types.MsgTransferOperatorNFT{Authority: f.authority, NftId: id, NewOwner: f.str(addr(52))}))
	})
	step("penalty windows end, bonds paid back (BeginBlocker)", func() { f.at(genesisTime.Add(120 * day)) })
}
