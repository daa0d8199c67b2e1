package integration_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// The prediction made one block before a boundary equals, field by field, the
// record the boundary writes: attested work units priced at 2 uusdc per unit,
// a member seen down (a downtime violation recorded at that boundary) and the
// 30% withholding it causes, the bonus and the cap.
func TestPredictionOneBlockBeforeBoundaryEqualsSettlement(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 4, Accounts: 1, EditGenesis: func(cdc codec.JSONCodec, state map[string]json.RawMessage) {
		var gs rewardstypes.GenesisState
		cdc.MustUnmarshalJSON(state[rewardstypes.ModuleName], &gs)
		gs.Params.VariableCostPerUnit = math.LegacyNewDec(2)
		state[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}})
	t0 := ta.Time
	funder := ta.Accounts[0]
	ta.MustDeliver(funder, time.Second, &rewardstypes.MsgFundRewardPool{Sender: funder.Addr.String(),
		Amount: sdk.NewInt64Coin(app.RewardDenom, 8*fixedPerCycle)})
	ta.AdvanceTo(t0.Add(cycleLen), cycleLen) // cycle 0 ends: its budget is assigned, attestations open
	attestAll(t, ta, 0, 300)                 // ops[3] seen at uptime 0, the others 10000 with 300 units
	ta.AdvanceTo(t0.Add(2*cycleLen-time.Second), cycleLen)

	// ACT
	q := rewardskeeper.NewQueryServerImpl(ta.RewardsKeeper)
	pred, err := q.Simulate(ta.Ctx(), &rewardstypes.QuerySimulateRequest{})
	require.NoError(t, err)
	ta.NextBlock(time.Second) // the boundary: settles cycle 0

	// ASSERT
	require.True(t, pred.Provisional)
	require.Equal(t, uint32(4), pred.Members)
	require.Equal(t, uint32(3), pred.AttestedMembers)
	rec, err := ta.RewardsKeeper.CycleRecords.Get(ta.Ctx(), 0)
	require.NoError(t, err)
	withheld, work := false, false
	for _, m := range rec.Members {
		withheld = withheld || m.Withheld.IsPositive()
		work = work || m.WorkUnits > 0
	}
	require.True(t, withheld && work, "work units and withholding are in play: %+v", rec.Members)
	require.True(t, rec.Attested)
	rec.SettledAt, rec.SettledHeight = time.Time{}, 0 // the settlement block is not known in advance
	cdc := ta.AppCodec()
	require.JSONEq(t, string(cdc.MustMarshalJSON(&rec)), string(cdc.MustMarshalJSON(&pred.Result)))
	audit, err := q.Audit(ta.Ctx(), &rewardstypes.QueryAuditRequest{Cycle: 0})
	require.NoError(t, err)
	require.True(t, audit.Match, "%v", audit.Differences)
}
