package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

type cycleRecord struct {
	Cycle          string `json:"cycle"`
	Budget         string `json:"budget"`
	TotalCapExcess string `json:"total_cap_excess"`
	Params         struct {
		ProfitCap string `json:"profit_cap"`
	} `json:"params"`
	Members []struct {
		Owner               string `json:"owner"`
		Bonus               string `json:"bonus"`
		PeriodCostsAfter    string `json:"period_costs_after"`
		PeriodEarningsAfter string `json:"period_earnings_after"`
	} `json:"members"`
}

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 10)
	require.True(t, ok, "not an integer: %q", s)
	return n
}

// requireCap checks the profit cap (docs/protocol.md#allocation-v1, step 6) with a cap of 1.1 on every member of a
// record: a member is paid a bonus only up to floor(1.1 * C) of earnings in
// the period (earnings accrued under an earlier, higher cap may stand above it,
// and then the bonus is zero).
func requireCap(t *testing.T, rec cycleRecord) {
	t.Helper()
	require.NotEmpty(t, rec.Members)
	for _, m := range rec.Members {
		c := bigInt(t, m.PeriodCostsAfter)
		bound := new(big.Int).Quo(new(big.Int).Mul(c, big.NewInt(11)), big.NewInt(10))
		bonus := bigInt(t, m.Bonus)
		before := new(big.Int).Sub(bigInt(t, m.PeriodEarningsAfter), bonus)
		headroom := new(big.Int).Sub(bound, before)
		if headroom.Sign() < 0 {
			headroom.SetInt64(0)
		}
		require.True(t, bonus.Cmp(headroom) <= 0, fmt.Sprintf(
			"cycle %s member %s: bonus %s above the 1.1x headroom %s (C %s, E before bonus %s)",
			rec.Cycle, m.Owner, bonus, headroom, c, before))
	}
}

// TestGovernanceRewardsParams: a MsgUpdateParams proposal for x/rewards is
// submitted with the CLI, SimulateProposal shows its effect before the vote,
// the validator votes, the param changes and the next cycle record carries it.
func TestGovernanceRewardsParams(t *testing.T) {
	// ARRANGE: x/gov owns the parameters (no admin authority), 10s cycles.
	c := startChain(t, "--operators", "3", "--cycle-duration", "10s", "--voting-period", "15s",
		"--payout-period", "600s", "--admin-authority=false")
	c.tx("payer", "rewards", "fund-reward-pool", "2000000000uusdc")

	var gov struct {
		Account struct {
			Value struct {
				Address string `json:"address"`
			} `json:"value"`
		} `json:"account"`
	}
	c.queryJSON(&gov, "auth", "module-account", "gov")
	govAddr := gov.Account.Value.Address
	require.NotEmpty(t, govAddr)

	// A funded pool gives the next settlement a bonus to cap.
	c.waitFor("a budget awaiting settlement", 40, func() bool {
		var pool struct {
			Budgets []struct {
				Amount string `json:"amount"`
			} `json:"budgets"`
		}
		c.queryJSON(&pool, "rewards", "pool")
		return len(pool.Budgets) > 0 && pool.Budgets[0].Amount != "0"
	})

	proposal := map[string]any{
		"messages": []any{map[string]any{
			"@type":     "/xmtp.rewards.v1.MsgUpdateParams",
			"authority": govAddr,
			"params": map[string]any{
				"reward_denom":            "uusdc",
				"base_pay":                "1000000000",
				"variable_cost_per_unit":  "0.000000000000000000",
				"profit_cap":              "1.100000000000000000",
				"payout_period":           "600s",
				"base_pay_backstop":       true,
				"record_retention":        "63072000s",
				"max_prune_per_block":     50,
				"max_work_units":          "1000000",
				"max_creditors_per_cycle": 50,
				"algorithm_version":       2,
				"max_payouts_per_block":   100,
			},
		}},
		"deposit": "10000000uxmtp",
		"title":   "Lower the profit cap to 1.1x",
		"summary": "Operators keep at most 110% of their costs per payout period.",
	}
	bz, err := json.Marshal(proposal)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "proposal.json")
	require.NoError(t, os.WriteFile(file, bz, 0o600))

	// ACT 1: submit, then look at the predicted effect before voting.
	c.tx("validator", "gov", "submit-proposal", file)
	var sim struct {
		Current  cycleRecord `json:"current"`
		Proposed cycleRecord `json:"proposed"`
	}
	c.queryJSON(&sim, "rewards", "simulate-proposal", "1")

	// ASSERT 1: the simulation uses the proposed cap and no member earns above it.
	require.Equal(t, "1.250000000000000000", sim.Current.Params.ProfitCap)
	require.Equal(t, "1.100000000000000000", sim.Proposed.Params.ProfitCap)
	requireCap(t, sim.Proposed)
	require.True(t, bigInt(t, sim.Proposed.TotalCapExcess).Cmp(bigInt(t, sim.Current.TotalCapExcess)) > 0,
		"a lower cap must send more to the treasury: %s vs %s", sim.Proposed.TotalCapExcess, sim.Current.TotalCapExcess)

	// ACT 2: the validator votes yes; the proposal passes after the voting period.
	c.tx("validator", "gov", "vote", "1", "yes")
	c.waitFor("proposal 1 to pass", 60, func() bool {
		var p struct {
			Proposal struct {
				Status string `json:"status"`
			} `json:"proposal"`
		}
		c.queryJSON(&p, "gov", "proposal", "1")
		require.NotEqual(t, "PROPOSAL_STATUS_FAILED", p.Proposal.Status)
		require.NotEqual(t, "PROPOSAL_STATUS_REJECTED", p.Proposal.Status)
		return p.Proposal.Status == "PROPOSAL_STATUS_PASSED"
	})

	// ASSERT 2: the param changed, and the next cycle record carries it and obeys it.
	var params struct {
		Params struct {
			ProfitCap string `json:"profit_cap"`
		} `json:"params"`
	}
	c.queryJSON(&params, "rewards", "params")
	require.Equal(t, "1.100000000000000000", params.Params.ProfitCap)
	c.tx("payer", "rewards", "fund-reward-pool", "2000000000uusdc")

	var rec cycleRecord
	c.waitFor("a funded cycle settled under the new cap", 90, func() bool {
		var recs struct {
			Records []cycleRecord `json:"records"`
		}
		c.queryJSON(&recs, "rewards", "cycle-records", "--page-reverse", "--page-limit", "1")
		if len(recs.Records) == 0 {
			return false
		}
		rec = recs.Records[0]
		return rec.Params.ProfitCap == "1.100000000000000000" && rec.Budget != "" && rec.Budget != "0"
	})
	requireCap(t, rec)
	require.NotEqual(t, "0", rec.TotalCapExcess, "a funded pool above the cap sends excess to the treasury")
}
