package keeper

import (
	"context"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// sendExcess hands the cycle's cap excess, dust and withholding to x/treasury in one call.
func (k *Keeper) sendExcess(ctx context.Context, denom string, cycle uint64, out types.AllocationOutput) error {
	var parts []treasurytypes.ExcessPart
	for _, p := range []treasurytypes.ExcessPart{
		{Category: treasurytypes.CATEGORY_CAP_EXCESS, Amount: out.CapExcess},
		{Category: treasurytypes.CATEGORY_ROUNDING, Amount: out.Dust},
		{Category: treasurytypes.CATEGORY_WITHHELD, Amount: out.Withheld},
	} {
		if p.Amount.IsPositive() {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return k.tk.HandleExcess(ctx, types.ModuleName, cycle, denom, parts)
}
