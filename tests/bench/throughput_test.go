package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
		nextBoundary(ta)
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
// of one kind through the real app; one op is one block. Signing and any
// setup block (the attestation case crosses a boundary first) are outside
// the timer.
func BenchmarkThroughput(b *testing.B) {
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			ta := newApp(b, k.shape(b.N))
			var signers []*apptesting.Signer
			for _, acc := range ta.Accounts {
				signers = append(signers, ta.NewSigner(acc))
			}
			if len(ta.Accounts) == 0 {
				for _, op := range ta.Operators {
					signers = append(signers, ta.NewSigner(op))
				}
			}
			var elapsed time.Duration
			var gas, txs int64
			b.ResetTimer()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				blk := k.build(b, ta, signers, i)
				start := time.Now()
				b.StartTimer()
				res := ta.DeliverBlock(time.Second, blk)
				b.StopTimer()
				elapsed += time.Since(start)
				for j, r := range res.TxResults {
					require.Equal(b, uint32(0), r.Code, "tx %d of %s: %s", j, k.name, r.Log)
					gas += r.GasUsed
				}
				txs += int64(len(res.TxResults))
			}
			b.ReportMetric(float64(txs)/elapsed.Seconds(), "tx/s")
			b.ReportMetric(float64(gas)/float64(txs), "gas/tx")
		})
	}
}
