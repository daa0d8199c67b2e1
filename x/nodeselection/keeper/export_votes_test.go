package keeper

import (
	"context"

	"cosmossdk.io/math"
)

// WeightForTest is the WEIGHTED weight the rotation sees for owner now.
func WeightForTest(ctx context.Context, k *Keeper, owner string) (math.Int, error) {
	params, err := k.Params().Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	return k.newSource(ctx, params, sdkNow(ctx)).Weight(owner)
}
