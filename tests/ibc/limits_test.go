package ibc_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"

	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestTimeoutRefundsTheSender(t *testing.T) {
	// ARRANGE: a funding transfer that must arrive within a minute.
	e := newEnv(t, minted, nil)
	deadline := uint64(e.coord.CurrentTime.Add(time.Minute).UnixNano())
	msg := transfertypes.NewMsgTransfer(transfertypes.PortID, fundingChannel, sdk.NewInt64Coin(usdc, 4_000_000),
		e.payer().String(), e.rewardsAddr().String(), clienttypes.ZeroHeight(), deadline, rewardstypes.FundingMemo)
	res, err := e.issuer.SendMsgs(msg)
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(minted-4_000_000), e.payerUSDC(), "escrowed on the issuer")

	// ACT: nobody relays it in time; the timeout is proven to the issuer.
	packet := parsePacket(t, res)
	e.coord.IncrementTimeBy(2 * time.Minute)
	e.xmtp.NextBlock()
	require.NoError(t, e.path.EndpointB.UpdateClient())
	require.NoError(t, e.path.EndpointB.TimeoutPacket(packet))

	// ASSERT
	require.Equal(t, sdkmath.NewInt(minted), e.payerUSDC(), "the sender is refunded")
	require.True(t, e.pool().IsZero())
	require.True(t, e.voucherSupply().IsZero())
	e.invariants()
}

func TestRateLimitIsSetByGovernanceAndRefusesAboveIt(t *testing.T) {
	// ARRANGE: 10 USDC already on xmtpd (the channel value the limit is a share of).
	e := newEnv(t, minted, nil)
	holder := e.xmtp.SenderAccounts[1].SenderAccount.GetAddress()
	_, ack, err := e.path.RelayPacketWithResults(e.send(usdc, 10_000_000, holder.String(), ""))
	require.NoError(t, err)
	require.True(t, ackOK(t, ack))
	limit := func(signer string) *ratelimittypes.MsgAddRateLimit {
		return &ratelimittypes.MsgAddRateLimit{Signer: signer, Denom: voucher(), ChannelOrClientId: fundingChannel,
			MaxPercentSend: sdkmath.NewInt(10), MaxPercentRecv: sdkmath.NewInt(10), DurationHours: 24}
	}

	// ACT 1 / ASSERT 1: anyone but the authority is refused.
	_, err = e.xmtp.SendMsgs(limit(e.xmtp.SenderAccount.GetAddress().String()))
	require.ErrorContains(t, err, "unauthorized")
	_, found := e.app().RateLimitKeeper.GetRateLimit(e.xmtp.GetContext(), voucher(), fundingChannel)
	require.False(t, found, "no rate limit from an unauthorized signer")

	// ACT 2: governance caps inflows at 10% of the channel value a day.
	_, err = e.asGov(limit(govAddr()))
	require.NoError(t, err)
	e.xmtp.NextBlock()

	// ACT 3: 2 USDC (20%) asks to fund the pool.
	before := e.payerUSDC()
	_, ack, err = e.path.RelayPacketWithResults(e.send(usdc, 2_000_000, e.rewardsAddr().String(), rewardstypes.FundingMemo))
	require.NoError(t, err)

	// ASSERT 3: refused, refunded, nothing moved on xmtpd.
	require.False(t, ackOK(t, ack), "above the rate limit: error acknowledgement")
	require.Equal(t, before, e.payerUSDC())
	require.True(t, e.pool().IsZero())
	require.Equal(t, sdkmath.NewInt(10_000_000), e.voucherSupply())
	e.invariants()

	// ACT 4 / ASSERT 4: within the limit the same transfer goes through.
	_, ack, err = e.path.RelayPacketWithResults(e.send(usdc, 500_000, e.rewardsAddr().String(), rewardstypes.FundingMemo))
	require.NoError(t, err)
	require.True(t, ackOK(t, ack))
	require.Equal(t, sdkmath.NewInt(500_000), e.pool())
	e.invariants()
}
