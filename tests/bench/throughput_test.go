package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	abci "github.com/cometbft/cometbft/abci/types"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// txsPerBlock is the number of txs of one kind in every measured block; the
// attestation case needs as many members (each attests once per cycle).
const txsPerBlock = 100

// kind builds the signed txs of one measured block: it is called with the
// block index (0..b.N-1) outside the timer and may commit unmeasured blocks.
type kind struct {
	name  string
	shape func(blocks int) setup
	build func(tb testing.TB, ta *apptesting.TestApp, signers []*apptesting.Signer, block int) [][]byte
}

var kinds = []kind{
	{"bank_send", accountsShape, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		return signEach(ta, s[:txsPerBlock], func(a *apptesting.Signer) sdk.Msg {
			return banktypes.NewMsgSend(a.Addr, ta.Admin.Addr, sdk.NewCoins(sdk.NewInt64Coin(app.RewardDenom, 1)))
		})
	}},
	{"register_operator", func(blocks int) setup {
		return setup{operators: 10, accounts: txsPerBlock * blocks, nftOnly: txsPerBlock * blocks}
	}, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		params, err := ta.NodeSelectionKeeper.GetParams(ta.Ctx())
		require.NoError(tb, err)
		minStake := params.MinStake
		own := s[blk*txsPerBlock : (blk+1)*txsPerBlock]
		out := make([][]byte, len(own))
		for i, a := range own {
			nftID := heldNFT(tb, ta, a.Addr)
			out[i] = ta.Sign(a, 2_000_000, &nstypes.MsgRegisterOperator{Owner: a.Addr.String(), NftId: nftID, Stake: sdk.NewCoin(params.BondDenom, minStake),
				Endpoint: fmt.Sprintf("https://new%d.bench.xmtp.network", blk*txsPerBlock+i), Region: "DE"})
		}
		return out
	}},
	{"add_stake", operatorsShape, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		return signEach(ta, s, func(a *apptesting.Signer) sdk.Msg {
			return &nstypes.MsgAddStake{Owner: a.Addr.String(), Amount: sdk.NewCoin(app.BondDenom, sdkmath.NewInt(1_000_000))}
		})
	}},
	{"update_operator", operatorsShape, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		return signEach(ta, s, func(a *apptesting.Signer) sdk.Msg {
			return &nstypes.MsgUpdateOperator{Owner: a.Addr.String(), Endpoint: fmt.Sprintf("https://b%d.%s.xmtp.network", blk, a.Addr.String()[5:15])}
		})
	}},
	{"submit_attestation_10obs", func(int) setup {
		return setup{operators: txsPerBlock, seats: txsPerBlock}
	}, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		// A new cycle to attest (the boundary, then the block after it, whose
		// BeginBlocker still does boundary follow-up work) outside the timer:
		// agents attest after a jitter, not in the first block of a cycle.
		nextBoundary(ta)
		ta.NextBlock(time.Second)
		c, members := attestCycle(tb, ta)
		require.Len(tb, members, txsPerBlock)
		byOwner := map[string]*apptesting.Signer{}
		for _, a := range s {
			byOwner[a.Addr.String()] = a
		}
		out := make([][]byte, len(members))
		for i, m := range members {
			out[i] = ta.Sign(byOwner[m], 2_000_000, &nstypes.MsgSubmitAttestation{Signer: m, Cycle: c, Observations: observations(members, i, 10)})
		}
		return out
	}},
	{"fund_reward_pool", accountsShape, func(tb testing.TB, ta *apptesting.TestApp, s []*apptesting.Signer, blk int) [][]byte {
		return signEach(ta, s[:txsPerBlock], func(a *apptesting.Signer) sdk.Msg {
			return &rewardstypes.MsgFundRewardPool{Sender: a.Addr.String(), Amount: sdk.NewInt64Coin(app.RewardDenom, 1_000_000)}
		})
	}},
}

func accountsShape(int) setup  { return setup{operators: 10, accounts: txsPerBlock} }
func operatorsShape(int) setup { return setup{operators: txsPerBlock} }

func signEach(ta *apptesting.TestApp, s []*apptesting.Signer, msg func(*apptesting.Signer) sdk.Msg) [][]byte {
	out := make([][]byte, len(s))
	for i, a := range s {
		out[i] = ta.Sign(a, 2_000_000, msg(a))
	}
	return out
}

func heldNFT(tb testing.TB, ta *apptesting.TestApp, owner sdk.AccAddress) string {
	tb.Helper()
	nfts := ta.NFTKeeper.GetNFTsOfClassByOwner(ta.Ctx(), nstypes.NFTClassID, owner)
	require.Len(tb, nfts, 1)
	return nfts[0].Id
}

// BenchmarkThroughput finalizes and commits blocks of txsPerBlock signed txs
// of one kind through the real app; one op is one block of every kind. The
// kinds are interleaved (block i of every kind, then block i+1 ...) on one
// app each, so that all of them run under the same machine conditions: on a
// shared machine the speed drifts by ±20% within minutes, which sequential
// runs turned into ratio errors larger than the differences measured.
// Signing and any setup block (the attestation case crosses a boundary
// first) are outside the timer. It reports each kind's tx/s, gas/tx and
// ratio to bank sends as metrics and, for more than one op, prints the table
// of docs/benchmarks.md.
func BenchmarkThroughput(b *testing.B) {
	type run struct {
		kind    kind
		ta      *apptesting.TestApp
		signers []*apptesting.Signer
		elapsed time.Duration
		gas     int64
		txs     int64
	}
	runs := make([]*run, len(kinds))
	for i, k := range kinds {
		ta := newApp(b, k.shape(b.N))
		r := &run{kind: k, ta: ta}
		for _, acc := range ta.Accounts {
			r.signers = append(r.signers, ta.NewSigner(acc))
		}
		if len(ta.Accounts) == 0 {
			for _, op := range ta.Operators {
				r.signers = append(r.signers, ta.NewSigner(op))
			}
		}
		runs[i] = r
	}
	defer func() {
		for _, r := range runs {
			require.NoError(b, r.ta.Close())
		}
	}()
	runtime.GC() // the garbage of the setup is no kind's cost
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range runs {
			blk := r.kind.build(b, r.ta, r.signers, i)
			start := time.Now()
			b.StartTimer()
			var res *abci.ResponseFinalizeBlock
			// Labelled so a CPU profile can be cut to one kind's measured
			// blocks: go tool pprof -tagfocus kind=bank_send.
			pprof.Do(context.Background(), pprof.Labels("kind", r.kind.name), func(context.Context) {
				res = r.ta.DeliverBlock(time.Second, blk)
			})
			b.StopTimer()
			r.elapsed += time.Since(start)
			for j, tx := range res.TxResults {
				require.Equal(b, uint32(0), tx.Code, "tx %d of %s: %s", j, r.kind.name, tx.Log)
				r.gas += tx.GasUsed
			}
			r.txs += int64(len(res.TxResults))
		}
	}
	bank := float64(runs[0].txs) / runs[0].elapsed.Seconds()
	var table strings.Builder
	fmt.Fprintf(&table, "\n| kind (%d blocks of %d txs, interleaved) | tx/s | gas/tx | ratio to bank send |\n|---|---:|---:|---:|\n", b.N, txsPerBlock)
	for _, r := range runs {
		tps := float64(r.txs) / r.elapsed.Seconds()
		gas := float64(r.gas) / float64(r.txs)
		b.ReportMetric(tps, r.kind.name+"_tx/s")
		b.ReportMetric(gas, r.kind.name+"_gas/tx")
		if r != runs[0] {
			b.ReportMetric(tps/bank, r.kind.name+"_ratio")
		}
		fmt.Fprintf(&table, "| %s | %.0f | %.0f | %.2f |\n", r.kind.name, tps, gas, tps/bank)
	}
	if b.N > 1 {
		fmt.Print(table.String())
	}
}
