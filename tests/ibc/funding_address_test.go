package ibc_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	ibctesting "github.com/cosmos/ibc-go/v11/testing"

	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// fundingAddress is the funding address as Query/Params shows it.
func (e *env) fundingAddress() string {
	e.t.Helper()
	res, err := rewardskeeper.NewQueryServerImpl(e.app().RewardsKeeper).Params(e.xmtp.GetContext(), &rewardstypes.QueryParamsRequest{})
	require.NoError(e.t, err)
	require.NotEmpty(e.t, res.FundingAddress, "Query/Params shows the funding address")
	return res.FundingAddress
}

func TestFundingAddressFundsThePoolWithoutMemo(t *testing.T) {
	for _, memo := range []string{
		"",                             // a Noble forwarding account sets none
		"forwarded by noble",           // free text is not ours to judge
		`{"forward":{"receiver":"x"}}`, // another service's JSON
		rewardstypes.FundingMemo,       // the funding memo is fine too
	} {
		t.Run(memo, func(t *testing.T) {
			// ARRANGE
			e := newEnv(t, minted, nil)
			const amount = 6_000_000
			to := e.fundingAddress()
			require.NotEqual(t, e.rewardsAddr().String(), to)

			// ACT
			packet := e.send(usdc, amount, to, memo)
			res, ack, err := e.path.RelayPacketWithResults(packet)
			require.NoError(t, err)

			// ASSERT: the pool is funded, with the payer named; the address keeps nothing.
			require.True(t, ackOK(t, ack), "funding address transfer acknowledged with success")
			require.Equal(t, sdkmath.NewInt(minted-amount), e.payerUSDC())
			require.Equal(t, sdkmath.NewInt(amount), e.pool())
			require.Equal(t, sdkmath.NewInt(amount), e.xmtpBalance(e.rewardsAddr()))
			require.Equal(t, sdkmath.NewInt(amount), e.voucherSupply(), "every voucher minted is in the pool")
			addr := sdk.MustAccAddressFromBech32(to)
			require.True(t, e.app().BankKeeper.GetAllBalances(e.xmtp.GetContext(), addr).IsZero(), "the funding address holds nothing")
			evs := poolFundedEvents(t, res.Events)
			require.Len(t, evs, 1)
			require.Equal(t, e.payer().String(), evs[0].Sender)
			require.Equal(t, packet.Sequence, evs[0].Sequence)
			require.Equal(t, sdk.NewInt64Coin(voucher(), amount).String(), evs[0].Amount)
			rec, err := e.app().RewardsKeeper.IBCFundings.Get(e.xmtp.GetContext(), evs[0].FundingId)
			require.NoError(t, err)
			require.Equal(t, e.payer().String(), rec.Sender)
			e.invariants()
		})
	}
}

func TestFundingAddressRefusesEverythingElseOverIBC(t *testing.T) {
	for _, tc := range []struct {
		name    string
		denom   string
		memo    string
		channel string // empty: the funding channel; else a second, unlisted channel
	}{
		{"another denom, no memo", ibctesting.SecondaryDenom, "", ""},
		{"another denom, funding memo", ibctesting.SecondaryDenom, rewardstypes.FundingMemo, ""},
		{"uusdc over an unlisted channel (another voucher)", usdc, "", "second"},
		{"malformed xmtp memo", usdc, `{"xmtp":{"fund_pool":{}}}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			e := newEnv(t, minted, nil)
			path := e.path
			if tc.channel != "" {
				path = ibctesting.NewTransferPath(e.xmtp, e.issuer).DisableUniqueChannelIDs()
				path.Setup()
			}
			before := e.issuerBalance(tc.denom)
			to := e.fundingAddress()

			// ACT
			saved := e.path
			e.path = path
			packet := e.send(tc.denom, 2_000_000, to, tc.memo)
			e.path = saved
			res, ack, err := path.RelayPacketWithResults(packet)
			require.NoError(t, err)

			// ASSERT: error ack, refund, nothing stranded at the funding address.
			require.False(t, ackOK(t, ack), "refused with an error acknowledgement")
			require.Equal(t, before, e.issuerBalance(tc.denom), "the sender is refunded on the issuer")
			require.Empty(t, poolFundedEvents(t, res.Events))
			require.True(t, e.pool().IsZero())
			ctx := e.xmtp.GetContext()
			require.True(t, e.app().BankKeeper.GetAllBalances(ctx, sdk.MustAccAddressFromBech32(to)).IsZero(),
				"nothing is stranded at the funding address")
			e.invariants()
		})
	}
}

func TestBankSendToFundingAddressIsRefused(t *testing.T) {
	// ARRANGE: an xmtpd account holding the uusdc voucher and the bond denom.
	e := newEnv(t, minted, nil)
	holder := e.xmtp.SenderAccount.GetAddress()
	_, ack, err := e.path.RelayPacketWithResults(e.send(usdc, 9_000_000, holder.String(), ""))
	require.NoError(t, err)
	require.True(t, ackOK(t, ack))
	to := e.fundingAddress()
	coins := sdk.NewCoins(sdk.NewInt64Coin(voucher(), 1_000_000))
	bond, err := e.app().StakingKeeper.BondDenom(e.xmtp.GetContext())
	require.NoError(t, err)
	native := sdk.NewCoins(sdk.NewInt64Coin(bond, 1))

	for name, msg := range map[string]sdk.Msg{
		"MsgSend of the voucher":      banktypes.NewMsgSend(holder, sdk.MustAccAddressFromBech32(to), coins),
		"MsgSend of a native coin":    banktypes.NewMsgSend(holder, sdk.MustAccAddressFromBech32(to), native),
		"MsgMultiSend of the voucher": banktypes.NewMsgMultiSend(banktypes.NewInput(holder, coins), []banktypes.Output{banktypes.NewOutput(sdk.MustAccAddressFromBech32(to), coins)}),
	} {
		// ACT
		_, err := e.xmtp.SendMsgs(msg)

		// ASSERT: refused in the transaction, naming the funding address.
		require.ErrorContains(t, err, rewardstypes.ErrFundingReceiver.Error(), name)
		require.ErrorContains(t, err, to+" is the x/rewards funding address", name)
	}
	// A module send (a payout to the funding address, say) is refused too
	// (in a throw-away context).
	ctx, _ := e.xmtp.GetContext().CacheContext()
	require.NoError(t, e.app().BankKeeper.SendCoinsFromAccountToModule(ctx, holder, rewardstypes.ModuleName, coins))
	err = e.app().BankKeeper.SendCoinsFromModuleToAccount(ctx, rewardstypes.ModuleName, sdk.MustAccAddressFromBech32(to), coins)
	require.ErrorIs(t, err, rewardstypes.ErrFundingReceiver)

	require.True(t, e.app().BankKeeper.GetAllBalances(e.xmtp.GetContext(), sdk.MustAccAddressFromBech32(to)).IsZero(),
		"nothing reached the funding address")
	require.Equal(t, sdkmath.NewInt(9_000_000), e.xmtpBalance(holder), "the holder kept its vouchers")
	e.invariants()
}
