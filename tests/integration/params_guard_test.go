package integration_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Governance cannot push x/nodeselection parameters that the chain's state or
// x/rewards cannot work with; the refused change leaves the params as they were.
func TestNodeSelectionParamsCrossChecks(t *testing.T) {
	// ARRANGE: operators hold bonds in uxmtp; payout_period is 30 days.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 3})
	before, err := ta.NodeSelectionKeeper.GetParams(ta.Ctx())
	require.NoError(t, err)
	update := func(mutate func(*nstypes.Params)) (uint32, string) {
		p := before
		mutate(&p)
		res := ta.DeliverTx(ta.Admin, time.Second, &nstypes.MsgUpdateParams{Authority: ta.Admin.Addr.String(), Params: p})
		return res.Code, res.Log
	}

	// ACT + ASSERT: a new bond denom while bonds are escrowed is refused.
	code, log := update(func(p *nstypes.Params) { p.BondDenom = "uusdc" })
	require.NotZero(t, code)
	require.Contains(t, log, "bond_denom cannot change from uxmtp to uusdc while the escrow holds")

	// A cycle longer than the payout period is refused.
	code, log = update(func(p *nstypes.Params) { p.CycleDuration = 31 * 24 * time.Hour })
	require.NotZero(t, code)
	require.Contains(t, log, "cycle_duration 744h0m0s must be at most the x/rewards payout_period 720h0m0s")

	// From the other side, x/rewards refuses a payout period below the cycle.
	rp, err := ta.RewardsKeeper.GetParams(ta.Ctx())
	require.NoError(t, err)
	rp.PayoutPeriod = time.Hour
	res := ta.DeliverTx(ta.Admin, time.Second, &rewardstypes.MsgUpdateParams{Authority: ta.Admin.Addr.String(), Params: rp})
	require.NotZero(t, res.Code)
	require.Contains(t, res.Log, "payout_period")

	after, err := ta.NodeSelectionKeeper.GetParams(ta.Ctx())
	require.NoError(t, err)
	require.Equal(t, before, after)

	// A valid change (a 24h cycle) goes through.
	code, log = update(func(p *nstypes.Params) { p.CycleDuration = 24 * time.Hour })
	require.Zero(t, code, log)
}
