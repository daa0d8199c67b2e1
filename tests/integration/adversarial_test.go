package integration_test

// Adversarial transactions (docs/reliability.md §3): attacks on a whole
// in-memory xmtpd app with real signed transactions through the ante handler:
// every attack must be rejected with a clear error and leave every balance
// and every module store unchanged. (Formerly tests/adversarial; it shares
// this package's test binary, one link of the app fewer.)

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

var maxUint256 = math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))

// world is a running app with 3 genesis operators (op1..op3), 3 accounts, a
// funded reward pool and treasury, past the first boundary.
func world(t *testing.T) *apptesting.TestApp {
	ta := apptesting.Setup(t, apptesting.Config{Operators: 3, Accounts: 3})
	funder := ta.Accounts[2]
	ta.MustDeliver(funder, time.Second, &rewardstypes.MsgFundRewardPool{Sender: funder.Addr.String(), Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(5_000_000_000))})
	ta.MustDeliver(funder, time.Second, &treasurytypes.MsgFundBucket{Sender: funder.Addr.String(), Bucket: treasurytypes.BUCKET_ECOSYSTEM, Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(7_000_000_000))})
	p, err := ta.NodeSelectionKeeper.Params().Get(ta.Ctx())
	require.NoError(t, err)
	ta.AdvanceTo(ta.Time.Add(p.CycleDuration+time.Minute), time.Hour)
	return ta
}

// snapshot is every balance of every account plus a hash of the custom stores.
type snapshot struct {
	balances map[string]string
	stores   [32]byte
}

func snap(ta *apptesting.TestApp) snapshot {
	ctx := ta.Ctx()
	s := snapshot{balances: map[string]string{}}
	ta.BankKeeper.IterateAllBalances(ctx, func(addr sdk.AccAddress, c sdk.Coin) bool {
		s.balances[addr.String()+"/"+c.Denom] = c.Amount.String()
		return false
	})
	h := sha256.New()
	for _, name := range []string{nstypes.StoreKey, rewardstypes.StoreKey, treasurytypes.StoreKey, "nft"} {
		it := ctx.KVStore(ta.GetKey(name)).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			_, _ = fmt.Fprintf(h, "%s/%x=%x;", name, it.Key(), it.Value())
		}
		_ = it.Close()
	}
	copy(s.stores[:], h.Sum(nil))
	return s
}

// reject delivers msgs signed by signer and requires a failure whose log
// contains want, with no change to any balance except the fee payer's gas
// (fees are zero in these tests) and no change to the custom stores.
func reject(t *testing.T, ta *apptesting.TestApp, signer apptesting.Account, want string, msgs ...sdk.Msg) {
	t.Helper()
	before := snap(ta)
	res := ta.DeliverTx(signer, 5*time.Second, msgs...)
	require.NotEqual(t, uint32(0), res.Code, "attack succeeded: %T", msgs[0])
	require.Contains(t, res.Log, want)
	after := snap(ta)
	require.Equal(t, before.balances, after.balances, "balances changed by a rejected tx")
	require.Equal(t, before.stores, after.stores, "module state changed by a rejected tx")
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
}

func execMsg(t *testing.T, grantee sdk.AccAddress, msgs ...sdk.Msg) *authz.MsgExec {
	anys := make([]*codectypes.Any, len(msgs))
	for i, m := range msgs {
		a, err := codectypes.NewAnyWithValue(m)
		require.NoError(t, err)
		anys[i] = a
	}
	return &authz.MsgExec{Grantee: grantee.String(), Msgs: anys}
}

func TestOperatorCannotTransferItsNFT(t *testing.T) {
	ta := world(t)
	op, thief := ta.Operators[0], ta.Accounts[0]
	send := &nft.MsgSend{ClassId: nstypes.NFTClassID, Id: "op-1", Sender: op.Addr.String(), Receiver: thief.Addr.String()}
	reject(t, ta, op, "non-transferable", send)

	// Nested in authz MsgExec, after a generic grant from op to the thief.
	grant, err := authz.NewMsgGrant(op.Addr, thief.Addr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&nft.MsgSend{})), nil)
	require.NoError(t, err)
	ta.MustDeliver(op, time.Second, grant)
	reject(t, ta, thief, "non-transferable", execMsg(t, thief.Addr, send))
	// Doubly nested.
	reject(t, ta, thief, "non-transferable", execMsg(t, thief.Addr, execMsg(t, thief.Addr, send)))
	require.Equal(t, op.Addr, ta.NFTKeeper.GetOwner(ta.Ctx(), nstypes.NFTClassID, "op-1"))
}

func TestRegisterTwiceOrWithSomeoneElsesNFT(t *testing.T) {
	ta := world(t)
	op, other := ta.Operators[0], ta.Accounts[0]
	stake := sdk.NewCoin(app.BondDenom, math.NewInt(100_000_000_000))
	reject(t, ta, op, "already registered", &nstypes.MsgRegisterOperator{Owner: op.Addr.String(), NftId: "op-1", Stake: stake, Endpoint: "https://a.io", Region: "DE"})
	reject(t, ta, other, "not by", &nstypes.MsgRegisterOperator{Owner: other.Addr.String(), NftId: "op-2", Stake: stake, Endpoint: "https://a.io", Region: "DE"})
	reject(t, ta, other, "does not exist", &nstypes.MsgRegisterOperator{Owner: other.Addr.String(), NftId: "op-999", Stake: stake, Endpoint: "https://a.io", Region: "DE"})
}

func TestAttestationAttacks(t *testing.T) {
	ta := world(t)
	st, err := ta.NodeSelectionKeeper.CycleState().Get(ta.Ctx())
	require.NoError(t, err)
	require.True(t, st.AttestOpen)
	op1, op2, outsider := ta.Operators[0], ta.Operators[1], ta.Accounts[0]
	obs := []nstypes.Observation{{Operator: op2.Addr.String(), UptimeBps: 0}}
	// An outsider attests (claiming to speak for an operator).
	reject(t, ta, outsider, "neither the owner nor the signer", &nstypes.MsgSubmitAttestation{Signer: outsider.Addr.String(), Cycle: st.AttestCycle, Observations: obs})
	// A member signs for another operator: the signer must be the tx signer.
	reject(t, ta, op1, "", &nstypes.MsgSubmitAttestation{Signer: op2.Addr.String(), Cycle: st.AttestCycle, Observations: obs})
	// Old and future cycles.
	reject(t, ta, op1, "can be attested now", &nstypes.MsgSubmitAttestation{Signer: op1.Addr.String(), Cycle: st.AttestCycle + 1, Observations: obs})
	reject(t, ta, op1, "can be attested now", &nstypes.MsgSubmitAttestation{Signer: op1.Addr.String(), Cycle: st.AttestCycle + 1000, Observations: obs})
	// Uptime above 100%.
	reject(t, ta, op1, "above", &nstypes.MsgSubmitAttestation{Signer: op1.Addr.String(), Cycle: st.AttestCycle,
		Observations: []nstypes.Observation{{Operator: op2.Addr.String(), UptimeBps: 10001}}})
	// Twice in the same cycle.
	ta.MustDeliver(op1, time.Second, &nstypes.MsgSubmitAttestation{Signer: op1.Addr.String(), Cycle: st.AttestCycle, Observations: obs})
	reject(t, ta, op1, "already attested", &nstypes.MsgSubmitAttestation{Signer: op1.Addr.String(), Cycle: st.AttestCycle, Observations: obs})
}

func TestForgedAuthority(t *testing.T) {
	ta := world(t)
	attacker := ta.Accounts[0]
	a := attacker.Addr.String()
	reject(t, ta, attacker, "invalid authority", &treasurytypes.MsgSpend{Authority: a, Bucket: treasurytypes.BUCKET_ECOSYSTEM, Recipient: a, Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(7_000_000_000))})
	reject(t, ta, attacker, "invalid authority", &nstypes.MsgIssueOperatorNFT{Authority: a, Recipient: a})
	reject(t, ta, attacker, "invalid authority", &nstypes.MsgRevokeOperatorNFT{Authority: a, NftId: "op-1"})
	reject(t, ta, attacker, "invalid authority", &nstypes.MsgRecordViolation{Authority: a, Owner: ta.Operators[0].Addr.String(), Kind: nstypes.VIOLATION_KIND_MISCONDUCT})
	reject(t, ta, attacker, "invalid authority", &rewardstypes.MsgUpdateParams{Authority: a, Params: rewardstypes.DefaultParams()})
	reject(t, ta, attacker, "invalid authority", &treasurytypes.MsgUpdateParams{Authority: a, Params: treasurytypes.DefaultParams()})
	p := nstypes.DefaultParams()
	p.MinStake = math.OneInt()
	reject(t, ta, attacker, "invalid authority", &nstypes.MsgUpdateParams{Authority: a, Params: p})

	// Through authz: the real authority (the admin) granted nothing, so a grantee
	// that is not the authority cannot act for it; and a grant from a
	// non-authority conveys no authority either.
	spend := &treasurytypes.MsgSpend{Authority: ta.Admin.Addr.String(), Bucket: treasurytypes.BUCKET_ECOSYSTEM, Recipient: a, Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(1))}
	reject(t, ta, attacker, "authorization not found", execMsg(t, attacker.Addr, spend))
	other := ta.Accounts[1]
	grant, err := authz.NewMsgGrant(other.Addr, attacker.Addr, authz.NewGenericAuthorization(sdk.MsgTypeURL(&treasurytypes.MsgSpend{})), nil)
	require.NoError(t, err)
	ta.MustDeliver(other, time.Second, grant)
	forged := &treasurytypes.MsgSpend{Authority: other.Addr.String(), Bucket: treasurytypes.BUCKET_ECOSYSTEM, Recipient: a, Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(1))}
	reject(t, ta, attacker, "invalid authority", execMsg(t, attacker.Addr, forged))
}

func TestFakeDenomsAndOverflow(t *testing.T) {
	ta := world(t)
	acc, op := ta.Accounts[0], ta.Operators[0]
	a := acc.Addr.String()
	reject(t, ta, acc, "not the reward denom", &rewardstypes.MsgFundRewardPool{Sender: a, Amount: sdk.NewCoin(app.BondDenom, math.NewInt(1))})
	reject(t, ta, acc, "not the reward denom", &rewardstypes.MsgFundRewardPool{Sender: a, Amount: sdk.NewCoin("ibc/FAKEUSDC", math.NewInt(1))})
	reject(t, ta, acc, "", &rewardstypes.MsgFundRewardPool{Sender: a, Amount: sdk.Coin{Denom: app.RewardDenom, Amount: maxUint256}})
	reject(t, ta, acc, "", &treasurytypes.MsgFundBucket{Sender: a, Bucket: treasurytypes.BUCKET_ECOSYSTEM, Amount: sdk.Coin{Denom: app.RewardDenom, Amount: maxUint256}})
	reject(t, ta, op, "", &nstypes.MsgAddStake{Owner: op.Addr.String(), Amount: sdk.Coin{Denom: app.BondDenom, Amount: maxUint256}})
	reject(t, ta, op, "bond denom", &nstypes.MsgAddStake{Owner: op.Addr.String(), Amount: sdk.NewCoin(app.RewardDenom, math.NewInt(1))})
	reject(t, ta, acc, "", &treasurytypes.MsgBurnHoldings{Sender: a, Amount: sdk.Coin{Denom: app.BondDenom, Amount: maxUint256}})
	reject(t, ta, acc, "", &banktypes.MsgSend{FromAddress: a, ToAddress: op.Addr.String(), Amount: sdk.Coins{{Denom: app.RewardDenom, Amount: maxUint256}}})
}
