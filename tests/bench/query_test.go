package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	query "github.com/cosmos/cosmos-sdk/types/query"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// namedQuery is one gRPC query sent through the app's ABCI Query (the gRPC
// query router on the latest committed state, as the node's gRPC server
// serves it).
type namedQuery struct {
	name, path string
	req        proto.Message
	// metric names the query's p50 / balance ratio among the benchmark's
	// metrics ("" = not reported); per is the count it is divided by (records).
	metric string
	per    int
}

// BenchmarkQueriesUnderLoad: 10,000 registered operators, 110 settled
// cycles (10 members attesting each other). The queries are sent round-robin
// first on an idle app (no block committing), then while one goroutine commits
// blocks of 50 bank sends back to back. It prints p50/p99 per query and the
// ratio to the bank balance query of the same phase, and reports the p50
// ratios of the issue-22 queries as metrics (<name>_x_balance under load,
// <name>_idle_x_balance idle; CycleRecords per record) for benchtable's goals.
func BenchmarkQueriesUnderLoad(b *testing.B) {
	const senders = 50
	// goleveldb as on a node: the in-memory DB's iterators hold its lock, so a
	// query iterating while a block commits can deadlock there.
	db, err := dbm.NewGoLevelDB("bench", b.TempDir(), nil)
	require.NoError(b, err)
	defer db.Close()
	ta := newApp(b, setup{operators: 10_000, accounts: senders, db: db})
	signers := map[string]*apptesting.Signer{}
	for _, op := range ta.Operators {
		signers[op.Addr.String()] = ta.NewSigner(op)
	}
	ta.NextBlock(time.Minute)
	for c := 0; c < 110; c++ {
		ta.NextBlock(cycle - time.Minute)
		cyc, members := attestCycle(b, ta)
		var txs [][]byte
		for i, m := range members {
			txs = append(txs, ta.Sign(signers[m], 2_000_000, &nstypes.MsgSubmitAttestation{Signer: m, Cycle: cyc,
				Observations: observations(members, i, len(members)-1)}))
		}
		ta.DeliverBlock(time.Minute, txs)
	}
	first := lastSettled(b, ta) - 100
	queries := []namedQuery{
		{name: "bank Balance", path: "/cosmos.bank.v1beta1.Query/Balance", req: &banktypes.QueryBalanceRequest{Address: ta.Operators[0].Addr.String(), Denom: app.RewardDenom}},
		{name: "nodeselection Schedule{200}", path: "/xmtp.nodeselection.v1.Query/Schedule", req: &nstypes.QueryScheduleRequest{Cycles: 200}, metric: "schedule200"},
		{name: "nodeselection Operators (first page of 100)", path: "/xmtp.nodeselection.v1.Query/Operators", req: &nstypes.QueryOperatorsRequest{Pagination: &query.PageRequest{Limit: 100}}},
		{name: "nodeselection Operators (offset 9,900, 100)", path: "/xmtp.nodeselection.v1.Query/Operators", req: &nstypes.QueryOperatorsRequest{Pagination: &query.PageRequest{Offset: 9_900, Limit: 100}}},
		{name: "rewards Audit (one cycle)", path: "/xmtp.rewards.v1.Query/Audit", req: &rewardstypes.QueryAuditRequest{Cycle: first + 50}, metric: "audit"},
		{name: fmt.Sprintf("rewards CycleRecords (%d..%d)", first, first+99), path: "/xmtp.rewards.v1.Query/CycleRecords", req: &rewardstypes.QueryCycleRecordsRequest{From: first, To: first + 99}, metric: "cyclerecords_per_record", per: 100},
	}
	var payloads [][]byte
	for _, q := range queries {
		bz, err := proto.Marshal(q.req)
		require.NoError(b, err)
		payloads = append(payloads, bz)
		res, err := ta.Query(context.Background(), &abci.RequestQuery{Path: q.path, Data: bz})
		require.NoError(b, err)
		require.Equal(b, uint32(0), res.Code, "%s: %s", q.name, res.Log)
	}

	const rounds = 300
	// round sends every query once and records its latency.
	round := func(lat [][]time.Duration) {
		for i, q := range queries {
			t0 := time.Now()
			res, err := ta.Query(context.Background(), &abci.RequestQuery{Path: q.path, Data: payloads[i]})
			lat[i] = append(lat[i], time.Since(t0))
			if err != nil || res.Code != 0 {
				b.Errorf("%s: %v %v", q.name, err, res)
			}
		}
	}

	// Idle: the in-process cost of each query, no block committing.
	b.ResetTimer()
	idle := make([][]time.Duration, len(queries))
	for r := 0; r < rounds/3; r++ {
		round(idle)
	}

	// The load: blocks of `senders` bank sends until the queries are done.
	var stop atomic.Bool
	var blocks atomic.Int64
	var wg sync.WaitGroup
	send := make([]*apptesting.Signer, senders)
	for i, a := range ta.Accounts {
		send[i] = ta.NewSigner(a)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			txs := make([][]byte, senders)
			for i, s := range send {
				txs[i] = ta.Sign(s, 200_000, banktypes.NewMsgSend(s.Addr, ta.Admin.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.RewardDenom, 1))))
			}
			ta.DeliverBlock(time.Second, txs)
			blocks.Add(1)
		}
	}()
	lat := make([][]time.Duration, len(queries))
	for r := 0; r < rounds; r++ {
		round(lat)
	}
	b.StopTimer()
	stop.Store(true)
	wg.Wait()

	for i := range lat {
		sortDurations(lat[i])
		sortDurations(idle[i])
	}
	p50b, p99b, idleB := percentile(lat[0], 50), percentile(lat[0], 99), percentile(idle[0], 50)
	fmt.Printf("\n| query (%d each while %d blocks of %d bank sends were committed; %d each idle) | p50 | p99 | p50 / balance | p99 / balance | idle p50 | idle p50 / balance |\n|---|---:|---:|---:|---:|---:|---:|\n",
		rounds, blocks.Load(), senders, rounds/3)
	for i, q := range queries {
		p50, p99, ip50 := percentile(lat[i], 50), percentile(lat[i], 99), percentile(idle[i], 50)
		loaded, idled := float64(p50)/float64(p50b), float64(ip50)/float64(idleB)
		fmt.Printf("| %s | %s | %s | %.2f | %.2f | %s | %.2f |\n", q.name, p50.Round(time.Microsecond), p99.Round(time.Microsecond),
			loaded, float64(p99)/float64(p99b), ip50.Round(time.Microsecond), idled)
		if q.metric != "" {
			per := float64(max(q.per, 1))
			b.ReportMetric(loaded/per, q.metric+"_x_balance")
			b.ReportMetric(idled/per, q.metric+"_idle_x_balance")
		}
	}
}
