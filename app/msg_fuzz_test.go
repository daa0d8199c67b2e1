package app_test

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"testing"
	"time"

	"cosmossdk.io/math"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// fuzzedMsgs are every custom Msg of the three modules; the fuzzer picks one
// by index and decodes the rest of its input into it.
var fuzzedMsgs = []func() sdk.Msg{
	func() sdk.Msg { return &nstypes.MsgIssueOperatorNFT{} },
	func() sdk.Msg { return &nstypes.MsgRevokeOperatorNFT{} },
	func() sdk.Msg { return &nstypes.MsgTransferOperatorNFT{} },
	func() sdk.Msg { return &nstypes.MsgRegisterOperator{} },
	func() sdk.Msg { return &nstypes.MsgUpdateOperator{} },
	func() sdk.Msg { return &nstypes.MsgAddStake{} },
	func() sdk.Msg { return &nstypes.MsgDeregisterOperator{} },
	func() sdk.Msg { return &nstypes.MsgUpdateParams{} },
	func() sdk.Msg { return &nstypes.MsgSubmitAttestation{} },
	func() sdk.Msg { return &nstypes.MsgRecordViolation{} },
	func() sdk.Msg { return &nstypes.MsgExcuseViolation{} },
	func() sdk.Msg { return &nstypes.MsgUnjail{} },
	func() sdk.Msg { return &rewardstypes.MsgFundRewardPool{} },
	func() sdk.Msg { return &rewardstypes.MsgUpdateParams{} },
	func() sdk.Msg { return &treasurytypes.MsgSpend{} },
	func() sdk.Msg { return &treasurytypes.MsgBurnHoldings{} },
	func() sdk.Msg { return &treasurytypes.MsgFundBucket{} },
	func() sdk.Msg { return &treasurytypes.MsgUpdateParams{} },
}

// maxUint256 is 2^256-1, the largest amount math.Int holds.
var maxUint256 = math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))

// FuzzMsgRouter sends arbitrary messages of every custom type through the real
// message router of a whole app (after the first cycle boundary, with genesis
// operators, funded accounts and a funded pool). The handler must never
// panic, and when it returns an error the state must be exactly as before.
func FuzzMsgRouter(f *testing.F) {
	ta := apptesting.Setup(f, apptesting.Config{Operators: 3, Accounts: 2})
	params, err := ta.NodeSelectionKeeper.Params().Get(ta.Ctx())
	if err != nil {
		f.Fatal(err)
	}
	ta.MustDeliver(ta.Accounts[0], time.Second, &rewardstypes.MsgFundRewardPool{Sender: ta.Accounts[0].Addr.String(), Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(1_000_000_000))})
	ta.AdvanceTo(ta.Time.Add(params.CycleDuration+time.Minute), time.Hour)

	op, acc, admin := ta.Operators[0].Addr.String(), ta.Accounts[1].Addr.String(), ta.Admin.Addr.String()
	huge := sdk.Coin{Denom: app.BondDenom, Amount: maxUint256}
	seeds := []sdk.Msg{
		&nstypes.MsgIssueOperatorNFT{Authority: admin, Recipient: acc},
		&nstypes.MsgRevokeOperatorNFT{Authority: admin, NftId: "op-2"},
		&nstypes.MsgTransferOperatorNFT{Authority: op, NftId: "op-1", NewOwner: acc},
		&nstypes.MsgRegisterOperator{Owner: acc, NftId: "op-1", Stake: huge, Endpoint: "https://x.io", Region: "SK"},
		&nstypes.MsgUpdateOperator{Owner: op, Endpoint: "http://x", Region: "XX"},
		&nstypes.MsgAddStake{Owner: op, Amount: huge},
		&nstypes.MsgDeregisterOperator{Owner: op},
		&nstypes.MsgUpdateParams{Authority: admin, Params: nstypes.DefaultParams()},
		&nstypes.MsgSubmitAttestation{Signer: op, Cycle: 0, Observations: []nstypes.Observation{{Operator: op, UptimeBps: 10001}}},
		&nstypes.MsgRecordViolation{Authority: admin, Owner: op, Kind: nstypes.VIOLATION_KIND_MISCONDUCT},
		&nstypes.MsgExcuseViolation{Authority: admin, Owner: op, ViolationId: 1},
		&nstypes.MsgUnjail{Owner: op},
		&rewardstypes.MsgFundRewardPool{Sender: acc, Amount: sdk.Coin{Denom: app.RewardDenom, Amount: maxUint256}},
		&rewardstypes.MsgUpdateParams{Authority: acc, Params: rewardstypes.DefaultParams()},
		&treasurytypes.MsgSpend{Authority: acc, Bucket: treasurytypes.BUCKET_ECOSYSTEM, Recipient: acc, Amount: huge},
		&treasurytypes.MsgBurnHoldings{Sender: acc, Amount: sdk.NewCoin("ufake", math.OneInt())},
		&treasurytypes.MsgFundBucket{Sender: acc, Bucket: treasurytypes.Bucket(99), Amount: sdk.NewCoin(app.RewardDenom, math.OneInt())},
		&treasurytypes.MsgUpdateParams{Authority: admin, Params: treasurytypes.Params{BuybackBurnBps: 10000, BurnDenom: "a"}},
	}
	for i, m := range seeds {
		bz, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), bz)
	}
	router := ta.MsgServiceRouter()
	hdr := cmtproto.Header{Height: ta.Height + 1, Time: ta.Time.Add(5 * time.Second), ChainID: apptesting.ChainID}
	f.Fuzz(func(t *testing.T, kind uint8, bz []byte) {
		msg := fuzzedMsgs[int(kind)%len(fuzzedMsgs)]()
		if err := proto.Unmarshal(bz, msg); err != nil {
			return
		}
		ctx, _ := ta.NewUncachedContext(false, hdr).CacheContext()
		ctx = ctx.WithConsensusParams(ta.Ctx().ConsensusParams())
		handler := router.Handler(msg)
		if handler == nil {
			t.Fatalf("no handler for %T", msg)
		}
		before := storesHash(ta, ctx)
		_, err := handler(ctx, msg)
		if err != nil && storesHash(ta, ctx) != before {
			t.Fatalf("%T failed (%v) but changed state", msg, err)
		}
	})
}

// storesHash hashes every KV store of the app as seen by ctx.
func storesHash(ta *apptesting.TestApp, ctx sdk.Context) [32]byte {
	h := sha256.New()
	for _, name := range storeNames() {
		it := ctx.KVStore(ta.GetKey(name)).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			_, _ = fmt.Fprintf(h, "%s/%x=%x;", name, it.Key(), it.Value())
		}
		_ = it.Close()
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
