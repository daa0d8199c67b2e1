package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestParseFundingMemo(t *testing.T) {
	for _, tc := range []struct {
		memo  string
		wants bool
		bad   bool
	}{
		{types.FundingMemo, true, false},
		{` { "xmtp" : { "fund_reward_pool" : { } } } `, true, false},
		{"", false, false},
		{"thanks for the service", false, false},
		{`{"forward":{"receiver":"x"}}`, false, false},
		{`{"xmtp":{"fund_reward_pool":{"amount":"1"}}}`, false, true},
		{`{"xmtp":{"fund_reward_pool":null}}`, false, true},
		{`{"xmtp":{"fund_reward_pool":[]}}`, false, true},
		{`{"xmtp":{}}`, false, true},
		{`{"xmtp":null}`, false, true},
		{`{"xmtp":{"fund_reward_pool":{},"x":{}}}`, false, true},
		{`{"xmtp":{"fund_reward_pool":{}},"memo":"hi"}`, false, true},
		{`{"xmtp":{"fund_reward_pool":{}}`, false, true},
	} {
		wants, err := types.ParseFundingMemo(tc.memo)
		require.Equal(t, tc.wants, wants, tc.memo)
		if tc.bad {
			require.ErrorIs(t, err, types.ErrFundingMemo, tc.memo)
		} else {
			require.NoError(t, err, tc.memo)
		}
	}
}

func TestParamsFundingChannelsAndIBCDenom(t *testing.T) {
	ok := types.DefaultParams()
	ok.RewardDenom = "ibc/" + strings.Repeat("AB", 32)
	ok.FundingChannels = []string{"channel-0", "channel-12"}
	require.NoError(t, ok.Validate())

	for name, edit := range map[string]func(*types.Params){
		"short ibc hash":   func(p *types.Params) { p.RewardDenom = "ibc/ABCD" },
		"non-hex ibc hash": func(p *types.Params) { p.RewardDenom = "ibc/" + strings.Repeat("ZZ", 32) },
		// Vouchers are written ibc/<UPPER-CASE HEX>: any other spelling is a
		// denom no transfer mints, so every funding transfer would be refused.
		"lower-case ibc hash": func(p *types.Params) { p.RewardDenom = "ibc/" + strings.Repeat("ab", 32) },
		"mixed-case ibc hash": func(p *types.Params) { p.RewardDenom = "ibc/" + strings.Repeat("aB", 32) },
		"upper-case prefix":   func(p *types.Params) { p.RewardDenom = "IBC/" + strings.Repeat("AB", 32) },
		"mixed-case prefix":   func(p *types.Params) { p.RewardDenom = "Ibc/" + strings.Repeat("AB", 32) },
		"not a channel id":    func(p *types.Params) { p.FundingChannels = []string{"connection-0"} },
		"duplicate channel":   func(p *types.Params) { p.FundingChannels = []string{"channel-0", "channel-0"} },
	} {
		p := ok
		edit(&p)
		err := p.Validate()
		require.ErrorIs(t, err, types.ErrInvalidParams, name)
		if strings.Contains(name, "ibc") || strings.Contains(name, "prefix") {
			require.ErrorContains(t, err, "reward_denom", name)
		}
	}
}
