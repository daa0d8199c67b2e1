package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func TestParamsValidate(t *testing.T) {
	cases := map[string]struct {
		mutate func(p *types.Params)
		want   string
	}{
		"defaults": {func(p *types.Params) {}, ""},
		"all to ecosystem": {func(p *types.Params) {
			*p = types.Params{EcosystemBps: 10000, BurnDenom: "uxmtp", RecordRetention: time.Second, MaxPrunePerBlock: 1}
		}, ""},
		"sum below 10000":       {func(p *types.Params) { p.EcosystemBps = 2999 }, "buyback_burn_bps + staking_rewards_bps + ecosystem_bps = 4000+3000+2999 = 9999, must be exactly 10000"},
		"sum above 10000":       {func(p *types.Params) { p.BuybackBurnBps = 4001 }, "= 10001, must be exactly 10000"},
		"buyback above 10000":   {func(p *types.Params) { p.BuybackBurnBps = 10001 }, "buyback_burn_bps 10001 must be <= 10000"},
		"staking above 10000":   {func(p *types.Params) { p.StakingRewardsBps = 20000 }, "staking_rewards_bps 20000 must be <= 10000"},
		"ecosystem above 10000": {func(p *types.Params) { p.EcosystemBps = 10001 }, "ecosystem_bps 10001 must be <= 10000"},
		"invalid burn_denom":    {func(p *types.Params) { p.BurnDenom = "X" }, `burn_denom "X" is not a valid denom`},
		"empty burn_denom":      {func(p *types.Params) { p.BurnDenom = "" }, "burn_denom"},
		"record_retention 0":    {func(p *types.Params) { p.RecordRetention = 0 }, "record_retention 0s must be at least 1s"},
		"max_prune_per_block 0": {func(p *types.Params) { p.MaxPrunePerBlock = 0 }, "max_prune_per_block 0 must be at least 1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			p := types.DefaultParams()
			tc.mutate(&p)

			// ACT
			err := p.Validate()

			// ASSERT
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestDefaultParamsMatchTheSpec(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, uint32(4000), p.BuybackBurnBps)
	require.Equal(t, uint32(3000), p.StakingRewardsBps)
	require.Equal(t, uint32(3000), p.EcosystemBps)
	require.True(t, p.StakersViaDistribution)
	require.Equal(t, "uxmtp", p.BurnDenom)
	require.Equal(t, 730*24*time.Hour, p.RecordRetention)
}

func TestSplitTotal(t *testing.T) {
	cases := []struct {
		total, buyback, staking, ecosystem int64
	}{
		{1001, 400, 300, 301},
		{1, 0, 0, 1},
		{3, 1, 0, 2},
		{10000, 4000, 3000, 3000},
		{0, 0, 0, 0},
	}
	for _, tc := range cases {
		// ARRANGE / ACT
		s := types.SplitTotal(math.NewInt(tc.total), types.DefaultParams())

		// ASSERT: floor for the first two, remainder to ecosystem, nothing lost.
		require.Equal(t, math.NewInt(tc.buyback).String(), s.BuybackBurn.String(), "total %d", tc.total)
		require.Equal(t, math.NewInt(tc.staking).String(), s.StakingRewards.String(), "total %d", tc.total)
		require.Equal(t, math.NewInt(tc.ecosystem).String(), s.Ecosystem.String(), "total %d", tc.total)
	}
}

func TestSplitTotalHugeAmountsDoNotOverflow(t *testing.T) {
	// ARRANGE: 10^30, far beyond int64.
	total, ok := math.NewIntFromString("1000000000000000000000000000001")
	require.True(t, ok)

	// ACT
	s := types.SplitTotal(total, types.DefaultParams())

	// ASSERT
	require.True(t, total.Equal(s.BuybackBurn.Add(s.StakingRewards).Add(s.Ecosystem)))
	require.Equal(t, "400000000000000000000000000000", s.BuybackBurn.String())
}
