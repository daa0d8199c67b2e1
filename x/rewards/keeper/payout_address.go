package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// PayoutOwed reports whether owner's account holds money still to be paid
// out: a payable balance or arrears (a creditor is paid later).
func (k *Keeper) PayoutOwed(ctx context.Context, owner sdk.AccAddress) (bool, error) {
	a, err := k.Accounts.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return a.Payable.IsPositive() || a.Arrears.IsPositive(), nil
}

// SetPayoutAddress keeps payout as the address of owner's account, called by
// x/nodeselection whenever the owner sets it (the record's value is in force
// while the record exists; the account's after it is deleted). Without an
// account there is nothing payable: the next settlement copies the record's.
func (k *Keeper) SetPayoutAddress(ctx context.Context, owner sdk.AccAddress, payout string) error {
	a, err := k.Accounts.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if a.PayoutAddress == payout {
		return nil
	}
	a.PayoutAddress = payout
	return k.Accounts.Set(ctx, owner, a)
}
