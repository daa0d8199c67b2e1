package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// transitionIn processes the boundary ending cycle c (12h) in ctx with members.
func (f *fixture) transitionIn(ctx sdk.Context, c uint64, members []sdk.AccAddress) {
	start := genesisTime.Add(time.Duration(c) * cycleLen)
	rec := nstypes.CycleRecord{Cycle: c, Start: start, End: start.Add(cycleLen)}
	for _, m := range members {
		rec.Members = append(rec.Members, nstypes.Member{Owner: m.String()})
	}
	f.ns.records[c] = rec
	ctx = ctx.WithBlockTime(rec.End)
	tr := nstypes.CycleTransition{Ended: rec, NewCycle: c + 1, NewCycleStart: rec.End, NextBoundary: rec.End.Add(cycleLen)}
	require.NoError(f.t, f.k.AfterCycleTransition(ctx, tr))
	require.NoError(f.t, f.k.ContinuePayout(ctx))
}

// commit writes the in-memory IAVL stores to a version, as a node's state is
// between blocks (iterators over unsaved IAVL changes sort them on creation).
func (f *fixture) commit() {
	f.ctx.MultiStore().(storetypes.CommitMultiStore).Commit()
}

func benchParams(f *fixture, period time.Duration) {
	p := types.DefaultParams()
	p.PayoutPeriod = period
	require.NoError(f.t, f.k.Params.Set(f.ctx, p))
}

// BenchmarkSettleCycle measures one transition that settles a cycle with n
// members (no payout). Its cost follows n, not the stored history.
func BenchmarkSettleCycle(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			f := newFixture(b)
			benchParams(f, 100_000*time.Hour)
			ops := f.operators(n)
			f.fund(int64(n) * 30_000_000)
			f.transitionIn(f.ctx, 0, ops)
			f.storeOps.Reset()
			b.ResetTimer()
			for c := 1; c <= b.N; c++ {
				f.transitionIn(f.ctx, uint64(c), ops)
			}
			b.StopTimer()
			b.ReportMetric(float64(f.storeOps.Total())/float64(b.N), "store_ops/op")
		})
	}
}

// BenchmarkPayoutTransition measures the transition that settles a cycle with n
// members and pays out n operators (payout period of two cycles).
func BenchmarkPayoutTransition(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("payees=%d", n), func(b *testing.B) {
			f := newFixture(b)
			benchParams(f, 2*cycleLen)
			ops := f.operators(n)
			f.fund(int64(n) * 30_000_000)
			f.transitionIn(f.ctx, 0, ops)
			var total int64
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				cache, _ := f.ctx.CacheContext()
				f.storeOps.Reset()
				b.StartTimer()
				f.transitionIn(cache, 1, ops)
				b.StopTimer()
				total += f.storeOps.Total()
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(total)/float64(b.N), "store_ops/op")
		})
	}
}

// BenchmarkAudit1460 audits two years of 12h cycles (1,460 records of 10 members)
// with the three checks (recompute, provenance, continuity).
func BenchmarkAudit1460(b *testing.B) {
	f := newFixture(b)
	benchParams(f, 720*time.Hour)
	ops := f.operators(10)
	for c := uint64(0); c <= 1460; c++ {
		f.fund(100_000_000)
		f.transitionIn(f.ctx, c, ops)
	}
	f.commit()
	f.storeOps.Reset()
	b.ResetTimer()
	for range b.N {
		for c := uint64(0); c < 1460; c++ {
			res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: c})
			if err != nil || !res.Match {
				b.Fatalf("cycle %d: %v %v", c, err, res)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(f.storeOps.Total())/float64(b.N), "store_ops/op")
}

// BenchmarkPayoutBlock measures one block of a payout spread over blocks
// (max_payouts_per_block = 100 transfers) while n payees wait: the work per
// block must not grow with n.
func BenchmarkPayoutBlock(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("payees=%d", n), func(b *testing.B) {
			f := newFixture(b)
			benchParams(f, 2*cycleLen)
			ops := f.operators(n)
			f.fund(int64(n) * 30_000_000)
			f.transitionIn(f.ctx, 0, ops)
			f.transitionIn(f.ctx, 1, ops) // settles cycle 0 and starts the payout (first 100 sent)
			f.commit()
			ctx := f.ctx.WithBlockTime(genesisTime.Add(2*cycleLen + time.Second))
			var total int64
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				cache, _ := ctx.CacheContext()
				f.storeOps.Reset()
				b.StartTimer()
				if err := f.k.BeginBlocker(cache); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				total += f.storeOps.Total()
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(total)/float64(b.N), "store_ops/op")
		})
	}
}
