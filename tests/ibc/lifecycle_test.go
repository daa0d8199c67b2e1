package ibc_test

import (
	"encoding/json"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const (
	cycle    = 300 * time.Second
	period   = 3 * cycle
	basePay  = 1_000_000_000
	minStake = 1_000_000
)

// withShortCycles sets 300s cycles, a 900s payout period, a 1s waiting
// period, base pay 1000 USDC, profit cap 1.25 and no backstop (the treasury
// would otherwise pay the unfunded cycles).
func withShortCycles(gen map[string]json.RawMessage) {
	cdc := app.MakeEncodingConfig().Codec
	var ns nstypes.GenesisState
	cdc.MustUnmarshalJSON(gen[nstypes.ModuleName], &ns)
	ns.Params.CycleDuration = cycle
	ns.Params.WaitingPeriod = time.Second
	ns.Params.MinStake = sdkmath.NewInt(minStake)
	gen[nstypes.ModuleName] = cdc.MustMarshalJSON(&ns)
	var rg rewardstypes.GenesisState
	cdc.MustUnmarshalJSON(gen[rewardstypes.ModuleName], &rg)
	rg.Params.PayoutPeriod = period
	rg.Params.BasePay = sdkmath.NewInt(basePay)
	rg.Params.ProfitCap = sdkmath.LegacyMustNewDecFromStr("1.25")
	rg.Params.VariableCostPerUnit = sdkmath.LegacyZeroDec()
	rg.Params.BasePayBackstop = false
	gen[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&rg)
}

// asGov runs an authority message as x/gov would after a passed proposal.
func (e *env) asGov(msg sdk.Msg) (*sdk.Result, error) {
	return e.app().MsgServiceRouter().Handler(msg)(e.xmtp.GetContext(), msg)
}

// govAddr is the x/gov module account, the authority.
func govAddr() string { return authtypes.NewModuleAddress(govtypes.ModuleName).String() }

// registerOperators issues NFTs to n accounts of the xmtpd chain (they hold
// uxmtp from the testing package's genesis) and registers them with min_stake.
func (e *env) registerOperators(n int) []sdk.AccAddress {
	e.t.Helper()
	var owners []sdk.AccAddress
	ctx := e.xmtp.GetContext()
	ms := nskeeper.NewMsgServerImpl(e.app().NodeSelectionKeeper)
	for i := 1; i <= n; i++ {
		owner := e.xmtp.SenderAccounts[i].SenderAccount.GetAddress()
		res, err := ms.IssueOperatorNFT(ctx, &nstypes.MsgIssueOperatorNFT{Authority: govAddr(), Recipient: owner.String()})
		require.NoError(e.t, err)
		// a node key with its proof: require_node_key (the default) seats only keyed operators
		nodeID, err := nstypes.NodeIDFromNFT(res.NftId)
		require.NoError(e.t, err)
		key, proof, err := nstypes.SignNodeKeyProof(apptesting.NodeKey(owner), ctx.ChainID(), owner.String(), nodeID)
		require.NoError(e.t, err)
		_, err = ms.RegisterOperator(ctx, &nstypes.MsgRegisterOperator{Owner: owner.String(), NftId: res.NftId,
			Stake: sdk.NewInt64Coin(app.BondDenom, minStake), Endpoint: "https://op.example.com", Region: "SK",
			SigningPublicKey: key, KeyProof: proof})
		require.NoError(e.t, err)
		owners = append(owners, owner)
	}
	e.xmtp.NextBlock()
	return owners
}

// activeSet is x/nodeselection's ActiveSet.
func (e *env) activeSet() *nstypes.QueryActiveSetResponse {
	res, err := nskeeper.NewQuerier(e.app().NodeSelectionKeeper).ActiveSet(e.xmtp.GetContext(), &nstypes.QueryActiveSetRequest{})
	require.NoError(e.t, err)
	return res
}

// nextBoundary moves the clock to the next cycle boundary and makes a block.
func (e *env) nextBoundary() uint64 {
	e.t.Helper()
	as := e.activeSet()
	e.coord.SetTime(as.NextBoundary)
	e.xmtp.NextBlock()
	e.coord.IncrementTime()
	e.xmtp.NextBlock()
	next := e.activeSet().Cycle
	require.Greater(e.t, next, as.Cycle)
	return next
}

func TestFundingBecomesBudgetAndIsPaidOut(t *testing.T) {
	// ARRANGE: two operators serving, the pool empty.
	e := newEnv(t, minted, withShortCycles)
	owners := e.registerOperators(2)
	for i := 0; len(e.activeSet().Current) < 2; i++ {
		require.Less(t, i, 10, "two registered operators not seated within 10 boundaries")
		e.nextBoundary()
	}
	// Their first cycle, 5s old: no arrears, no earlier costs in the period.
	served := e.activeSet().Cycle
	const amount = 1_000_000_000

	// ACT 1: fund the pool over IBC during the cycle.
	packet := e.send(usdc, amount, e.rewardsAddr().String(), rewardstypes.FundingMemo)
	_, ack, err := e.path.RelayPacketWithResults(packet)
	require.NoError(t, err)
	require.True(t, ackOK(t, ack))
	require.Equal(t, served, e.activeSet().Cycle, "the relay ended within the cycle")
	e.invariants()

	// ASSERT 1: at the boundary the pool becomes the cycle's budget.
	e.nextBoundary()
	ctx := e.xmtp.GetContext()
	budget, err := e.app().RewardsKeeper.Budgets.Get(ctx, served)
	require.NoError(t, err)
	require.Equal(t, sdkmath.NewInt(amount), budget)
	require.True(t, e.pool().IsZero())
	e.invariants()

	// ACT 2 / ASSERT 2: one boundary later the cycle is settled: SPEC 5.2 by hand.
	e.nextBoundary()
	ctx = e.xmtp.GetContext()
	rec, err := e.app().RewardsKeeper.CycleRecords.Get(ctx, served)
	require.NoError(t, err)
	require.Equal(t, cycle, rec.Duration)
	k := int64(len(owners))
	fixed := sdkmath.NewInt(basePay).MulRaw(int64(cycle)).QuoRaw(int64(period)) // floor(base_pay * D / P)
	rest := sdkmath.NewInt(amount).Sub(fixed.MulRaw(k))                         // B
	b := rest.QuoRaw(k)                                                         // floor(B / K)
	headroom := sdkmath.LegacyMustNewDecFromStr("1.25").MulInt(fixed).TruncateInt().Sub(fixed)
	bonus := sdkmath.MinInt(b, headroom)
	want := fixed.Add(bonus)
	credited := map[string]sdkmath.Int{}
	for _, m := range rec.Members {
		credited[m.Owner] = m.Credited
	}
	require.Len(t, credited, len(owners))
	for _, o := range owners {
		require.Equal(t, want.String(), credited[o.String()].String(), "credited to %s", o)
	}
	e.invariants()

	// ACT 3: run to the payout at the period end.
	for i := 0; i < 4 && e.xmtpBalance(owners[0]).IsZero(); i++ {
		e.nextBoundary()
	}

	// ASSERT 3: each operator's balance holds its pay to the micro-unit.
	for _, o := range owners {
		require.Equal(t, want, e.xmtpBalance(o), "paid to %s", o)
	}
	e.invariants()
}
