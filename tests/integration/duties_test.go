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
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

const cycleLen = 12 * time.Hour

// costs of one member in one 12h cycle: floor(1000000000 * 12h / 720h).
const fixedPerCycle = 16_666_666

// attestAll has ops[0..2] attest cycle c: ops[3] at uptime 0, the others
// 10000 with work units w.
func attestAll(t *testing.T, ta *apptesting.TestApp, c uint64, w uint64) {
	ops := ta.Operators
	for i := 0; i < 3; i++ {
		var obs []nstypes.Observation
		for j, o := range ops {
			u := uint32(10000)
			if j == 3 {
				u = 0
			}
			obs = append(obs, nstypes.Observation{Operator: o.Addr.String(), UptimeBps: u, WorkUnits: w})
		}
		ta.MustDeliver(ops[i], time.Second, &nstypes.MsgSubmitAttestation{Signer: ops[i].Addr.String(), Cycle: c, Observations: obs})
	}
}

// Four operators serve every cycle; op4 is seen down in cycles 0..3. Its
// violations at the settlements of cycles 0, 1, 2, 3 withhold 30%, 60%, 90%,
// 90% of its 16666666 cost pay in those same settled cycles:
//
//	floor(16666666 * 3000 / 10000) = 4999999
//	floor(16666666 * 6000 / 10000) = 9999999
//	floor(16666666 * 9000 / 10000) = 14999999 (3rd and 4th)
//
// and the 4th slashes 10% of its 100000000000uxmtp bond (burned) and jails it.
func TestEscalationWithholdsAndSlashes(t *testing.T) {
	// ARRANGE: the pool pays exactly the four members' costs each cycle.
	ta := apptesting.Setup(t, apptesting.Config{Operators: 4, Accounts: 1})
	funder := ta.Accounts[0]
	t0 := ta.Time
	supply := ta.BankKeeper.GetSupply(ta.Ctx(), app.BondDenom).Amount

	// ACT
	for c := uint64(0); c < 4; c++ {
		ta.MustDeliver(funder, time.Second, &rewardstypes.MsgFundRewardPool{Sender: funder.Addr.String(),
			Amount: sdk.NewInt64Coin(app.RewardDenom, 4*fixedPerCycle)})
		ta.AdvanceTo(t0.Add(time.Duration(c+1)*cycleLen), cycleLen)
		attestAll(t, ta, c, 0)
	}
	ta.AdvanceTo(t0.Add(5*cycleLen), cycleLen) // settles cycle 3

	// ASSERT
	ctx := ta.Ctx()
	op4 := ta.Operators[3].Addr.String()
	for c, want := range []int64{4_999_999, 9_999_999, 14_999_999, 14_999_999} {
		rec, err := ta.RewardsKeeper.CycleRecords.Get(ctx, uint64(c))
		require.NoError(t, err, "cycle %d", c)
		for _, m := range rec.Members {
			if m.Owner == op4 {
				require.Equal(t, int64(0), int64(m.UptimeBps))
				require.Equal(t, want, m.Withheld.Int64(), "cycle %d", c)
				require.Equal(t, fixedPerCycle-want, m.Credited.Int64(), "cycle %d", c)
			} else {
				require.True(t, m.Withheld.IsZero(), "honest %s withheld in cycle %d", m.Owner, c)
				require.Equal(t, int64(fixedPerCycle), m.Credited.Int64())
			}
		}
	}
	op, err := ta.NodeSelectionKeeper.GetOperator(ctx, ta.Operators[3].Addr)
	require.NoError(t, err)
	require.Equal(t, nstypes.OPERATOR_STATUS_JAILED, op.Status)
	require.Equal(t, math.NewInt(90_000_000_000), op.Stake)
	require.Equal(t, supply.Sub(math.NewInt(10_000_000_000)), ta.BankKeeper.GetSupply(ctx, app.BondDenom).Amount)
	state, err := ta.NodeSelectionKeeper.GetCycleState(ctx)
	require.NoError(t, err)
	for _, m := range state.Current {
		require.NotEqual(t, op4, m.Owner, "jailed operator still serving")
	}
	require.NoError(t, ta.NodeSelectionKeeper.CheckInvariants(ctx))
	require.NoError(t, ta.RewardsKeeper.CheckInvariants(ctx))
	// the audit finds op4's violations through x/nodeselection's
	// violations-by-time index and replays them to the same withholding
	q := rewardskeeper.NewQueryServerImpl(ta.RewardsKeeper)
	for c := uint64(0); c < 4; c++ {
		res, err := q.Audit(ctx, &rewardstypes.QueryAuditRequest{Cycle: c})
		require.NoError(t, err)
		require.True(t, res.Match, "cycle %d: %v", c, res.Differences)
	}
}

// Attested work units set the variable costs: median work 300 at 2 uusdc per
// unit is var = 600 per member in the settled cycle record.
func TestAttestedWorkUnitsPayVariableCosts(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 4, Accounts: 1, EditGenesis: func(cdc codec.JSONCodec, state map[string]json.RawMessage) {
		var gs rewardstypes.GenesisState
		cdc.MustUnmarshalJSON(state[rewardstypes.ModuleName], &gs)
		gs.Params.VariableCostPerUnit = math.LegacyNewDec(2)
		state[rewardstypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}})
	t0 := ta.Time
	ta.AdvanceTo(t0.Add(cycleLen), cycleLen)
	attestAll(t, ta, 0, 300)

	// ACT
	ta.AdvanceTo(t0.Add(2*cycleLen), cycleLen)

	// ASSERT
	rec, err := ta.RewardsKeeper.CycleRecords.Get(ta.Ctx(), 0)
	require.NoError(t, err)
	for _, m := range rec.Members {
		require.Equal(t, uint64(300), m.WorkUnits, m.Owner)
		require.Equal(t, int64(600), m.Variable.Int64(), m.Owner)
	}
}

// With slash_destination TREASURY a 4th violation sends 10% of the bond
// (here of the unbonding entry of a deregistered operator) to x/treasury
// under category SLASH.
func TestSlashToTreasuryFromUnbonding(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2, EditGenesis: func(cdc codec.JSONCodec, state map[string]json.RawMessage) {
		var gs nstypes.GenesisState
		cdc.MustUnmarshalJSON(state[nstypes.ModuleName], &gs)
		gs.Params.SlashDestination = nstypes.SLASH_DESTINATION_TREASURY
		state[nstypes.ModuleName] = cdc.MustMarshalJSON(&gs)
	}})
	op := ta.Operators[1]
	ta.MustDeliver(op, time.Second, &nstypes.MsgDeregisterOperator{Owner: op.Addr.String()})
	record := &nstypes.MsgRecordViolation{Authority: ta.Admin.Addr.String(), Owner: op.Addr.String(),
		Kind: nstypes.VIOLATION_KIND_MISCONDUCT, Evidence: "test"}
	for i := 0; i < 3; i++ {
		ta.MustDeliver(ta.Admin, time.Second, record)
	}

	// ACT
	ta.MustDeliver(ta.Admin, time.Second, record)

	// ASSERT
	ctx := ta.Ctx()
	var slashed math.Int
	require.NoError(t, ta.TreasuryKeeper.Inflows.Walk(ctx, nil, func(_ uint64, in treasurytypes.Inflow) (bool, error) {
		for _, p := range in.Parts {
			if p.Category == treasurytypes.CATEGORY_SLASH {
				slashed = p.Amount
				require.Equal(t, app.BondDenom, in.Denom)
			}
		}
		return false, nil
	}))
	require.Equal(t, math.NewInt(10_000_000_000), slashed)
	u, err := ta.NodeSelectionKeeper.Unbondings().Indexes.Owner.MatchExact(ctx, op.Addr)
	require.NoError(t, err)
	keys, err := u.PrimaryKeys()
	require.NoError(t, err)
	entry, err := ta.NodeSelectionKeeper.Unbondings().Get(ctx, keys[0])
	require.NoError(t, err)
	require.Equal(t, math.NewInt(90_000_000_000), entry.Amount)
	require.NoError(t, ta.NodeSelectionKeeper.CheckInvariants(ctx))
	require.NoError(t, ta.TreasuryKeeper.CheckInvariants(ctx))
}
