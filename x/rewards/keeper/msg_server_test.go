package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestFundRewardPoolRejectsBadInput(t *testing.T) {
	f := newFixture(t)
	payer := addr("payer")
	f.mint(payer, 10_000_000)
	cases := map[string]struct {
		coin sdk.Coin
		err  error
		msg  string
	}{
		"other denom":     {sdk.Coin{Denom: "uxmtp", Amount: math.NewInt(5)}, types.ErrInvalidDenom, `denom "uxmtp" is not the reward denom uusdc`},
		"zero amount":     {sdk.Coin{Denom: usdc, Amount: math.ZeroInt()}, types.ErrInvalidAmount, "must be positive"},
		"negative amount": {sdk.Coin{Denom: usdc, Amount: math.NewInt(-5)}, types.ErrInvalidAmount, "must be positive"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ACT
			_, err := f.msgs.FundRewardPool(f.ctx, &types.MsgFundRewardPool{Sender: payer.String(), Amount: tc.coin})

			// ASSERT: clear error, nothing moved.
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.msg)
			require.Equal(t, int64(10_000_000), f.balance(payer))
			require.Zero(t, f.moduleBalance())
			pool, err := f.q.Pool(f.ctx, &types.QueryPoolRequest{})
			require.NoError(t, err)
			require.True(t, pool.Unassigned.IsZero())
		})
	}
}

func TestFundRewardPool(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	payer := addr("payer")
	f.mint(payer, 10_000_000)

	// ACT
	_, err := f.msgs.FundRewardPool(f.ctx, &types.MsgFundRewardPool{Sender: payer.String(), Amount: sdk.NewInt64Coin(usdc, 4_000_000)})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, int64(6_000_000), f.balance(payer))
	pool, err := f.q.Pool(f.ctx, &types.QueryPoolRequest{})
	require.NoError(t, err)
	require.Equal(t, int64(4_000_000), pool.Unassigned.Int64())
	require.Equal(t, int64(4_000_000), pool.ModuleBalance.Int64())
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestUpdateParamsRejectsBadInput(t *testing.T) {
	f := newFixture(t)
	cases := map[string]struct {
		authority string
		mutate    func(*types.Params)
		msg       string
	}{
		"wrong authority":           {addr("mallory").String(), func(*types.Params) {}, "authority"},
		"payout period below cycle": {"", func(p *types.Params) { p.PayoutPeriod = time.Hour }, "payout_period 1h0m0s must be >= the nodeselection cycle_duration 12h0m0s"},
		"cap below 1":               {"", func(p *types.Params) { p.ProfitCap = math.LegacyMustNewDecFromStr("0.99") }, "profit_cap 0.990000000000000000 must be >= 1"},
		"negative base pay":         {"", func(p *types.Params) { p.BasePay = math.NewInt(-1) }, "base_pay -1 must be >= 0"},
		"invalid denom":             {"", func(p *types.Params) { p.RewardDenom = "1x" }, "reward_denom"},
		"denom without metadata":    {"", func(p *types.Params) { p.RewardDenom = "ueur" }, "reward_denom ueur has no bank metadata"},
		"zero prune bound":          {"", func(p *types.Params) { p.MaxPrunePerBlock = 0 }, "max_prune_per_block 0 must be >= 1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			p := types.DefaultParams()
			tc.mutate(&p)
			auth := tc.authority
			if auth == "" {
				auth = f.authority
			}

			// ACT
			_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: auth, Params: p})

			// ASSERT
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.msg)
			got, err := f.k.GetParams(f.ctx)
			require.NoError(t, err)
			require.Equal(t, types.DefaultParams(), got)
		})
	}
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	p := types.DefaultParams()
	p.ProfitCap = math.LegacyMustNewDecFromStr("1.5")

	// ACT
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.GetParams(f.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	require.Equal(t, "xmtp.rewards.v1.EventParamsUpdated", f.ctx.EventManager().Events()[len(f.ctx.EventManager().Events())-1].Type)
}
