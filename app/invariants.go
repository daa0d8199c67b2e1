package app

import (
	"context"
	"errors"
)

// CheckInvariants runs every xmtpd invariant (docs/protocol.md#genesis-upgrades-and-invariants) and joins the failures.
func (app *XmtpApp) CheckInvariants(ctx context.Context) error {
	return errors.Join(
		app.NodeSelectionKeeper.CheckInvariants(ctx),
		app.RewardsKeeper.CheckInvariants(ctx),
		app.TreasuryKeeper.CheckInvariants(ctx),
	)
}
