package types

import (
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BpsDenominator is 100% in basis points.
const BpsDenominator = 10000

// DefaultBurnDenom is the XMTP bond denom that MsgBurnHoldings burns.
const DefaultBurnDenom = "uxmtp"

// Defaults of the record pruning params (SPEC 4.6: 730 days, bounded per block).
const (
	DefaultRecordRetention  = 730 * 24 * time.Hour
	DefaultMaxPrunePerBlock = 100
)

// DefaultParams returns the spec defaults: 40/30/30, stakers paid through x/distribution.
func DefaultParams() Params {
	return Params{
		BuybackBurnBps:         4000,
		StakingRewardsBps:      3000,
		EcosystemBps:           3000,
		StakersViaDistribution: true,
		BurnDenom:              DefaultBurnDenom,
		RecordRetention:        DefaultRecordRetention,
		MaxPrunePerBlock:       DefaultMaxPrunePerBlock,
		AuctionPeriod:          DefaultAuctionPeriod,
		MinBidIncrementBps:     DefaultMinBidIncrementBps,
		AuctionExtension:       DefaultAuctionExtension,
	}
}

// Validate rejects params that cannot work, naming the field and the rule.
func (p Params) Validate() error {
	for _, f := range []struct {
		name string
		bps  uint32
	}{
		{"buyback_burn_bps", p.BuybackBurnBps},
		{"staking_rewards_bps", p.StakingRewardsBps},
		{"ecosystem_bps", p.EcosystemBps},
	} {
		if f.bps > BpsDenominator {
			return ErrInvalidParams.Wrapf("%s %d must be <= %d", f.name, f.bps, BpsDenominator)
		}
	}
	sum := uint64(p.BuybackBurnBps) + uint64(p.StakingRewardsBps) + uint64(p.EcosystemBps)
	if sum != BpsDenominator {
		return ErrInvalidParams.Wrapf(
			"buyback_burn_bps + staking_rewards_bps + ecosystem_bps = %d+%d+%d = %d, must be exactly %d",
			p.BuybackBurnBps, p.StakingRewardsBps, p.EcosystemBps, sum, BpsDenominator)
	}
	if err := sdk.ValidateDenom(p.BurnDenom); err != nil {
		return ErrInvalidParams.Wrapf("burn_denom %q is not a valid denom: %v", p.BurnDenom, err)
	}
	if p.RecordRetention < time.Second {
		return ErrInvalidParams.Wrapf("record_retention %s must be at least 1s", p.RecordRetention)
	}
	if p.MaxPrunePerBlock < 1 {
		return ErrInvalidParams.Wrap("max_prune_per_block 0 must be at least 1")
	}
	return p.validateAuction()
}
