package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func newAddr() sdk.AccAddress {
	return sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())
}

// mixedCase upper-cases the first letter after the separator.
func mixedCase(s string) string {
	i := strings.IndexByte(s, '1') + 1
	for ; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return s[:i] + strings.ToUpper(s[i:i+1]) + s[i+1:]
		}
	}
	panic("no letter in " + s)
}

func TestCanonicalAddressesCheckSpellings(t *testing.T) {
	app.SetConfig()
	c := app.NewCanonicalAddresses()
	owner := newAddr()
	canon := owner.String()
	otherPrefix, err := bech32.ConvertAndEncode("cosmos", owner)
	require.NoError(t, err)
	valoper := sdk.ValAddress(owner).String()

	cases := []struct {
		name, owner, wantErr string
	}{
		{"valid", canon, ""},
		{"upper case", strings.ToUpper(canon), `is not canonical; use "` + canon + `"`},
		{"mixed case", mixedCase(canon), `is not canonical (mixed case); use "` + canon + `"`},
		{"other chain's prefix", otherPrefix, `has prefix "cosmos"; want "xmtp"`},
		{"validator prefix in an account field", valoper, `has prefix "xmtpvaloper"; want "xmtp"`},
		{"not bech32", "owner", "is not a bech32 address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := &nstypes.MsgRegisterOperator{Owner: tc.owner, NftId: "op-1", Stake: sdk.NewInt64Coin(app.BondDenom, 1)}
			err := c.CheckMsgs([]sdk.Msg{msg})
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, "/xmtp.nodeselection.v1.MsgRegisterOperator.owner: ")
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestCanonicalAddressesCheckEveryKindAndShape(t *testing.T) {
	app.SetConfig()
	c := app.NewCanonicalAddresses()
	a, b := newAddr(), newAddr()
	upper := strings.ToUpper(b.String())

	// An optional field left empty is fine; the signer and payout fields are checked too.
	require.NoError(t, c.CheckMsgs([]sdk.Msg{&nstypes.MsgUpdateOperator{Owner: a.String(), Endpoint: "https://x.io"}}))
	err := c.CheckMsgs([]sdk.Msg{&nstypes.MsgUpdateOperator{Owner: a.String(), PayoutAddress: upper}})
	require.ErrorContains(t, err, "/xmtp.nodeselection.v1.MsgUpdateOperator.payout_address: ")

	// Every message of the tx, not only the first.
	err = c.CheckMsgs([]sdk.Msg{
		&rewardstypes.MsgFundRewardPool{Sender: a.String()},
		&treasurytypes.MsgBid{Bidder: upper},
	})
	require.ErrorContains(t, err, "/xmtp.treasury.v1.MsgBid.bidder: ")

	// A validator address field: its own prefix, lower case.
	val := sdk.ValAddress(b).String()
	require.NoError(t, c.CheckMsgs([]sdk.Msg{&stakingtypes.MsgDelegate{DelegatorAddress: a.String(), ValidatorAddress: val}}))
	err = c.CheckMsgs([]sdk.Msg{&stakingtypes.MsgDelegate{DelegatorAddress: a.String(), ValidatorAddress: strings.ToUpper(val)}})
	require.ErrorContains(t, err, "/cosmos.staking.v1beta1.MsgDelegate.validator_address: ")
	require.ErrorContains(t, err, `use "`+val+`"`)

	// Repeated nested messages: bank MsgMultiSend outputs[1].address.
	err = c.CheckMsgs([]sdk.Msg{&banktypes.MsgMultiSend{
		Inputs:  []banktypes.Input{{Address: a.String()}},
		Outputs: []banktypes.Output{{Address: a.String()}, {Address: upper}},
	}})
	require.ErrorContains(t, err, "/cosmos.bank.v1beta1.MsgMultiSend.outputs[1].address: ")

	// Repeated strings: a genesis payee list.
	err = c.Check("rewards", &rewardstypes.GenesisState{Payees: []string{a.String(), upper}})
	require.ErrorContains(t, err, "rewards.payees[1]: ")
}

func TestCanonicalAddressesCheckNestedMessages(t *testing.T) {
	app.SetConfig()
	c := app.NewCanonicalAddresses()
	grantee, owner := newAddr(), newAddr()
	upper := strings.ToUpper(owner.String())
	inner := &nstypes.MsgSubmitAttestation{Signer: upper, Cycle: 1}

	// ARRANGE: the attestation inside an authz MsgExec.
	exec := authz.NewMsgExec(grantee, []sdk.Msg{inner})
	// ACT / ASSERT
	err := c.CheckMsgs([]sdk.Msg{&exec})
	require.ErrorContains(t, err, "/cosmos.authz.v1beta1.MsgExec.msgs[0]/xmtp.nodeselection.v1.MsgSubmitAttestation.signer: ")
	require.ErrorContains(t, err, `use "`+owner.String()+`"`)

	// MsgExec inside MsgExec.
	outer := authz.NewMsgExec(grantee, []sdk.Msg{&exec})
	err = c.CheckMsgs([]sdk.Msg{&outer})
	require.ErrorContains(t, err, "/cosmos.authz.v1beta1.MsgExec.msgs[0]/cosmos.authz.v1beta1.MsgExec.msgs[0]/xmtp.nodeselection.v1.MsgSubmitAttestation.signer: ")

	// The same attestation spelled canonically passes.
	okExec := authz.NewMsgExec(grantee, []sdk.Msg{&nstypes.MsgSubmitAttestation{Signer: owner.String(), Cycle: 1}})
	require.NoError(t, c.CheckMsgs([]sdk.Msg{&okExec}))

	// In a gov proposal: the proposal's messages and the proposer.
	prop, err := govv1.NewMsgSubmitProposal([]sdk.Msg{&treasurytypes.MsgSpend{Authority: grantee.String(), Recipient: upper}},
		sdk.NewCoins(), grantee.String(), "", "t", "s", false)
	require.NoError(t, err)
	err = c.CheckMsgs([]sdk.Msg{prop})
	require.ErrorContains(t, err, "/cosmos.gov.v1.MsgSubmitProposal.messages[0]/xmtp.treasury.v1.MsgSpend.recipient: ")
	prop.Proposer = strings.ToUpper(grantee.String())
	prop.Messages = nil
	require.ErrorContains(t, c.CheckMsgs([]sdk.Msg{prop}), "/cosmos.gov.v1.MsgSubmitProposal.proposer: ")

	// An authz grant of a staking authorization: its allow list holds
	// validator addresses although upstream annotates it as accounts.
	val := sdk.ValAddress(owner).String()
	auth, err := stakingtypes.NewStakeAuthorization([]sdk.ValAddress{sdk.ValAddress(owner)}, nil,
		stakingtypes.AuthorizationType_AUTHORIZATION_TYPE_DELEGATE, nil)
	require.NoError(t, err)
	exp := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	grant, err := authz.NewMsgGrant(owner, grantee, auth, &exp)
	require.NoError(t, err)
	require.NoError(t, c.CheckMsgs([]sdk.Msg{grant}))
	auth.Validators = &stakingtypes.StakeAuthorization_AllowList{AllowList: &stakingtypes.StakeAuthorization_Validators{Address: []string{strings.ToUpper(val)}}}
	grant.Grant.Authorization, err = codectypes.NewAnyWithValue(auth)
	require.NoError(t, err)
	require.ErrorContains(t, c.CheckMsgs([]sdk.Msg{grant}), `use "`+val+`"`)
}

func TestCanonicalizeRewritesStoredRecords(t *testing.T) {
	app.SetConfig()
	c := app.NewCanonicalAddresses()
	owner, payout := newAddr(), newAddr()
	foreign, err := bech32.ConvertAndEncode("osmo", owner)
	require.NoError(t, err)
	foreign = strings.ToUpper(foreign)

	// ARRANGE: an operator stored with upper-case owner and payout address.
	op := &nstypes.Operator{Owner: strings.ToUpper(owner.String()), Signer: owner.String(),
		PayoutAddress: strings.ToUpper(payout.String()), Stake: math.NewInt(5), Credit: math.LegacyOneDec(), Endpoint: "https://x.io"}
	// ACT
	changed, err := c.Canonicalize(op)
	// ASSERT
	require.NoError(t, err)
	require.True(t, changed)
	require.Equal(t, owner.String(), op.Owner)
	require.Equal(t, payout.String(), op.PayoutAddress)
	require.Equal(t, math.NewInt(5), op.Stake)
	require.Equal(t, "https://x.io", op.Endpoint)

	changed, err = c.Canonicalize(op)
	require.NoError(t, err)
	require.False(t, changed, "a canonical record is left alone")

	// A spend's recipient is "address or module name": rewritten when it is
	// one of this chain's addresses, left alone when it is a module name or
	// another chain's address.
	sp := &treasurytypes.Spend{Recipient: strings.ToUpper(owner.String()), Initiator: "rewards"}
	changed, err = c.Canonicalize(sp)
	require.NoError(t, err)
	require.True(t, changed)
	require.Equal(t, owner.String(), sp.Recipient)
	require.Equal(t, "rewards", sp.Initiator)
	f := &rewardstypes.IBCFunding{Sender: foreign}
	changed, err = c.Canonicalize(f)
	require.NoError(t, err)
	require.False(t, changed)
	require.Equal(t, foreign, f.Sender)
}
