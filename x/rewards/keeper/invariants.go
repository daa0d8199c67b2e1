package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// CheckInvariants verifies that the module account holds exactly
// Σ payable + unassigned pool + Σ budgets not yet settled, in reward_denom,
// and that the OwnerRecords index matches the stored cycle records.
func (k *Keeper) CheckInvariants(ctx context.Context) error {
	if err := k.checkOwnerRecords(ctx); err != nil {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	want, err := k.getUnassigned(ctx)
	if err != nil {
		return err
	}
	payable := math.ZeroInt()
	err = k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, a types.OperatorAccount) (bool, error) {
		payable = payable.Add(a.Payable)
		return false, nil
	})
	if err != nil {
		return err
	}
	budgets := math.ZeroInt()
	if err := k.Budgets.Walk(ctx, nil, func(_ uint64, b math.Int) (bool, error) {
		budgets = budgets.Add(b)
		return false, nil
	}); err != nil {
		return err
	}
	want = want.Add(payable).Add(budgets)
	have := k.bk.GetBalance(ctx, k.ak.GetModuleAddress(types.ModuleName), params.RewardDenom).Amount
	if !have.Equal(want) {
		return types.ErrInvariant.Wrapf("rewards module account holds %s%s, expected payable %s + pool %s + budgets %s = %s",
			have, params.RewardDenom, payable, want.Sub(payable).Sub(budgets), budgets, want)
	}
	return nil
}
