package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BeginBlocker runs the burn auctions (close the one that ended, open the
// next) and prunes inflow, spend and closed-auction records past
// record_retention.
func (k *Keeper) BeginBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.runAuctions(ctx, params, now); err != nil {
		return err
	}
	return k.pruneRecords(ctx, params, now)
}
