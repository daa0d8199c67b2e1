package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// BucketBalance returns what a bucket holds of one denom (zero when nothing).
func (k *Keeper) BucketBalance(ctx context.Context, b types.Bucket, denom string) (math.Int, error) {
	amt, err := k.Buckets.Get(ctx, collections.Join(int32(b), denom))
	if err != nil {
		if errors.Is(err, collections.ErrNotFound) {
			return math.ZeroInt(), nil
		}
		return math.Int{}, err
	}
	return amt, nil
}

// BucketCoins returns every denom a bucket holds.
func (k *Keeper) BucketCoins(ctx context.Context, b types.Bucket) (sdk.Coins, error) {
	coins := sdk.NewCoins()
	rng := collections.NewPrefixedPairRange[int32, string](int32(b))
	err := k.Buckets.Walk(ctx, rng, func(key collections.Pair[int32, string], amt math.Int) (bool, error) {
		coins = coins.Add(sdk.NewCoin(key.K2(), amt))
		return false, nil
	})
	return coins, err
}

// AllBuckets returns the holdings of every bucket, in canonical order.
func (k *Keeper) AllBuckets(ctx context.Context) ([]types.BucketBalance, error) {
	out := make([]types.BucketBalance, 0, len(types.AllBuckets))
	for _, b := range types.AllBuckets {
		coins, err := k.BucketCoins(ctx, b)
		if err != nil {
			return nil, err
		}
		out = append(out, types.BucketBalance{Bucket: b, Coins: coins})
	}
	return out, nil
}

// addToBucket credits a bucket; a zero amount changes nothing.
func (k *Keeper) addToBucket(ctx context.Context, b types.Bucket, denom string, amt math.Int) error {
	if !amt.IsPositive() {
		return nil
	}
	cur, err := k.BucketBalance(ctx, b, denom)
	if err != nil {
		return err
	}
	return k.Buckets.Set(ctx, collections.Join(int32(b), denom), cur.Add(amt))
}

// subFromBucket debits a bucket or fails naming bucket, denom, available and requested.
func (k *Keeper) subFromBucket(ctx context.Context, b types.Bucket, denom string, amt math.Int) error {
	cur, err := k.BucketBalance(ctx, b, denom)
	if err != nil {
		return err
	}
	if cur.LT(amt) {
		return types.ErrInsufficientFunds.Wrapf("bucket %s holds %s%s, requested %s%s", b, cur, denom, amt, denom)
	}
	rest := cur.Sub(amt)
	if rest.IsZero() {
		return k.Buckets.Remove(ctx, collections.Join(int32(b), denom))
	}
	return k.Buckets.Set(ctx, collections.Join(int32(b), denom), rest)
}

// recordSpend stores a spend record and returns its id.
func (k *Keeper) recordSpend(ctx context.Context, s types.Spend) (uint64, error) {
	id, err := k.SpendSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	s.Id = id
	s.Height = sdk.UnwrapSDKContext(ctx).BlockHeight()
	s.Time = sdk.UnwrapSDKContext(ctx).BlockTime()
	return id, k.Spends.Set(ctx, id, s)
}

// recordInflow stores an inflow record and returns it with its id.
func (k *Keeper) recordInflow(ctx context.Context, in types.Inflow) (types.Inflow, error) {
	id, err := k.InflowSeq.Next(ctx)
	if err != nil {
		return in, err
	}
	in.Id = id
	in.Height = sdk.UnwrapSDKContext(ctx).BlockHeight()
	in.Time = sdk.UnwrapSDKContext(ctx).BlockTime()
	return in, k.Inflows.Set(ctx, id, in)
}
