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
}

// BenchmarkQueriesUnderLoad: 10,000 registered operators, 110 settled
// cycles (10 members attesting each other), then one goroutine commits blocks
// of 50 bank sends back to back while another sends the queries round-robin.
// It prints p50/p99 per query and the ratio to the bank balance query.
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
		{"bank Balance", "/cosmos.bank.v1beta1.Query/Balance", &banktypes.QueryBalanceRequest{Address: ta.Operators[0].Addr.String(), Denom: app.RewardDenom}},
		{"nodeselection Schedule{200}", "/xmtp.nodeselection.v1.Query/Schedule", &nstypes.QueryScheduleRequest{Cycles: 200}},
		{"nodeselection Operators (first page of 100)", "/xmtp.nodeselection.v1.Query/Operators", &nstypes.QueryOperatorsRequest{Pagination: &query.PageRequest{Limit: 100}}},
		{"nodeselection Operators (offset 9,900, 100)", "/xmtp.nodeselection.v1.Query/Operators", &nstypes.QueryOperatorsRequest{Pagination: &query.PageRequest{Offset: 9_900, Limit: 100}}},
		{"rewards Audit (one cycle)", "/xmtp.rewards.v1.Query/Audit", &rewardstypes.QueryAuditRequest{Cycle: first + 50}},
		{fmt.Sprintf("rewards CycleRecords (%d..%d)", first, first+99), "/xmtp.rewards.v1.Query/CycleRecords", &rewardstypes.QueryCycleRecordsRequest{From: first, To: first + 99}},
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

	const rounds = 300
	lat := make([][]time.Duration, len(queries))
	b.ResetTimer()
	for r := 0; r < rounds; r++ {
		for i, q := range queries {
			t0 := time.Now()
			res, err := ta.Query(context.Background(), &abci.RequestQuery{Path: q.path, Data: payloads[i]})
			lat[i] = append(lat[i], time.Since(t0))
			if err != nil || res.Code != 0 {
				b.Errorf("%s: %v %v", q.name, err, res)
			}
		}
	}
	b.StopTimer()
	stop.Store(true)
	wg.Wait()

	for i := range lat {
		sortDurations(lat[i])
	}
	p50b, p99b := percentile(lat[0], 50), percentile(lat[0], 99)
	fmt.Printf("\n| query (%d each, while %d blocks of %d bank sends were committed) | p50 | p99 | p50 / balance | p99 / balance |\n|---|---:|---:|---:|---:|\n",
		rounds, blocks.Load(), senders)
	for i, q := range queries {
		p50, p99 := percentile(lat[i], 50), percentile(lat[i], 99)
		fmt.Printf("| %s | %s | %s | %.2f | %.2f |\n", q.name, p50.Round(time.Microsecond), p99.Round(time.Microsecond),
			float64(p50)/float64(p50b), float64(p99)/float64(p99b))
	}
}
