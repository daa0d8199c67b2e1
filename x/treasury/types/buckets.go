package types

import "cosmossdk.io/math"

// AllBuckets lists the real buckets in their canonical order.
var AllBuckets = []Bucket{BUCKET_BUYBACK_BURN, BUCKET_STAKING_REWARDS, BUCKET_ECOSYSTEM}

// ValidateBucket rejects BUCKET_UNSPECIFIED and unknown values.
func ValidateBucket(b Bucket) error {
	switch b {
	case BUCKET_BUYBACK_BURN, BUCKET_STAKING_REWARDS, BUCKET_ECOSYSTEM:
		return nil
	default:
		return ErrInvalidBucket.Wrapf("bucket %s (%d) is not one of BUCKET_BUYBACK_BURN, BUCKET_STAKING_REWARDS, BUCKET_ECOSYSTEM", b, int32(b))
	}
}

// ValidateCategory rejects CATEGORY_UNSPECIFIED and unknown values.
func ValidateCategory(c Category) error {
	switch c {
	case CATEGORY_CAP_EXCESS, CATEGORY_ROUNDING, CATEGORY_WITHHELD, CATEGORY_SLASH:
		return nil
	default:
		return ErrInvalidExcess.Wrapf("category %s (%d) is not a valid excess category", c, int32(c))
	}
}

// SplitTotal divides total between the buckets: floor(total*bps/10000) for
// BUYBACK_BURN and STAKING_REWARDS, the remainder to ECOSYSTEM.
func SplitTotal(total math.Int, p Params) Split {
	buyback := total.MulRaw(int64(p.BuybackBurnBps)).QuoRaw(BpsDenominator)
	staking := total.MulRaw(int64(p.StakingRewardsBps)).QuoRaw(BpsDenominator)
	return Split{
		BuybackBurn:    buyback,
		StakingRewards: staking,
		Ecosystem:      total.Sub(buyback).Sub(staking),
	}
}

// SumParts returns the total of the parts, rejecting bad categories and negative amounts.
func SumParts(parts []ExcessPart) (math.Int, error) {
	total := math.ZeroInt()
	for i, part := range parts {
		if err := ValidateCategory(part.Category); err != nil {
			return math.Int{}, ErrInvalidExcess.Wrapf("part %d: %v", i, err)
		}
		if part.Amount.IsNil() || part.Amount.IsNegative() {
			return math.Int{}, ErrInvalidExcess.Wrapf("part %d (%s): amount %s must be >= 0", i, part.Category, part.Amount)
		}
		total = total.Add(part.Amount)
	}
	return total, nil
}
