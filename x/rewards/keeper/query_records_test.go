package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func recordCycles(recs []types.CycleRecord) []uint64 {
	out := make([]uint64, len(recs))
	for i, r := range recs {
		out[i] = r.Cycle
	}
	return out
}

// CycleRecords pages forward and backward through a range, newest first when
// reversed, so `q rewards cycle-records --page-reverse --page-limit 1` is the
// latest settled cycle.
func TestCycleRecordsPaginationBothWays(t *testing.T) {
	// ARRANGE: cycles 0..5 settled (the 7th transition settles cycle 5).
	f := newFixture(t)
	ops := f.operators(2)
	for c := uint64(0); c < 7; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops...)
	}

	// ACT + ASSERT: forward pages of 4 then the rest.
	page1, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{Pagination: &query.PageRequest{Limit: 4}})
	require.NoError(t, err)
	require.Equal(t, []uint64{0, 1, 2, 3}, recordCycles(page1.Records))
	page2, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{Pagination: &query.PageRequest{Key: page1.Pagination.NextKey, Limit: 4}})
	require.NoError(t, err)
	require.Equal(t, []uint64{4, 5}, recordCycles(page2.Records))

	// Reversed: newest first, continuing downwards with the next key.
	rev1, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{Pagination: &query.PageRequest{Limit: 2, Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{5, 4}, recordCycles(rev1.Records))
	rev2, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{Pagination: &query.PageRequest{Key: rev1.Pagination.NextKey, Limit: 3, Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{3, 2, 1}, recordCycles(rev2.Records))

	// Reversed within a range.
	rng, err := f.q.CycleRecords(f.ctx, &types.QueryCycleRecordsRequest{From: 1, To: 3, Pagination: &query.PageRequest{Reverse: true}})
	require.NoError(t, err)
	require.Equal(t, []uint64{3, 2, 1}, recordCycles(rng.Records))
}
