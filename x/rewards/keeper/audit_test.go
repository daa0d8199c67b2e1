package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestAuditDetectsTampering(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(2)
	for c := uint64(0); c < 4; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops...)
	}
	rec, err := f.k.CycleRecords.Get(f.ctx, 1)
	require.NoError(t, err)
	rec.Members[1].Credited = rec.Members[1].Credited.AddRaw(1)
	require.NoError(t, f.k.CycleRecords.Set(f.ctx, 1, rec))

	// ACT
	bad, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 1})
	require.NoError(t, err)
	good, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 2})
	require.NoError(t, err)

	// ASSERT
	require.False(t, bad.Match)
	// Cycle 1 is the 2nd of the period: cap floor(1.25 * 33333332) = 41666665,
	// E before bonus 20833332 + 16666666 = 37499998, so 16666666 + 4166667 = 20833333.
	require.Equal(t, []types.FieldDiff{{Field: "members[1].credited", Stored: "20833334", Recomputed: "20833333", Source: "Allocate v2 on the stored inputs"}}, bad.Differences)
	require.True(t, good.Match)
	_, err = f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 3})
	require.ErrorIs(t, err, types.ErrRecordNotFound, "cycle 3 is not settled yet")
}

func TestAuditDetectsTamperedInputs(t *testing.T) {
	// ARRANGE: a budget changed after the fact no longer reproduces the outputs.
	f := newFixture(t)
	ops := f.operators(1)
	f.fund(100_000_000)
	f.end(0, 1, ops...)
	f.end(1, 1, ops...)
	rec, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	rec.Budget = rec.Budget.AddRaw(10)
	require.NoError(t, f.k.CycleRecords.Set(f.ctx, 0, rec))

	// ACT
	res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 0})

	// ASSERT
	require.NoError(t, err)
	require.False(t, res.Match)
	require.Equal(t, "total_cap_excess", res.Differences[0].Field)
}

func TestSimulateNextEqualsSettlement(t *testing.T) {
	// ARRANGE: attestations with work units (priced at 3 per unit) are pending
	// for cycle 0; op2 is seen at uptime 0, so it is predicted to be withheld.
	f := newFixture(t)
	ops := f.operators(3)
	p := types.DefaultParams()
	p.VariableCostPerUnit = math.LegacyNewDec(3)
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.ns.params.MinUptimeBps, f.ns.params.PenaltyWindow = 9500, 90*24*time.Hour
	f.ns.params.WithholdBps = []uint32{3000, 6000, 9000}
	f.fund(77_777_777)
	f.end(0, 1, ops...)
	var atts []nstypes.Attestation
	for i, a := range ops[:2] {
		var obs []nstypes.Observation
		for j, o := range ops {
			u := uint32(10000)
			if j == 2 {
				u = 0
			}
			obs = append(obs, nstypes.Observation{Operator: o.String(), UptimeBps: u, WorkUnits: uint64(100 * (i + j + 1))})
		}
		atts = append(atts, nstypes.Attestation{Cycle: 0, Attester: a.String(), Observations: obs})
	}
	zero := uint64(0)
	f.ns.pending, f.ns.atts = &zero, atts
	sim, err := f.q.Simulate(f.ctx, &types.QuerySimulateRequest{})
	require.NoError(t, err)

	// ACT: x/nodeselection settles the attestations (records and the violation), then the boundary.
	res := nstypes.SettlePerformance(0, []string{ops[0].String(), ops[1].String(), ops[2].String()}, atts, 9500)
	f.ns.perf = map[uint64]map[string]nstypes.Performance{0: {}}
	for _, r := range res.Records {
		f.ns.perf[0][r.Operator] = r
	}
	require.Equal(t, []string{ops[2].String()}, res.Summary.Downtime)
	op2 := f.ns.operators[ops[2].String()]
	op2.Penalty = nstypes.NextPenalty(op2.Penalty, f.cycleStart(1).Add(cycleLen), f.ns.params)
	f.ns.operators[ops[2].String()] = op2
	f.ns.pending = nil
	f.end(1, 1, ops...)

	// ASSERT: the prediction is exactly what was settled, and it priced work and withheld.
	require.Equal(t, uint32(2), sim.AttestedMembers)
	rec, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.True(t, rec.Members[2].Withheld.IsPositive())
	require.True(t, rec.Members[0].Variable.IsPositive())
	rec.SettledAt, rec.SettledHeight = time.Time{}, 0 // the settlement block is not known in advance
	require.Equal(t, f.enc.Codec.MustMarshalJSON(&rec), f.enc.Codec.MustMarshalJSON(&sim.Result))
}

func TestSimulateStoredCycleWithOtherParams(t *testing.T) {
	// ARRANGE: cycle 0, one member, 100 USDC.
	f := newFixture(t)
	ops := f.operators(1)
	f.fund(100_000_000)
	f.end(0, 1, ops...)
	f.end(1, 1, ops...)
	p := types.DefaultParams()
	p.ProfitCap = math.LegacyMustNewDecFromStr("2")

	// ACT
	res, err := f.q.Simulate(f.ctx, &types.QuerySimulateRequest{Params: &p, Cycle: &types.CycleRef{Cycle: 0}})

	// ASSERT: cap 2 x 16666666 = 33333332 instead of 20833332.
	require.NoError(t, err)
	require.Equal(t, int64(33_333_332), res.Result.Members[0].Credited.Int64())
	stored, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, int64(20_833_332), stored.Members[0].Credited.Int64(), "simulation changes nothing")

	// ACT: a smaller budget for the same cycle, backstop assumed available.
	res, err = f.q.Simulate(f.ctx, &types.QuerySimulateRequest{Budget: "10000000", Cycle: &types.CycleRef{Cycle: 0}})
	require.NoError(t, err)
	require.Equal(t, int64(6_666_666), res.Result.Backstop.Int64())
	require.Equal(t, int64(16_666_666), res.Result.Members[0].Credited.Int64())

	_, err = f.q.Simulate(f.ctx, &types.QuerySimulateRequest{Budget: "-1"})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
}

func TestSimulateProposal(t *testing.T) {
	// ARRANGE: a pending proposal doubling base pay.
	f := newFixture(t)
	ops := f.operators(2)
	f.fund(100_000_000)
	f.end(0, 1, ops...)
	p := types.DefaultParams()
	p.BasePay = math.NewInt(2_000_000_000)
	any, err := codectypes.NewAnyWithValue(&types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)
	// The same message nested in an authz MsgExec, in a second proposal.
	exec := authz.NewMsgExec(authtypes.NewModuleAddress(govName), []sdk.Msg{&types.MsgUpdateParams{Authority: f.authority, Params: p}})
	execAny, err := codectypes.NewAnyWithValue(&exec)
	require.NoError(t, err)
	voting := govv1.ProposalStatus_PROPOSAL_STATUS_VOTING_PERIOD
	f.gov.props[7] = govv1.Proposal{Id: 7, Messages: []*codectypes.Any{any}, Status: voting}
	f.gov.props[8] = govv1.Proposal{Id: 8, Status: voting}
	f.gov.props[10] = govv1.Proposal{Id: 10, Messages: []*codectypes.Any{any}, Status: govv1.ProposalStatus_PROPOSAL_STATUS_PASSED}
	f.gov.props[11] = govv1.Proposal{Id: 11, Messages: []*codectypes.Any{execAny}, Status: voting}

	// ACT
	res, err := f.q.SimulateProposal(f.ctx, &types.QuerySimulateProposalRequest{ProposalId: 7})

	// ASSERT: fixed 16666666 now, floor(2e9 * 12 / 720) = 33333333 proposed;
	// cap floor(1.25 * 33333333) = 41666666 each, 83333332 of 100000000.
	require.NoError(t, err)
	require.Equal(t, int64(16_666_666), res.Current.Members[0].Fixed.Int64())
	require.Equal(t, int64(33_333_333), res.Proposed.Members[0].Fixed.Int64())
	require.Equal(t, int64(83_333_332), res.Proposed.TotalCredited.Int64())
	_, err = f.q.SimulateProposal(f.ctx, &types.QuerySimulateProposalRequest{ProposalId: 8})
	require.ErrorIs(t, err, types.ErrInvalidProposal)
	_, err = f.q.SimulateProposal(f.ctx, &types.QuerySimulateProposalRequest{ProposalId: 10})
	require.ErrorContains(t, err, "only a proposal in its voting period")
	nested, err := f.q.SimulateProposal(f.ctx, &types.QuerySimulateProposalRequest{ProposalId: 11})
	require.NoError(t, err)
	require.Equal(t, int64(33_333_333), nested.Proposed.Members[0].Fixed.Int64(), "params nested in MsgExec")
	_, err = f.q.SimulateProposal(f.ctx, &types.QuerySimulateProposalRequest{ProposalId: 9})
	require.ErrorIs(t, err, types.ErrInvalidProposal)
}

func TestPruningIsOldestFirstAndBounded(t *testing.T) {
	// ARRANGE: 10 settled cycles, retention 24h, at most 3 per block.
	f := newFixture(t)
	ops := f.operators(1)
	p := types.DefaultParams()
	p.RecordRetention, p.MaxPrunePerBlock = 24*time.Hour, 3
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	for c := uint64(0); c <= 10; c++ {
		f.end(c, 1, ops...)
	}
	// Cycle c ends at genesis + (c+1)*12h and expires 24h later. At genesis + 132h
	// (end of cycle 10) cycles 0..8 are expired.

	// ACT
	require.NoError(t, f.k.BeginBlocker(f.ctx))

	// ASSERT: only the 3 oldest went.
	for c := uint64(0); c < 3; c++ {
		has, _ := f.k.CycleRecords.Has(f.ctx, c)
		require.False(t, has, "cycle %d pruned", c)
	}
	has, _ := f.k.CycleRecords.Has(f.ctx, 3)
	require.True(t, has)

	// ACT: two more blocks finish the expired ones and keep the rest.
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	require.NoError(t, f.k.BeginBlocker(f.ctx))

	// ASSERT
	for c := uint64(0); c <= 9; c++ {
		has, _ := f.k.CycleRecords.Has(f.ctx, c)
		require.Equal(t, c == 9, has, "cycle %d", c)
	}
}

func TestSimulateStoredCycleUnderTheOtherAlgorithm(t *testing.T) {
	// ARRANGE: cycle 0 settled under v2 with op0 owing 10000000 arrears from before
	// (budget 100000000, two members, default params).
	f := newFixture(t)
	ops := f.operators(2)
	acct := f.account(ops[0])
	acct.Arrears, acct.ArrearsSince = math.NewInt(10_000_000), 0
	require.NoError(t, f.k.Accounts.Set(f.ctx, ops[0], acct))
	f.fund(100_000_000)
	f.end(0, 1, ops...)
	f.end(1, 1, ops...)
	v1 := types.DefaultParams()
	v1.AlgorithmVersion = types.AlgorithmV1

	// ACT
	res, err := f.q.Simulate(f.ctx, &types.QuerySimulateRequest{Cycle: &types.CycleRef{Cycle: 0}, Params: &v1})

	// ASSERT: v2 paid op0 bonus 4166666 (arrears not in E_i); v1 counts the arrears in
	// E_i = 26666666 > cap floor(1.25 * 16666666) = 20833332, so bonus 0.
	require.NoError(t, err)
	stored, err := f.k.CycleRecords.Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, types.AlgorithmV2, stored.AlgorithmVersion)
	require.Equal(t, int64(4_166_666), stored.Members[0].Bonus.Int64())
	require.Equal(t, types.AlgorithmV1, res.Result.AlgorithmVersion)
	require.True(t, res.Result.Members[0].Bonus.IsZero())
}
