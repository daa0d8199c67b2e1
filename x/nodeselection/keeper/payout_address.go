package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// checkRecipient decodes s, the value of field, and refuses an address that
// can never be paid or sign for an operator: a module account, or an address
// x/bank blocks from receiving transfers (docs/protocol.md#payout-address).
func (k *Keeper) checkRecipient(ctx context.Context, field, s string) (sdk.AccAddress, error) {
	a, err := k.addr(s)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("%s %q: %s", field, s, err)
	}
	if k.bk.BlockedAddr(a) {
		return nil, types.ErrBlockedAddress.Wrapf("%s %s is blocked from receiving funds; use an account of your own", field, s)
	}
	if acc := k.ak.GetAccount(ctx, a); acc != nil {
		if _, ok := acc.(sdk.ModuleAccountI); ok {
			return nil, types.ErrBlockedAddress.Wrapf("%s %s is a module account; use an account of your own", field, s)
		}
	}
	return a, nil
}

// keepPayoutAddress tells x/rewards the payout address now in force for
// owner, so that its account keeps it when the record is deleted.
func (k *Keeper) keepPayoutAddress(ctx context.Context, owner sdk.AccAddress, payout string) error {
	if k.hooks == nil {
		return nil
	}
	return k.hooks.SetPayoutAddress(ctx, owner, payout)
}

// payoutTx loads the record for an update of payout_address alone. Unlike
// the other updates it needs no NFT (the money belongs to the owner, also
// after a revocation burnt the NFT); found is false when no record exists.
func (k *Keeper) payoutTx(ctx context.Context, ownerStr string) (sdk.AccAddress, types.Operator, bool, error) {
	owner, err := k.addr(ownerStr)
	if err != nil {
		return nil, types.Operator{}, false, types.ErrInvalidAddress.Wrapf("owner %q: %s", ownerStr, err)
	}
	op, err := k.Operators().Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return owner, op, false, nil
	}
	return owner, op, err == nil, err
}

// updateDepartedPayout sets the payout address of an owner whose record was
// deleted while x/rewards still owes it a payable balance or arrears.
func (k *Keeper) updateDepartedPayout(ctx context.Context, owner sdk.AccAddress, msg *types.MsgUpdateOperator) error {
	owed := false
	if k.hooks != nil {
		var err error
		if owed, err = k.hooks.PayoutOwed(ctx, owner); err != nil {
			return err
		}
	}
	if !owed {
		return types.ErrNotRegistered.Wrapf("owner %s is not a registered operator and is owed no payable or arrears; "+
			"payout_address can only be set by a registered operator or while money is owed", msg.Owner)
	}
	if _, err := k.checkRecipient(ctx, "payout_address", msg.PayoutAddress); err != nil {
		return err
	}
	if err := k.hooks.SetPayoutAddress(ctx, owner, msg.PayoutAddress); err != nil {
		return err
	}
	return events.Emit(ctx, &types.EventOperatorUpdated{Owner: msg.Owner, PayoutAddress: msg.PayoutAddress})
}
