//go:build load

package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// latencies runs n calls of call on `workers` goroutines and returns the
// latency of each call, sorted.
func latencies(ctx context.Context, n, workers int, call func(context.Context) error) ([]time.Duration, error) {
	out := make([]time.Duration, n)
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				start := time.Now()
				if err := call(ctx); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				out[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func pct(d []time.Duration, p float64) time.Duration {
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// queryPhase measures the xmtpd queries against bank Query/Balance.
func (e *env) queryPhase(ctx context.Context) (string, error) {
	op1, err := e.load(ctx, e.kr, "op1")
	if err != nil {
		return "", err
	}
	ns, rw, bank := nstypes.NewQueryClient(e.conn), rewardstypes.NewQueryClient(e.conn), banktypes.NewQueryClient(e.conn)
	kinds := []struct {
		name string
		call func(context.Context) error
	}{
		{"bank Query/Balance", func(c context.Context) error {
			_, err := bank.Balance(c, &banktypes.QueryBalanceRequest{Address: op1.addr.String(), Denom: "uxmtp"})
			return err
		}},
		{"nodeselection Query/ActiveSet", func(c context.Context) error {
			_, err := ns.ActiveSet(c, &nstypes.QueryActiveSetRequest{})
			return err
		}},
		{"nodeselection Query/Schedule (10 cycles)", func(c context.Context) error {
			_, err := ns.Schedule(c, &nstypes.QueryScheduleRequest{Cycles: 10})
			return err
		}},
		{"rewards Query/Earnings", func(c context.Context) error {
			_, err := rw.Earnings(c, &rewardstypes.QueryEarningsRequest{Owner: op1.addr.String()})
			return err
		}},
	}
	// Warm up connections and caches.
	for _, k := range kinds {
		if _, err := latencies(ctx, 50, e.cfg.workers, k.call); err != nil {
			return "", fmt.Errorf("%s: %w", k.name, err)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| gRPC query (%d requests, %d concurrent) | p50 | p99 | p50 / balance | p99 / balance |\n|---|---|---|---|---|\n",
		e.cfg.queries, e.cfg.workers)
	var base50, base99 time.Duration
	for i, k := range kinds {
		d, err := latencies(ctx, e.cfg.queries, e.cfg.workers, k.call)
		if err != nil {
			return "", fmt.Errorf("%s: %w", k.name, err)
		}
		p50, p99 := pct(d, 0.50), pct(d, 0.99)
		if i == 0 {
			base50, base99 = p50, p99
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %.2f |\n", k.name, p50.Round(time.Microsecond), p99.Round(time.Microsecond),
			float64(p50)/float64(base50), float64(p99)/float64(base99))
	}
	b.WriteString("\ngoal: xmtpd queries within 1.5x of a balance query\n")
	return b.String(), nil
}
