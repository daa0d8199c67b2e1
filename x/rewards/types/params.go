package types

import (
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Default parameter values (docs/protocol.md#parameters).
const (
	DefaultRewardDenom        = "uusdc"
	DefaultPayoutPeriod       = 720 * time.Hour
	DefaultRecordRetention    = 730 * 24 * time.Hour
	DefaultMaxPrunePerBlock   = 50
	DefaultBasePayMicroUnits  = 1_000_000_000
	DefaultMaxWorkUnits       = 1_000_000
	DefaultMaxCreditors       = 50
	DefaultMaxPayoutsPerBlock = 100
)

// DefaultParams returns the default x/rewards parameters.
func DefaultParams() Params {
	return Params{
		RewardDenom:          DefaultRewardDenom,
		BasePay:              math.NewInt(DefaultBasePayMicroUnits),
		VariableCostPerUnit:  math.LegacyZeroDec(),
		ProfitCap:            math.LegacyMustNewDecFromStr("1.25"),
		PayoutPeriod:         DefaultPayoutPeriod,
		BasePayBackstop:      true,
		RecordRetention:      DefaultRecordRetention,
		MaxPrunePerBlock:     DefaultMaxPrunePerBlock,
		MaxWorkUnits:         DefaultMaxWorkUnits,
		MaxCreditorsPerCycle: DefaultMaxCreditors,
		AlgorithmVersion:     CurrentAlgorithmVersion,
		MaxPayoutsPerBlock:   DefaultMaxPayoutsPerBlock,
	}
}

// Validate rejects params that cannot work, naming the field and what is allowed.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.RewardDenom); err != nil {
		return ErrInvalidParams.Wrapf("reward_denom %q is not a valid denom: %s", p.RewardDenom, err)
	}
	if err := validateRewardDenomIBC(p.RewardDenom); err != nil {
		return err
	}
	if err := validateFundingChannels(p.FundingChannels); err != nil {
		return err
	}
	if p.BasePay.IsNil() || p.BasePay.IsNegative() {
		return ErrInvalidParams.Wrapf("base_pay %s must be >= 0", p.BasePay)
	}
	if p.VariableCostPerUnit.IsNil() || p.VariableCostPerUnit.IsNegative() {
		return ErrInvalidParams.Wrapf("variable_cost_per_unit %s must be >= 0", p.VariableCostPerUnit)
	}
	if p.ProfitCap.IsNil() || p.ProfitCap.LT(math.LegacyOneDec()) {
		return ErrInvalidParams.Wrapf("profit_cap %s must be >= 1", p.ProfitCap)
	}
	if p.PayoutPeriod < time.Second {
		return ErrInvalidParams.Wrapf("payout_period %s must be >= 1s", p.PayoutPeriod)
	}
	if p.RecordRetention < time.Second {
		return ErrInvalidParams.Wrapf("record_retention %s must be >= 1s", p.RecordRetention)
	}
	if p.MaxPrunePerBlock < 1 {
		return ErrInvalidParams.Wrapf("max_prune_per_block %d must be >= 1", p.MaxPrunePerBlock)
	}
	if p.AlgorithmVersion < AlgorithmV1 || p.AlgorithmVersion > AlgorithmV2 {
		return ErrInvalidParams.Wrapf("algorithm_version %d must be in [%d, %d]", p.AlgorithmVersion, AlgorithmV1, AlgorithmV2)
	}
	if p.MaxWorkUnits < 1 {
		return ErrInvalidParams.Wrapf("max_work_units %d must be >= 1", p.MaxWorkUnits)
	}
	if p.MaxCreditorsPerCycle < 1 {
		return ErrInvalidParams.Wrapf("max_creditors_per_cycle %d must be >= 1", p.MaxCreditorsPerCycle)
	}
	if p.MaxPayoutsPerBlock < 1 {
		return ErrInvalidParams.Wrapf("max_payouts_per_block %d must be >= 1", p.MaxPayoutsPerBlock)
	}
	return nil
}

// ValidateAgainstCycle checks payout_period >= cycle_duration (a cross-module check).
func (p Params) ValidateAgainstCycle(cycleDuration time.Duration) error {
	if p.PayoutPeriod < cycleDuration {
		return ErrInvalidParams.Wrapf("payout_period %s must be >= the nodeselection cycle_duration %s", p.PayoutPeriod, cycleDuration)
	}
	return nil
}
