package dashboard

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// submitRewardsProposal submits a governance proposal raising profit_cap and
// returns its id; it stays in its voting period for the whole test.
func (c *chain) submitRewardsProposal(t *testing.T) string {
	t.Helper()
	var gov struct {
		Account struct {
			BaseAccount struct {
				Address string `json:"address"`
			} `json:"base_account"`
		} `json:"account"`
	}
	rest(t, c.api, "/cosmos/auth/v1beta1/module_accounts/gov", &gov)
	var rp struct {
		Params map[string]any `json:"params"`
	}
	rest(t, c.api, "/xmtp/rewards/v1/params", &rp)
	rp.Params["profit_cap"] = "2.000000000000000000"
	prop := map[string]any{
		"messages": []any{map[string]any{"@type": "/xmtp.rewards.v1.MsgUpdateParams",
			"authority": gov.Account.BaseAccount.Address, "params": rp.Params}},
		"deposit": "10000000uxmtp", "title": "Raise the profit cap", "summary": "dashboard test", "metadata": "",
	}
	bz, err := json.Marshal(prop)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "proposal.json")
	require.NoError(t, os.WriteFile(file, bz, 0o644))
	c.node.Tx(t, c.node.Home, "admin", "gov", "submit-proposal", file)
	var props struct {
		Proposals []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"proposals"`
	}
	rest(t, c.api, "/cosmos/gov/v1/proposals?proposal_status=PROPOSAL_STATUS_VOTING_PERIOD", &props)
	require.Len(t, props.Proposals, 1, "the proposal entered its voting period")
	return props.Proposals[0].ID
}
