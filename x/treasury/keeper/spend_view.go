package keeper

import (
	"context"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// GetSpend returns a stored spend record (x/rewards audits its backstop draws against it).
func (k *Keeper) GetSpend(ctx context.Context, id uint64) (types.Spend, error) {
	return k.Spends.Get(ctx, id)
}

// LastSpendID returns the id of the last spend recorded and false when none was.
func (k *Keeper) LastSpendID(ctx context.Context) (uint64, bool, error) {
	next, err := k.SpendSeq.Peek(ctx)
	if err != nil || next == 0 {
		return 0, false, err
	}
	return next - 1, true, nil
}
