package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestGenesisExportImportRoundTrip(t *testing.T) {
	// ARRANGE: a running chain with pool, budgets, payables, arrears, records,
	// a payout with a failed transfer (payee carried) and trackers.
	f := newFixture(t)
	ops := f.operators(2)
	op := f.ns.operators[ops[1].String()]
	op.PayoutAddress = authtypes.NewModuleAddress(govName).String()
	f.ns.operators[ops[1].String()] = op
	for c := uint64(0); c < 62; c++ {
		if c%3 != 0 {
			f.fund(40_000_000)
		}
		f.end(c, 1, ops...)
	}
	f.fund(1_234_567)
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, exported.Budgets)
	require.NotEmpty(t, exported.PayeesByPeriod)
	require.NotEmpty(t, exported.BudgetRecords)
	require.NotEmpty(t, exported.Payouts)
	require.Equal(t, int64(1_234_567), exported.UnassignedPool.Int64())
	require.NoError(t, exported.Validate())

	// ACT: import into a fresh chain and export again.
	g := newFixture(t)
	g.ns.records, g.ns.operators, g.tr.spends = f.ns.records, f.ns.operators, f.tr.spends // the other modules' state
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)

	// ASSERT
	require.Equal(t, f.enc.Codec.MustMarshalJSON(exported), g.enc.Codec.MustMarshalJSON(again))
	res, err := g.q.Audit(g.ctx, &types.QueryAuditRequest{Cycle: 10})
	require.NoError(t, err)
	require.True(t, res.Match)
}

func TestGenesisValidateRejectsBadState(t *testing.T) {
	gs := types.DefaultGenesisState()
	gs.Budgets = []types.Budget{{Cycle: 1, Amount: gs.UnassignedPool}, {Cycle: 1, Amount: gs.UnassignedPool}}
	require.ErrorContains(t, gs.Validate(), "budget of cycle 1 appears twice")

	gs = types.DefaultGenesisState()
	gs.Params.ProfitCap = gs.Params.ProfitCap.QuoInt64(2)
	require.ErrorContains(t, gs.Validate(), "profit_cap")
}
