package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestDefaultParamsValid(t *testing.T) {
	p := types.DefaultParams()
	require.NoError(t, p.Validate())
	require.Equal(t, 12*time.Hour, p.CycleDuration)
	require.Equal(t, "100000000000", p.MinStake.String())
	require.Equal(t, []uint32{3000, 6000, 9000}, p.WithholdBps)
}

func TestParamsValidateNamesTheField(t *testing.T) {
	cases := map[string]func(*types.Params){
		"cycle_duration":        func(p *types.Params) { p.CycleDuration = time.Millisecond },
		"active_set_size":       func(p *types.Params) { p.ActiveSetSize = 0 },
		"bond_denom":            func(p *types.Params) { p.BondDenom = "1" },
		"min_stake":             func(p *types.Params) { p.MinStake = p.MinStake.SubRaw(100000000000) },
		"strategy":              func(p *types.Params) { p.Strategy = types.STRATEGY_UNSPECIFIED },
		"record_retention":      func(p *types.Params) { p.RecordRetention = 0 },
		"credit_initial":        func(p *types.Params) { p.CreditInitial = p.CreditInitial.MulInt64(20) },
		"min_uptime_bps":        func(p *types.Params) { p.MinUptimeBps = 10001 },
		"non-decreasing":        func(p *types.Params) { p.WithholdBps = []uint32{3000, 2000, 9000} },
		"slash_bps":             func(p *types.Params) { p.SlashBps = 10001 },
		"slash_destination":     func(p *types.Params) { p.SlashDestination = 0 },
		"max_queue_scan":        func(p *types.Params) { p.MaxQueueScan = 0 },
		"max_matured_per_block": func(p *types.Params) { p.MaxMaturedPerBlock = 0 },
		"max_prune_per_block":   func(p *types.Params) { p.MaxPrunePerBlock = 0 },
	}
	for want, mutate := range cases {
		p := types.DefaultParams()
		mutate(&p)
		err := p.Validate()
		require.ErrorIs(t, err, types.ErrInvalidParams, want)
		require.Contains(t, err.Error(), want)
	}
	// credit_initial 0 would give every new operator weight 0 under WEIGHTED.
	zero := types.DefaultParams()
	zero.CreditInitial = zero.CreditInitial.MulInt64(0)
	require.ErrorContains(t, zero.Validate(), "credit_initial 0.000000000000000000 must be in (0, 1]")
	p := types.DefaultParams()
	p.MaxDailyTurnoverBps = 20000
	require.NoError(t, p.Validate(), "max_daily_turnover_bps has no upper bound")
}

func TestRotationBudget(t *testing.T) {
	require.Equal(t, uint32(1), types.RotationBudget(10, 2000, 12*time.Hour), "defaults: 1 per 12h = 20%/day")
	require.Equal(t, uint32(10), types.RotationBudget(10, 20000, 12*time.Hour), "full turnover")
	require.Equal(t, uint32(0), types.RotationBudget(10, 0, 12*time.Hour))
	require.Equal(t, uint32(1), types.RotationBudget(10, 2000, time.Minute), "floor of one seat")
	require.Equal(t, uint32(2), types.RotationBudget(10, 2000, 24*time.Hour))
	require.Equal(t, uint32(10), types.RotationBudget(10, 4294967295, 1000*time.Hour), "capped at K, no overflow")
}

func TestValidateEndpoint(t *testing.T) {
	for _, ok := range []string{"https://node.example.com", "https://node.example.com:5050", "https://10.0.0.1:443", "https://[::1]:8443", "https://a.io/"} {
		require.NoError(t, types.ValidateEndpoint(ok), ok)
	}
	for _, bad := range []string{"http://node.example.com", "https://", "node.example.com", "https://u:p@x.com", "https://x.com/path",
		"https://x.com?q=1", "https://x.com#f", "https://x.com:0", "https://-x.com", "grpc://x.com", "https://" + strings.Repeat("a", 250) + ".com"} {
		require.ErrorIs(t, types.ValidateEndpoint(bad), types.ErrInvalidEndpoint, bad)
	}
}

func TestRegions(t *testing.T) {
	name, ok := types.RegionName("SK")
	require.True(t, ok)
	require.Equal(t, "Slovakia", name)
	for _, code := range []string{"US", "DE", "SI", "AX", "SS", "ZW"} {
		require.NoError(t, types.ValidateRegion(code), code)
	}
	for _, code := range []string{"XX", "sk", "UK", "EU", "", "SVK", "XK"} {
		require.ErrorIs(t, types.ValidateRegion(code), types.ErrInvalidRegion, code)
	}
}
