package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
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

// The registered Query service answers CycleRecords with the stored bytes
// (keeper/grpc_query_raw.go): through the app's gRPC query router they decode
// to the decoded answer and are byte for byte the codec's encoding of it, for
// ranges, pages both ways, an empty range and a range past the end.
func TestCycleRecordsStoredBytesAreTheAnswer(t *testing.T) {
	// ARRANGE: cycles 0..5 settled; the service registered as the app does.
	f := newFixture(t)
	ops := f.operators(3)
	for c := uint64(0); c < 7; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops[:2+c%2]...)
	}
	router := baseapp.NewGRPCQueryRouter()
	router.SetInterfaceRegistry(f.enc.InterfaceRegistry)
	router.RegisterService(keeper.QueryServiceDesc(), keeper.NewQueryServerImpl(f.k))
	route := router.Route("/xmtp.rewards.v1.Query/CycleRecords")
	require.NotNil(t, route)

	for name, req := range map[string]*types.QueryCycleRecordsRequest{
		"all":              {},
		"range":            {From: 1, To: 4},
		"page":             {Pagination: &query.PageRequest{Limit: 2}},
		"next page":        {Pagination: &query.PageRequest{Key: []byte{0, 0, 0, 0, 0, 0, 0, 2}, Limit: 2}},
		"reversed":         {From: 1, To: 3, Pagination: &query.PageRequest{Reverse: true, Limit: 2}},
		"empty range":      {From: 4, To: 2},
		"past the end":     {From: 100},
		"one record, last": {From: 5, To: 5},
	} {
		t.Run(name, func(t *testing.T) {
			// ACT
			data, err := f.enc.Codec.Marshal(req)
			require.NoError(t, err)
			res, err := route(f.ctx, &abci.RequestQuery{Data: data})
			require.NoError(t, err)

			// ASSERT
			want, err := f.q.CycleRecords(f.ctx, req)
			require.NoError(t, err)
			wantBz, err := f.enc.Codec.Marshal(want)
			require.NoError(t, err)
			require.Equal(t, wantBz, res.Value, "the codec's encoding of the decoded answer")
			var got types.QueryCycleRecordsResponse
			require.NoError(t, f.enc.Codec.Unmarshal(res.Value, &got))
			require.Equal(t, recordCycles(want.Records), recordCycles(got.Records))
			if len(want.Records) > 0 {
				require.Equal(t, want.Records[0].Members[0].Credited.String(), got.Records[0].Members[0].Credited.String())
			}
		})
	}
}
