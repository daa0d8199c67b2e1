package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// auditFixture settles cycles 0 and 1 of three operators with attested
// performance, work units priced by variable_cost_per_unit, a running
// penalty of op2 and a backstop draw in cycle 1.
func auditFixture(t *testing.T) (*fixture, []sdk.AccAddress) {
	f := newFixture(t)
	ops := f.operators(4) // op3 never serves
	p := types.DefaultParams()
	p.VariableCostPerUnit = math.LegacyMustNewDecFromStr("2")
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.ns.params.PenaltyWindow = 90 * 24 * time.Hour
	f.ns.params.WithholdBps = []uint32{3000, 6000, 9000}
	f.ns.perf = map[uint64]map[string]nstypes.Performance{}
	for c := uint64(0); c < 2; c++ {
		f.ns.perf[c] = map[string]nstypes.Performance{}
		for j, op := range ops[:3] {
			f.ns.perf[c][op.String()] = nstypes.Performance{Cycle: c, Operator: op.String(), UptimeBps: 9000 + uint32(j), WorkUnits: 1000 * uint64(j+1), Attested: true}
		}
	}
	op2 := f.ns.operators[ops[2].String()]
	op2.Penalty = nstypes.PenaltyState{Violations: 1, WindowEnd: genesisTime.Add(90 * 24 * time.Hour), WithholdBps: 3000}
	f.ns.operators[ops[2].String()] = op2
	f.ns.violations = map[string][]nstypes.Violation{ops[2].String(): {{Id: 0, Owner: ops[2].String(), Time: genesisTime, PenaltyCount: 1}}}
	f.setEcosystem(100_000_000)

	f.fund(100_000_000)
	f.end(0, 1, ops[:3]...)
	f.fund(10_000_000) // budget(1) below base pay: backstop drawn
	f.end(1, 1, ops[:3]...)
	f.end(2, 1, ops[:3]...)
	return f, ops
}

func check(res *types.QueryAuditResponse, name string) types.AuditCheck {
	for _, c := range res.Checks {
		if c.Name == name {
			return c
		}
	}
	return types.AuditCheck{}
}

func TestAuditThreeChecksClean(t *testing.T) {
	// ARRANGE
	f, _ := auditFixture(t)

	for _, c := range []uint64{0, 1} {
		// ACT
		res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: c})

		// ASSERT
		require.NoError(t, err)
		require.Len(t, res.Checks, 3)
		require.True(t, res.Match, "cycle %d: %v", c, res.Differences)
	}
	rec, err := f.k.CycleRecords.Get(f.ctx, 1)
	require.NoError(t, err)
	require.True(t, rec.Backstop.IsPositive(), "cycle 1 drew the backstop")
	require.Equal(t, uint32(3000), rec.Members[2].WithholdBps)
	require.Equal(t, uint64(2000), rec.Members[1].WorkUnits)
}

// TestAuditCatchesTamperedInputs alters one input of a stored record and
// recomputes its outputs from the altered inputs, so recompute agrees; the
// provenance or continuity check must still name the field.
func TestAuditCatchesTamperedInputs(t *testing.T) {
	other := addr("op3").String()
	tests := []struct {
		name   string
		mutate func(*types.CycleRecord)
		check  string
		field  string
	}{
		{"uptime", func(r *types.CycleRecord) { r.Members[0].UptimeBps = 10000 }, keeper.CheckProvenance, "members[0].uptime_bps"},
		{"work units", func(r *types.CycleRecord) { r.Members[1].WorkUnits *= 100 }, keeper.CheckProvenance, "members[1].work_units"},
		{"withhold_bps", func(r *types.CycleRecord) { r.Members[2].WithholdBps = 0 }, keeper.CheckProvenance, "members[2].withhold_bps"},
		{"budget", func(r *types.CycleRecord) { r.Budget = r.Budget.AddRaw(5_000_000) }, keeper.CheckProvenance, "budget"},
		{"backstop", func(r *types.CycleRecord) { r.Backstop = r.Backstop.SubRaw(1) }, keeper.CheckProvenance, "backstop"},
		{"member swapped", func(r *types.CycleRecord) { r.Members[0].Owner = other }, keeper.CheckProvenance, "members[0].owner"},
		{"tracker C_i", func(r *types.CycleRecord) { r.Members[1].PeriodCostsBefore = r.Members[1].PeriodCostsBefore.AddRaw(7) }, keeper.CheckContinuity, "members[1].period_costs_before"},
		{"tracker E_i", func(r *types.CycleRecord) { r.Members[0].PeriodEarningsBefore = math.ZeroInt() }, keeper.CheckContinuity, "members[0].period_earnings_before"},
		{"arrears", func(r *types.CycleRecord) { r.Members[0].ArrearsBefore = math.NewInt(1) }, keeper.CheckContinuity, "members[0].arrears_before"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f, _ := auditFixture(t)
			rec, err := f.k.CycleRecords.Get(f.ctx, 1)
			require.NoError(t, err)
			tc.mutate(&rec)
			in := rec.Input()
			out, err := types.Allocate(in)
			require.NoError(t, err)
			require.NoError(t, f.k.CycleRecords.Set(f.ctx, 1, types.NewCycleRecord(rec.Meta(), in, out)))

			// ACT
			res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 1})

			// ASSERT
			require.NoError(t, err)
			require.False(t, res.Match)
			require.True(t, check(res, keeper.CheckRecompute).Match, "outputs agree with the altered inputs")
			c := check(res, tc.check)
			require.False(t, c.Match)
			var fields []string
			for _, d := range c.Differences {
				fields = append(fields, d.Field)
				require.NotEmpty(t, d.Source)
			}
			require.Contains(t, fields, tc.field)
		})
	}
}
