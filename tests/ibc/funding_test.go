package ibc_test

import (
	"encoding/json"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v11/modules/core/24-host"
	ibctesting "github.com/cosmos/ibc-go/v11/testing"

	"github.com/xmtp/xmtpd-chain/app"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const minted = 1_000_000_000_000 // uusdc the payer holds on the issuer

// poolFundedEvents returns the EventPoolFunded of a result.
func poolFundedEvents(t *testing.T, events []abci.Event) []*rewardstypes.EventPoolFunded {
	var out []*rewardstypes.EventPoolFunded
	for _, ev := range events {
		if ev.Type != "xmtp.rewards.v1.EventPoolFunded" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(ev)
		require.NoError(t, err)
		out = append(out, msg.(*rewardstypes.EventPoolFunded))
	}
	return out
}

// fundingChannels sets x/rewards funding_channels in a genesis.
func fundingChannels(channels ...string) func(map[string]json.RawMessage) {
	return func(gen map[string]json.RawMessage) {
		cdc := app.MakeEncodingConfig().Codec
		var rg rewardstypes.GenesisState
		cdc.MustUnmarshalJSON(gen[rewardstypes.ModuleName], &rg)
		rg.Params.FundingChannels = channels
		gen[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&rg)
	}
}

// ackOK tells whether an acknowledgement is a success.
func ackOK(t *testing.T, ack []byte) bool {
	var a channeltypes.Acknowledgement
	require.NoError(t, channeltypes.SubModuleCdc.UnmarshalJSON(ack, &a))
	return a.Success()
}

func TestFundingMemoFundsThePool(t *testing.T) {
	// ARRANGE
	e := newEnv(t, minted, nil)
	const amount = 5_000_000

	// ACT
	packet := e.send(usdc, amount, e.rewardsAddr().String(), rewardstypes.FundingMemo)
	res, ack, err := e.path.RelayPacketWithResults(packet)
	require.NoError(t, err)

	// ASSERT: the pool holds the coins, the payer paid them, nothing else moved.
	require.True(t, ackOK(t, ack), "funding transfer acknowledged with success")
	require.Equal(t, sdkmath.NewInt(minted-amount), e.payerUSDC())
	require.Equal(t, sdkmath.NewInt(amount), e.pool())
	require.Equal(t, sdkmath.NewInt(amount), e.xmtpBalance(e.rewardsAddr()))
	require.Equal(t, sdkmath.NewInt(amount), e.voucherSupply(), "every voucher minted is in the pool")

	evs := poolFundedEvents(t, res.Events)
	require.Len(t, evs, 1)
	ev := evs[0]
	require.Equal(t, e.payer().String(), ev.Sender)
	require.Equal(t, sdk.NewInt64Coin(voucher(), amount).String(), ev.Amount)
	require.Equal(t, issuerID, ev.SourceChain)
	require.Equal(t, e.path.EndpointA.ClientID, ev.SourceClient)
	require.Equal(t, fundingChannel, ev.Channel)
	require.Equal(t, e.path.EndpointB.ChannelID, ev.SourceChannel)
	require.Equal(t, packet.Sequence, ev.Sequence)

	rec, err := e.app().RewardsKeeper.IBCFundings.Get(e.xmtp.GetContext(), ev.FundingId)
	require.NoError(t, err)
	require.Equal(t, e.payer().String(), rec.Sender)
	require.Equal(t, issuerID, rec.SourceChain)
	require.Equal(t, e.path.EndpointA.ClientID, rec.SourceClient)
	require.Equal(t, fundingChannel, rec.Channel)
	require.Equal(t, packet.Sequence, rec.Sequence)
	require.Equal(t, sdk.NewInt64Coin(voucher(), amount), rec.Amount)
	require.Equal(t, "xmtp1245yut9zht8q4hz39sd0lzqtzkuw5us5qdrewj", e.rewardsAddr().String(),
		"the receiver README 'Getting USDC in' documents")
	e.invariants()
}

func TestTransferWithoutMemoIsPlainICS20(t *testing.T) {
	// ARRANGE
	e := newEnv(t, minted, nil)
	receiver := e.xmtp.SenderAccounts[1].SenderAccount.GetAddress()

	// ACT
	packet := e.send(usdc, 7_000_000, receiver.String(), "")
	_, ack, err := e.path.RelayPacketWithResults(packet)
	require.NoError(t, err)

	// ASSERT
	require.True(t, ackOK(t, ack))
	require.Equal(t, sdkmath.NewInt(7_000_000), e.xmtpBalance(receiver), "the receiver holds the voucher")
	require.True(t, e.pool().IsZero(), "the pool is untouched")
	require.Equal(t, sdkmath.NewInt(minted-7_000_000), e.payerUSDC())
	e.invariants()
}

func TestRefusedFundingIsRefunded(t *testing.T) {
	other := func(e *env) string { return e.xmtp.SenderAccounts[1].SenderAccount.GetAddress().String() }
	module := func(e *env) string { return e.rewardsAddr().String() }
	for _, tc := range []struct {
		name     string
		denom    string
		receiver func(*env) string
		memo     string
		channel  string // empty: the funding channel; else a second, unlisted channel
		edit     func(map[string]json.RawMessage)
	}{
		{"wrong denom", ibctesting.SecondaryDenom, module, rewardstypes.FundingMemo, "", nil},
		{"channel not in funding_channels", usdc, module, rewardstypes.FundingMemo, "", fundingChannels("channel-7")},
		{"uusdc over a second channel (another voucher)", usdc, module, rewardstypes.FundingMemo, "second", nil},
		{"receiver is not the rewards module", usdc, other, rewardstypes.FundingMemo, "", nil},
		{"arguments to fund_reward_pool", usdc, module, `{"xmtp":{"fund_reward_pool":{"amount":"1"}}}`, "", nil},
		{"xmtp is not an object", usdc, module, `{"xmtp":"fund_reward_pool"}`, "", nil},
		{"unknown xmtp action", usdc, module, `{"xmtp":{"fund_pool":{}}}`, "", nil},
		{"another key beside xmtp", usdc, module, `{"xmtp":{"fund_reward_pool":{}},"forward":{}}`, "", nil},
		{"broken JSON naming xmtp", usdc, module, `{"xmtp":{"fund_reward_pool":{}}`, "", nil},
		{"plain transfer to the rewards module", usdc, module, "", "", nil},
		{"callback to a contract", usdc, other, `{"dest_callback":{"address":"xmtp1contract"}}`, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			e := newEnv(t, minted, tc.edit)
			path := e.path
			if tc.channel != "" {
				path = ibctesting.NewTransferPath(e.xmtp, e.issuer).DisableUniqueChannelIDs()
				path.Setup()
				require.NotEqual(t, fundingChannel, path.EndpointA.ChannelID)
			}
			before := e.issuerBalance(tc.denom)

			// ACT
			msgPath := e.path
			e.path = path
			packet := e.send(tc.denom, 3_000_000, tc.receiver(e), tc.memo)
			res, ack, err := path.RelayPacketWithResults(packet)
			e.path = msgPath
			require.NoError(t, err)

			// ASSERT: an error ack; the sender has its coins back; nothing stays on xmtpd.
			require.False(t, ackOK(t, ack), "refused with an error acknowledgement")
			after := e.issuerBalance(tc.denom)
			require.Equal(t, before, after, "the sender is refunded on the issuer")
			require.Empty(t, poolFundedEvents(t, res.Events))
			require.True(t, e.pool().IsZero())
			ctx := e.xmtp.GetContext()
			require.True(t, e.app().BankKeeper.GetSupply(ctx, voucher()).IsZero(), "no uusdc voucher exists on xmtpd")
			for _, acc := range e.app().BankKeeper.GetAccountsBalances(ctx) {
				for _, c := range acc.Coins {
					require.NotContains(t, c.Denom, "ibc/", "no voucher of any kind is left on xmtpd (%s holds %s)", acc.Address, c)
				}
			}
			n := 0
			require.NoError(t, e.app().RewardsKeeper.IBCFundings.Walk(ctx, nil, func(uint64, rewardstypes.IBCFunding) (bool, error) {
				n++
				return false, nil
			}))
			require.Zero(t, n, "no payer record")
			e.invariants()
		})
	}
}

func TestRedundantRelayIsRejected(t *testing.T) {
	// ARRANGE: a funding packet already relayed, and a second relayer's signed
	// MsgRecvPacket of the same packet.
	e := newEnv(t, minted, nil)
	packet := e.send(usdc, 1_000_000, e.rewardsAddr().String(), rewardstypes.FundingMemo)
	require.NoError(t, e.path.EndpointA.UpdateClient())
	proof, height := e.issuer.QueryProof(host.PacketCommitmentKey(packet.SourcePort, packet.SourceChannel, packet.Sequence))
	require.NoError(t, e.path.RelayPacket(packet))
	relayer := e.xmtp.SenderAccounts[2]
	msg := channeltypes.NewMsgRecvPacket(packet, proof, height, relayer.SenderAccount.GetAddress().String())
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(1)), e.xmtp.TxConfig, []sdk.Msg{msg}, sdk.Coins{},
		simtestutil.DefaultGenTxGas, e.xmtp.ChainID, []uint64{relayer.SenderAccount.GetAccountNumber()},
		[]uint64{relayer.SenderAccount.GetSequence()}, relayer.SenderPrivKey)
	require.NoError(t, err)
	bz, err := e.xmtp.TxConfig.TxEncoder()(tx)
	require.NoError(t, err)

	// ACT: the mempool check of that transaction.
	res, err := e.app().CheckTx(&abci.RequestCheckTx{Tx: bz, Type: abci.CheckTxType_New})

	// ASSERT: the ante chain's RedundantRelayDecorator refuses it; the pool was funded once.
	require.NoError(t, err)
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "redundant")
	require.Equal(t, sdkmath.NewInt(1_000_000), e.pool())
	e.invariants()
}
