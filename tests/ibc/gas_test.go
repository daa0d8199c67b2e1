package ibc_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// BenchmarkRecvPacketGas reports the gas of the MsgRecvPacket transaction on
// xmtpd (ante, client proof check, the transfer stack) for a plain ICS-20
// transfer and for one whose memo funds the reward pool. The gas/recv metric
// is the number to read; ns/op is the whole relay of both chains.
func BenchmarkRecvPacketGas(b *testing.B) {
	t := &testing.T{}
	for _, bc := range []struct {
		name     string
		memo     string
		receiver func(*env) string
	}{
		{"plain", "", func(e *env) string { return e.xmtp.SenderAccounts[1].SenderAccount.GetAddress().String() }},
		{"fund_reward_pool", rewardstypes.FundingMemo, func(e *env) string { return e.rewardsAddr().String() }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e := newEnv(t, minted, nil)
			e.t = t
			var gas int64
			for i := 0; i < b.N; i++ {
				res, ack, err := e.path.RelayPacketWithResults(e.send(usdc, 1_000_000, bc.receiver(e), bc.memo))
				require.NoError(b, err)
				require.True(b, ackOK(t, ack))
				gas += res.GasUsed
			}
			b.ReportMetric(float64(gas)/float64(b.N), "gas/recv")
		})
	}
}
