package integration_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// refuseNonCanonical delivers msgs signed by signer and requires the ante
// handler to refuse them, in CheckTx and in the block, naming field, with the
// signer's sequence (so any state change) untouched.
func refuseNonCanonical(t *testing.T, ta *apptesting.TestApp, signer apptesting.Account, field string, msgs ...sdk.Msg) {
	t.Helper()
	seq := func() uint64 { return ta.AccountKeeper.GetAccount(ta.Ctx(), signer.Addr).GetSequence() }
	before := seq()
	s := ta.NewSigner(signer)
	chk, err := ta.CheckTx(&abci.RequestCheckTx{Tx: ta.Sign(s, 2_000_000, msgs...), Type: abci.CheckTxType_New})
	require.NoError(t, err)
	require.NotZero(t, chk.Code, "CheckTx accepted a non-canonical %s", field)
	require.Contains(t, chk.Log, field+": ")
	res := ta.DeliverTx(signer, time.Second, msgs...)
	require.NotZero(t, res.Code, "DeliverTx accepted a non-canonical %s", field)
	require.Contains(t, res.Log, field+": ")
	require.Contains(t, res.Log, "is not canonical; use \"xmtp1")
	require.Equal(t, before, seq(), "a refused tx changes nothing, not even the sequence")
}

// TestNonCanonicalAddressesRefusedAndArrearsPaidOnce sends an operator's owner,
// signer and payout address in upper case at every entry point (each refused
// before any handler runs, nothing stored), then registers it canonically,
// lets it serve unpaid cycles so that it is owed arrears, funds the pool, and
// checks that its arrears are paid exactly once: one member record per owner
// per cycle, never paid as member and creditor at once.
func TestNonCanonicalAddressesRefusedAndArrearsPaidOnce(t *testing.T) {
	// ARRANGE: no base-pay backstop, so unpaid cycles leave arrears.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2, Accounts: 3, EditGenesis: func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
		var r rewardstypes.GenesisState
		cdc.MustUnmarshalJSON(s[rewardstypes.ModuleName], &r)
		r.Params.BasePayBackstop = false
		s[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&r)
	}})
	newcomer, signerAcc, other := ta.Accounts[0], ta.Accounts[1], ta.Accounts[2]
	owner := newcomer.Addr.String()
	up := func(a apptesting.Account) string { return strings.ToUpper(a.Addr.String()) }
	stake := sdk.NewInt64Coin(app.BondDenom, 100_000_000_000)

	// ACT 1: every entry point with one address upper case.
	refuseNonCanonical(t, ta, ta.Admin, "/xmtp.nodeselection.v1.MsgIssueOperatorNFT.recipient",
		&nstypes.MsgIssueOperatorNFT{Authority: ta.Admin.Addr.String(), Recipient: up(newcomer)})
	ta.MustDeliver(ta.Admin, time.Second, &nstypes.MsgIssueOperatorNFT{Authority: ta.Admin.Addr.String(), Recipient: owner})
	nfts := ta.NFTKeeper.GetNFTsOfClassByOwner(ta.Ctx(), nstypes.NFTClassID, newcomer.Addr)
	require.Len(t, nfts, 1)
	nftID := nfts[0].Id
	nodeID, err := nstypes.NodeIDFromNFT(nftID)
	require.NoError(t, err)
	nodeKey, keyProof, err := nstypes.SignNodeKeyProof(apptesting.NodeKey(newcomer.Addr), apptesting.ChainID, owner, nodeID)
	require.NoError(t, err)
	register := func(o, s, p string) *nstypes.MsgRegisterOperator {
		return &nstypes.MsgRegisterOperator{Owner: o, NftId: nftID, Stake: stake, Signer: s, PayoutAddress: p,
			Endpoint: "https://newcomer.test.xmtp.network", Region: "DE", SigningPublicKey: nodeKey, KeyProof: keyProof}
	}
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgRegisterOperator.owner", register(up(newcomer), "", ""))
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgRegisterOperator.signer", register(owner, up(signerAcc), ""))
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgRegisterOperator.payout_address", register(owner, "", up(newcomer)))
	has, err := ta.NodeSelectionKeeper.Operators().Has(ta.Ctx(), newcomer.Addr)
	require.NoError(t, err)
	require.False(t, has, "no operator registered by a refused tx")

	ta.MustDeliver(newcomer, time.Second, register(owner, "", ""))
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgUpdateOperator.signer",
		&nstypes.MsgUpdateOperator{Owner: owner, Signer: up(signerAcc)})
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgUpdateOperator.payout_address",
		&nstypes.MsgUpdateOperator{Owner: owner, PayoutAddress: up(newcomer)})
	refuseNonCanonical(t, ta, newcomer, "/xmtp.nodeselection.v1.MsgUpdateOperator.owner",
		&nstypes.MsgUpdateOperator{Owner: up(newcomer), Endpoint: "https://x.test.xmtp.network"})
	ta.MustDeliver(newcomer, time.Second, &nstypes.MsgUpdateOperator{Owner: owner, Signer: signerAcc.Addr.String()})
	refuseNonCanonical(t, ta, signerAcc, "/xmtp.nodeselection.v1.MsgAcceptSigner.signer",
		&nstypes.MsgAcceptSigner{Signer: up(signerAcc), Owner: owner})
	refuseNonCanonical(t, ta, signerAcc, "/xmtp.nodeselection.v1.MsgAcceptSigner.owner",
		&nstypes.MsgAcceptSigner{Signer: signerAcc.Addr.String(), Owner: up(newcomer)})
	ta.MustDeliver(signerAcc, time.Second, &nstypes.MsgAcceptSigner{Signer: signerAcc.Addr.String(), Owner: owner})
	refuseNonCanonical(t, ta, ta.Operators[0], "/xmtp.nodeselection.v1.MsgSubmitAttestation.signer",
		&nstypes.MsgSubmitAttestation{Signer: up(ta.Operators[0]), Cycle: 0})
	refuseNonCanonical(t, ta, ta.Operators[0], "/xmtp.nodeselection.v1.MsgSubmitAttestation.observations[0].operator",
		&nstypes.MsgSubmitAttestation{Signer: ta.Operators[0].Addr.String(), Cycle: 0,
			Observations: []nstypes.Observation{{Operator: up(ta.Operators[1]), UptimeBps: 10_000}}})
	refuseNonCanonical(t, ta, other, "/xmtp.nodeselection.v1.MsgVote.voter",
		&nstypes.MsgVote{Voter: up(other), Operator: owner, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	refuseNonCanonical(t, ta, other, "/xmtp.nodeselection.v1.MsgVote.operator",
		&nstypes.MsgVote{Voter: other.Addr.String(), Operator: up(newcomer), Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	refuseNonCanonical(t, ta, other, "/xmtp.rewards.v1.MsgFundRewardPool.sender",
		&rewardstypes.MsgFundRewardPool{Sender: up(other), Amount: sdk.NewInt64Coin(app.RewardDenom, 1_000_000)})
	refuseNonCanonical(t, ta, other, "/xmtp.treasury.v1.MsgBid.bidder",
		&treasurytypes.MsgBid{Bidder: up(other), Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	prop, err := govv1.NewMsgSubmitProposal([]sdk.Msg{&treasurytypes.MsgSpend{Authority: authtypes.NewModuleAddress(govtypes.ModuleName).String(),
		Recipient: up(other), Bucket: treasurytypes.BUCKET_ECOSYSTEM, Amount: sdk.NewInt64Coin(app.RewardDenom, 1)}},
		sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000_000)), other.Addr.String(), "", "spend", "to an upper-case recipient", false)
	require.NoError(t, err)
	refuseNonCanonical(t, ta, other, "/cosmos.gov.v1.MsgSubmitProposal.messages[0]/xmtp.treasury.v1.MsgSpend.recipient", prop)
	exec := authz.NewMsgExec(other.Addr, []sdk.Msg{&nstypes.MsgUpdateOperator{Owner: owner, PayoutAddress: up(other)}})
	refuseNonCanonical(t, ta, other, "/cosmos.authz.v1beta1.MsgExec.msgs[0]/xmtp.nodeselection.v1.MsgUpdateOperator.payout_address", &exec)

	op, err := ta.NodeSelectionKeeper.Operators().Get(ta.Ctx(), newcomer.Addr)
	require.NoError(t, err)
	require.Equal(t, []string{owner, signerAcc.Addr.String(), owner}, []string{op.Owner, op.Signer, op.PayoutAddress})

	// ACT 2: four unpaid days (the newcomer joins the active set after its
	// waiting period), then a funded pool for three more days.
	ta.AdvanceTo(ta.Time.Add(96*time.Hour), time.Hour)
	acc, err := ta.RewardsKeeper.Accounts.Get(ta.Ctx(), newcomer.Addr)
	require.NoError(t, err)
	owed := acc.Arrears
	require.True(t, owed.IsPositive(), "the newcomer served unpaid cycles and is owed arrears")
	ta.MustDeliver(other, time.Second, &rewardstypes.MsgFundRewardPool{Sender: other.Addr.String(),
		Amount: sdk.NewInt64Coin(app.RewardDenom, 50_000_000_000)})
	ta.AdvanceTo(ta.Time.Add(72*time.Hour), time.Hour)

	// ASSERT: every record names each account once (by its bytes), in its
	// canonical spelling; the newcomer's arrears carry over from record to
	// record, and each cycle pays at most what it owed before: the funded
	// cycle pays it in full, once, as a member and not again as a creditor.
	paid, paidOf, last := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	require.NoError(t, ta.RewardsKeeper.CycleRecords.Walk(ta.Ctx(), nil, func(c uint64, r rewardstypes.CycleRecord) (bool, error) {
		seen := map[string]bool{}
		for _, m := range r.Members {
			bz, err := sdk.AccAddressFromBech32(m.Owner)
			require.NoError(t, err)
			canon := bz.String()
			require.False(t, seen[canon], "cycle %d: %s has two member records", c, canon)
			seen[canon] = true
			require.Equal(t, canon, m.Owner, "cycle %d: owner not canonical", c)
			require.True(t, m.ArrearsPaid.LTE(m.ArrearsBefore), "cycle %d: %s paid %s of arrears %s", c, m.Owner, m.ArrearsPaid, m.ArrearsBefore)
			if m.Owner != owner {
				continue
			}
			require.Equal(t, last, m.ArrearsBefore, "cycle %d: arrears carried over", c)
			last = m.ArrearsAfter
			if m.ArrearsPaid.IsPositive() {
				paid, paidOf = paid.Add(m.ArrearsPaid), paidOf.Add(m.ArrearsBefore)
			}
		}
		return false, nil
	}))
	acc, err = ta.RewardsKeeper.Accounts.Get(ta.Ctx(), newcomer.Addr)
	require.NoError(t, err)
	require.True(t, paid.GT(owed), "the funded cycle paid %s, more than the %s owed before funding", paid, owed)
	require.Equal(t, paidOf, paid, "arrears paid exactly once, in full")
	require.Equal(t, last, acc.Arrears, "the account holds the last record's arrears")
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
}
