package integration_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// TestDepartedOperatorPaidToCurrentPayoutAddress: an operator leaves, changes
// its payout address after its last settlement, its record is deleted after
// the unbonding, and it changes the address once more; the payout of the
// period goes to the last address it set (SPEC 4.2 payout_address).
func TestDepartedOperatorPaidToCurrentPayoutAddress(t *testing.T) {
	// ARRANGE: 12 operators, money in the pool every cycle for three cycles.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 12, Accounts: 1})
	payer := ta.Accounts[0]
	fund := &rewardstypes.MsgFundRewardPool{Sender: payer.Addr.String(), Amount: sdk.NewInt64Coin(app.RewardDenom, 300_000_000)}
	ta.MustDeliver(payer, time.Second, fund)
	state, err := ta.NodeSelectionKeeper.GetCycleState(ta.Ctx())
	require.NoError(t, err)
	x := sdk.MustAccAddressFromBech32(state.Current[0].Owner)
	var owner apptesting.Account
	for _, op := range ta.Operators {
		if op.Addr.Equals(x) {
			owner = op
		}
	}
	ta.MustDeliver(owner, time.Second, &nstypes.MsgDeregisterOperator{Owner: x.String()})
	for i := 0; i < 3; i++ { // x serves until the boundary, which is settled one cycle later
		ta.MustDeliver(payer, cycleLen, fund)
	}
	acct, err := ta.RewardsKeeper.Accounts.Get(ta.Ctx(), x)
	require.NoError(t, err)
	require.True(t, acct.Payable.IsPositive(), "x was credited for the cycle it served")
	owed := acct.Payable

	// ACT 1: after its last settlement, x names B; the record is deleted after the unbonding.
	b, c := apptesting.NewAccount().Addr, apptesting.NewAccount().Addr
	ta.MustDeliver(owner, time.Second, &nstypes.MsgUpdateOperator{Owner: x.String(), PayoutAddress: b.String()})
	params, err := ta.NodeSelectionKeeper.GetParams(ta.Ctx())
	require.NoError(t, err)
	ta.AdvanceTo(ta.Time.Add(params.UnbondingPeriod+2*cycleLen), cycleLen)
	_, err = ta.NodeSelectionKeeper.GetOperator(ta.Ctx(), x)
	require.Error(t, err, "the record is deleted after the unbonding")
	payouts, err := ta.RewardsKeeper.Payouts.Get(ta.Ctx(), 0)
	require.Error(t, err, "no payout yet: x is still owed %s (%v)", owed, payouts)

	// ASSERT 1: the account keeps B, not the address of the last settlement.
	acct, err = ta.RewardsKeeper.Accounts.Get(ta.Ctx(), x)
	require.NoError(t, err)
	require.Equal(t, b.String(), acct.PayoutAddress)

	// ACT 2: without a record, x sets C while money is owed; a module account is refused.
	res := ta.DeliverTx(owner, time.Second, &nstypes.MsgUpdateOperator{Owner: x.String(),
		PayoutAddress: authtypes.NewModuleAddress(rewardstypes.ModuleName).String()})
	require.Equal(t, nstypes.ErrBlockedAddress.ABCICode(), res.Code, res.Log)
	ta.MustDeliver(owner, time.Second, &nstypes.MsgUpdateOperator{Owner: x.String(), PayoutAddress: c.String()})
	rp, err := ta.RewardsKeeper.GetParams(ta.Ctx())
	require.NoError(t, err)
	ta.AdvanceTo(state.CycleStart.Add(rp.PayoutPeriod+2*cycleLen), cycleLen)

	// ASSERT 2: the payout sent everything owed to x to C; B and x got nothing.
	rec, err := ta.RewardsKeeper.Payouts.Get(ta.Ctx(), 0)
	require.NoError(t, err)
	require.True(t, rec.Complete)
	entry, err := ta.RewardsKeeper.PayoutEntries.Get(ta.Ctx(), collections.Join(uint64(0), x))
	require.NoError(t, err)
	require.True(t, entry.Sent, entry.Error)
	require.Equal(t, c.String(), entry.Address)
	require.True(t, ta.Balance(c, app.RewardDenom).Equal(owed), "C received %s, x was owed %s", ta.Balance(c, app.RewardDenom), owed)
	require.True(t, ta.Balance(b, app.RewardDenom).IsZero())
	_, err = ta.RewardsKeeper.Accounts.Get(ta.Ctx(), x)
	require.Error(t, err, "nothing is owed any more: the account is gone")
	res = ta.DeliverTx(owner, time.Second, &nstypes.MsgUpdateOperator{Owner: x.String(), PayoutAddress: b.String()})
	require.Equal(t, nstypes.ErrNotRegistered.ABCICode(), res.Code, "nothing owed: no record, no change")
	require.NoError(t, ta.CheckInvariants(ta.Ctx()))
}
