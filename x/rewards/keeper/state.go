package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// GetParams returns the params.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

func (k *Keeper) getProgress(ctx context.Context) (types.ProgressState, error) {
	p, err := k.Progress.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ProgressState{}, nil
	}
	return p, err
}

func (k *Keeper) getUnassigned(ctx context.Context) (math.Int, error) {
	v, err := k.UnassignedPool.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return v, err
}

func (k *Keeper) addUnassigned(ctx context.Context, amt math.Int) error {
	cur, err := k.getUnassigned(ctx)
	if err != nil {
		return err
	}
	return k.UnassignedPool.Set(ctx, cur.Add(amt))
}

// getAccount returns an operator's account, zero when it has none.
func (k *Keeper) getAccount(ctx context.Context, owner sdk.AccAddress) (types.OperatorAccount, error) {
	a, err := k.Accounts.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		z := math.ZeroInt()
		return types.OperatorAccount{Owner: owner.String(), Payable: z, Arrears: z, PeriodCosts: z, PeriodEarnings: z}, nil
	}
	return a, err
}

// setAccount stores an account, or deletes it when everything in it is zero,
// and keeps the Creditors index (arrears_since, owner) in step.
func (k *Keeper) setAccount(ctx context.Context, owner sdk.AccAddress, a types.OperatorAccount) error {
	old, err := k.Accounts.Get(ctx, owner)
	if err == nil && old.Arrears.IsPositive() {
		if err := k.Creditors.Remove(ctx, collections.Join(old.ArrearsSince, owner)); err != nil {
			return err
		}
	} else if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if a.Arrears.IsPositive() {
		if err := k.Creditors.Set(ctx, collections.Join(a.ArrearsSince, owner)); err != nil {
			return err
		}
	}
	if a.Payable.IsZero() && a.Arrears.IsZero() && a.PeriodCosts.IsZero() && a.PeriodEarnings.IsZero() {
		return k.Accounts.Remove(ctx, owner)
	}
	return k.Accounts.Set(ctx, owner, a)
}
