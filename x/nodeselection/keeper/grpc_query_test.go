package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestScheduleMatchesWhatHappens(t *testing.T) {
	// ARRANGE
	f, _ := genesisWithOperators(t, 13, func(p *types.Params) { p.MaxDailyTurnoverBps = 4000 })
	before := f.rawStore()

	// ACT
	resp, err := f.q.Schedule(f.ctx, &types.QueryScheduleRequest{Cycles: 8})

	// ASSERT: no writes, and the prediction is what the chain then does
	require.NoError(t, err)
	require.Equal(t, before, f.rawStore())
	require.Len(t, resp.Cycles, 8)
	for i, pc := range resp.Cycles {
		f.boundary(i + 1)
		s := f.state()
		require.Equal(t, s.Cycle, pc.Cycle)
		require.Equal(t, s.CycleStart, pc.Start)
		require.Equal(t, owners(s.Current), pc.Members, "cycle %d", pc.Cycle)
	}
}

func TestScheduleRejectsMoreThan200Cycles(t *testing.T) {
	f, _ := genesisWithOperators(t, 3, nil)

	_, err := f.q.Schedule(f.ctx, &types.QueryScheduleRequest{Cycles: 201})

	require.ErrorIs(t, err, types.ErrInvalidScheduleSpan)
	require.Contains(t, err.Error(), "cycles 201 exceeds the maximum 200")
}

func TestQueueFromPointerWithEligibility(t *testing.T) {
	// ARRANGE: 12 operators, pointer after op 11; a newcomer is waiting
	f, ops := genesisWithOperators(t, 12, nil)
	newcomer := f.onboard(40)

	// ACT: two pages of 7
	p1, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{Pagination: &query.PageRequest{Limit: 7, CountTotal: true}})
	require.NoError(t, err)
	p2, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{Pagination: &query.PageRequest{Limit: 7, Key: p1.Pagination.NextKey}})
	require.NoError(t, err)

	// ASSERT: rotation order 12, newcomer, 1..11
	require.Equal(t, uint64(12), p1.Pointer)
	require.Equal(t, uint64(13), p1.Pagination.Total)
	all := append(p1.Entries, p2.Entries...)
	require.Len(t, all, 13)
	require.Nil(t, p2.Pagination.NextKey)
	require.Equal(t, f.str(ops[11]), all[0].Owner)
	require.True(t, all[0].Eligible)
	require.False(t, all[0].Member)
	require.Equal(t, f.str(newcomer), all[1].Owner)
	require.False(t, all[1].Eligible)
	require.Contains(t, all[1].Reason, "waiting period ends at")
	require.Equal(t, f.str(ops[0]), all[2].Owner)
	require.True(t, all[2].Member)
}

func TestOperatorQueries(t *testing.T) {
	f, ops := genesisWithOperators(t, 12, nil)

	byStatus, err := f.q.Operators(f.ctx, &types.QueryOperatorsRequest{Status: types.OPERATOR_STATUS_ACTIVE})
	require.NoError(t, err)
	require.Len(t, byStatus.Operators, 10)
	all, err := f.q.Operators(f.ctx, &types.QueryOperatorsRequest{})
	require.NoError(t, err)
	require.Len(t, all.Operators, 12)
	byNFT, err := f.q.OperatorByNFT(f.ctx, &types.QueryOperatorByNFTRequest{NftId: "op-3"})
	require.NoError(t, err)
	require.Equal(t, f.str(ops[2]), byNFT.Operator.Owner)
	one, err := f.q.Operator(f.ctx, &types.QueryOperatorRequest{Owner: f.str(ops[2])})
	require.NoError(t, err)
	require.Equal(t, "op-3", one.Operator.NftId)
	_, err = f.q.Operator(f.ctx, &types.QueryOperatorRequest{Owner: f.str(addr(77))})
	require.ErrorContains(t, err, "no operator registered")
	as, err := f.q.ActiveSet(f.ctx, &types.QueryActiveSetRequest{})
	require.NoError(t, err)
	require.Len(t, as.Current, 10)
	require.Len(t, as.Next, 10)
	f.boundary(1)
	h, err := f.q.CycleHistory(f.ctx, &types.QueryCycleHistoryRequest{Cycle: 0})
	require.NoError(t, err)
	require.Equal(t, genesisTime, h.Record.Start)
	require.Equal(t, genesisTime.Add(cycle), h.Record.End)
}

// owners lists member owners in order.
func owners(ms []types.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Owner
	}
	return out
}
