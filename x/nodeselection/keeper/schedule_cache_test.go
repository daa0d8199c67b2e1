package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The schedule stored at each boundary must always be what a fresh replay of
// the rotation predicts: every change that could alter it removes it.
func TestStoredScheduleNeverGoesStale(t *testing.T) {
	// ARRANGE: 14 genesis operators, 10 seats.
	f, owners := genesisWithOperators(t, 14, nil)
	q := keeper.NewQuerier(f.k)
	check := func(step string) {
		t.Helper()
		got, err := q.Schedule(f.ctx, &types.QueryScheduleRequest{Cycles: 10})
		require.NoError(t, err)
		want, err := f.k.ScheduleUncached(f.ctx, 10)
		require.NoError(t, err)
		require.Equal(t, normalize(want.Cycles), normalize(got.Cycles), step)
	}
	boundary := func() {
		f.at(f.state().NextBoundary)
		_, err := f.k.ScheduleCache().Get(f.ctx)
		require.NoError(t, err, "a boundary stores the schedule")
	}

	// ACT + ASSERT after each kind of change.
	boundary()
	check("after a boundary")
	newcomer := addr(100)
	f.fund(newcomer, minBond)
	nftID := f.issue(newcomer)
	boundary()
	_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(newcomer, nftID, minBond))
	require.NoError(t, err)
	_, err = f.k.ScheduleCache().Get(f.ctx)
	require.Error(t, err, "a registration drops the stored schedule")
	check("after a registration")
	require.NoError(t, f.k.EndBlocker(f.ctx))
	_, err = f.k.ScheduleCache().Get(f.ctx)
	require.NoError(t, err, "the end of the block stores it again")
	check("after the EndBlocker")
	f.at(f.state().NextBoundary.Add(-1)) // a non-boundary block: waiting period ends
	boundary()
	check("after the newcomer became eligible")
	_, err = f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(owners[3])})
	require.NoError(t, err)
	check("after a deregistration")
	boundary()
	p, err := f.k.GetParams(f.ctx)
	require.NoError(t, err)
	p.MinStake = p.MinStake.AddRaw(1) // everyone at min_stake falls below it
	_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	check("after a min_stake raise")
	f.fund(newcomer, 1)
	_, err = f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(newcomer), Amount: p.MinStakeCoin().SubAmount(p.MinStake)})
	require.Error(t, err, "a zero top-up is refused")
	check("after a refused top-up")
	for i := 0; i < 4; i++ {
		boundary()
		check("after later boundaries")
	}
}

// normalize treats an empty member list and a missing one alike (the stored
// copy comes back from protobuf without empty slices).
func normalize(cs []types.ScheduledCycle) []types.ScheduledCycle {
	out := append([]types.ScheduledCycle(nil), cs...)
	for i := range out {
		if len(out[i].Members) == 0 {
			out[i].Members = nil
		}
	}
	return out
}
