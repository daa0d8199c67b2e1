package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// SumBuckets returns the holdings of all buckets together.
func (k *Keeper) SumBuckets(ctx context.Context) (sdk.Coins, error) {
	buckets, err := k.AllBuckets(ctx)
	if err != nil {
		return nil, err
	}
	sum := sdk.NewCoins()
	for _, b := range buckets {
		sum = sum.Add(b.Coins...)
	}
	return sum, nil
}

// CheckInvariants verifies that the treasury module account holds exactly
// Σ buckets + the open auction's lot + its escrowed highest bid, per denom.
func (k *Keeper) CheckInvariants(ctx context.Context) error {
	sum, err := k.SumBuckets(ctx)
	if err != nil {
		return err
	}
	a, open, err := k.OpenAuction(ctx)
	if err != nil {
		return err
	} else if open {
		sum = sum.Add(a.Holdings()...)
	}
	addr := k.ModuleAddress()
	balance := k.bk.GetAllBalances(ctx, addr)
	if !balance.Equal(sum) {
		addrStr, _ := k.ak.AddressCodec().BytesToString(addr)
		return types.ErrInvariantBroken.Wrapf(
			"treasury module account %s holds %s but the buckets and the open auction sum to %s",
			addrStr, coinsString(balance), coinsString(sum))
	}
	return nil
}

func coinsString(c sdk.Coins) string {
	if c.IsZero() {
		return "nothing"
	}
	return c.String()
}
