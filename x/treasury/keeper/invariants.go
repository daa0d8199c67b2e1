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
	}
	held := sdk.NewCoins()
	if open {
		held = a.Holdings()
	}
	addr := k.ModuleAddress()
	balance := k.bk.GetAllBalances(ctx, addr)
	if !balance.Equal(sum.Add(held...)) {
		addrStr, _ := k.ak.AddressCodec().BytesToString(addr)
		return types.ErrInvariantBroken.Wrapf(
			"treasury module account %s holds %s but the buckets sum to %s%s",
			addrStr, coinsString(balance), coinsString(sum), auctionPart(open, held))
	}
	return nil
}

func coinsString(c sdk.Coins) string {
	if c.IsZero() {
		return "nothing"
	}
	return c.String()
}

// auctionPart describes the open auction's holdings for the invariant message.
func auctionPart(open bool, held sdk.Coins) string {
	if !open {
		return ""
	}
	return " and the open auction holds " + coinsString(held)
}
