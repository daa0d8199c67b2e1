package app

import (
	"context"
	"errors"

	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// CheckInvariants runs every xmtpd invariant (docs/protocol.md#genesis-upgrades-and-invariants) and joins the failures.
func (app *XmtpApp) CheckInvariants(ctx context.Context) error {
	return errors.Join(
		app.NodeSelectionKeeper.CheckInvariants(ctx),
		app.RewardsKeeper.CheckInvariants(ctx),
		app.TreasuryKeeper.CheckInvariants(ctx),
		app.checkFundingAddressEmpty(ctx),
	)
}

// checkFundingAddressEmpty: the x/rewards funding address holds nothing
// between transactions (SPEC 10: nothing is stranded there).
func (app *XmtpApp) checkFundingAddressEmpty(ctx context.Context) error {
	if held := app.BankKeeper.GetAllBalances(ctx, rewardstypes.FundingAddress()); !held.IsZero() {
		return rewardstypes.ErrInvariant.Wrapf("the x/rewards funding address %s holds %s; it must hold nothing between transactions",
			rewardstypes.FundingAddress(), held)
	}
	return nil
}
