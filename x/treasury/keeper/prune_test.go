package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// ids lists the keys of a record map in order.
func ids[V any](t *testing.T, f *fixture, m collections.Map[uint64, V]) []uint64 {
	t.Helper()
	var out []uint64
	require.NoError(t, m.Walk(f.ctx, nil, func(id uint64, _ V) (bool, error) {
		out = append(out, id)
		return false, nil
	}))
	return out
}

// Inflow, spend and closed-auction records older than record_retention are
// removed oldest first, at most max_prune_per_block of each kind per block;
// a record still inside the retention stays.
func TestPruneRecordsOldestFirstAndBounded(t *testing.T) {
	// ARRANGE: retention 1h, 2 deletions per kind per block; ids 1..3 made
	// at t0, id 4 at t0+50m.
	f := newFixture(t)
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.RecordRetention, p.MaxPrunePerBlock = time.Hour, 2
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	t0 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.ctx = f.ctx.WithBlockTime(t0)
	for id := uint64(1); id <= 4; id++ {
		at := t0
		if id == 4 {
			at = t0.Add(50 * time.Minute)
		}
		require.NoError(t, f.k.Inflows.Set(f.ctx, id, types.Inflow{Id: id, Denom: usdc, Total: math.NewInt(1), Time: at}))
		require.NoError(t, f.k.Spends.Set(f.ctx, id, types.Spend{Id: id, Time: at}))
		require.NoError(t, f.k.AuctionState.Records.Set(f.ctx, id, types.Auction{Id: id, StartTime: at.Add(-time.Minute), EndTime: at}))
	}

	// ACT + ASSERT: nothing is due before the retention has passed.
	f.ctx = f.ctx.WithBlockTime(t0.Add(59 * time.Minute))
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.Equal(t, []uint64{1, 2, 3, 4}, ids(t, f, f.k.Inflows))

	// Once it has: the two oldest of each kind.
	f.ctx = f.ctx.WithBlockTime(t0.Add(time.Hour))
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.Equal(t, []uint64{3, 4}, ids(t, f, f.k.Inflows))
	require.Equal(t, []uint64{3, 4}, ids(t, f, f.k.Spends))
	require.Equal(t, []uint64{3, 4}, ids(t, f, f.k.AuctionState.Records))

	// The next block: the third; the fourth is still retained.
	f.ctx = f.ctx.WithBlockTime(t0.Add(time.Hour + 2*time.Second))
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.Equal(t, []uint64{4}, ids(t, f, f.k.Inflows))
	require.Equal(t, []uint64{4}, ids(t, f, f.k.Spends))
	require.Equal(t, []uint64{4}, ids(t, f, f.k.AuctionState.Records))
}
