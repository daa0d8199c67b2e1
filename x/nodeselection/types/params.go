package types

import (
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultBondDenom is the default denom of operator bonds.
const DefaultBondDenom = "uxmtp"

// DefaultMaxPrunePerBlock is the default bound of records pruned per block and kind.
const DefaultMaxPrunePerBlock = 100

// DefaultParams returns the default x/nodeselection parameters (docs/protocol.md#parameters).
func DefaultParams() Params {
	return Params{
		CycleDuration:       12 * time.Hour,
		ActiveSetSize:       10,
		MaxDailyTurnoverBps: 2000,
		MinStake:            math.NewInt(100_000_000_000),
		BondDenom:           DefaultBondDenom,
		WaitingPeriod:       24 * time.Hour,
		UnbondingPeriod:     21 * 24 * time.Hour,
		JailDuration:        7 * 24 * time.Hour,
		Strategy:            STRATEGY_ROUND_ROBIN,
		CreditInitial:       math.LegacyNewDecWithPrec(1, 1),
		CreditStep:          math.LegacyNewDecWithPrec(1, 2),
		MinUptimeBps:        9500,
		PenaltyWindow:       90 * 24 * time.Hour,
		WithholdBps:         []uint32{3000, 6000, 9000},
		SlashBps:            1000,
		SlashDestination:    SLASH_DESTINATION_BURN,
		MaxQueueScan:        1000,
		MaxMaturedPerBlock:  100,
		RecordRetention:     730 * 24 * time.Hour,
		MaxPrunePerBlock:    DefaultMaxPrunePerBlock,
		RequireNodeKey:      true,
	}
}

// Validate rejects parameters that cannot work; every message names the field.
func (p Params) Validate() error {
	durations := []struct {
		name string
		d    time.Duration
	}{
		{"cycle_duration", p.CycleDuration},
		{"waiting_period", p.WaitingPeriod},
		{"unbonding_period", p.UnbondingPeriod},
		{"jail_duration", p.JailDuration},
		{"penalty_window", p.PenaltyWindow},
		{"record_retention", p.RecordRetention},
	}
	for _, d := range durations {
		if d.d < time.Second {
			return ErrInvalidParams.Wrapf("%s %s must be at least 1s", d.name, d.d)
		}
	}
	if p.ActiveSetSize < 1 {
		return ErrInvalidParams.Wrap("active_set_size 0 must be at least 1")
	}
	if err := sdk.ValidateDenom(p.BondDenom); err != nil {
		return ErrInvalidParams.Wrapf("bond_denom %q is not a valid denom: %s", p.BondDenom, err)
	}
	if p.MinStake.IsNil() || !p.MinStake.IsPositive() {
		return ErrInvalidParams.Wrapf("min_stake %s must be positive", p.MinStake)
	}
	switch p.Strategy {
	case STRATEGY_ROUND_ROBIN, STRATEGY_WEIGHTED:
	default:
		return ErrInvalidParams.Wrapf("strategy %s is invalid; allowed: STRATEGY_ROUND_ROBIN, STRATEGY_WEIGHTED", p.Strategy)
	}
	one := math.LegacyOneDec()
	for _, d := range []struct {
		name string
		v    math.LegacyDec
	}{{"credit_initial", p.CreditInitial}, {"credit_step", p.CreditStep}} {
		if d.v.IsNil() || d.v.IsNegative() || d.v.GT(one) {
			return ErrInvalidParams.Wrapf("%s %s must be in [0, 1]", d.name, d.v)
		}
	}
	if !p.CreditInitial.IsPositive() {
		// weight is floor(stake * credit): with 0 no new operator could ever be drawn
		return ErrInvalidParams.Wrapf("credit_initial %s must be in (0, 1]", p.CreditInitial)
	}
	if p.MinUptimeBps > 10000 {
		return ErrInvalidParams.Wrapf("min_uptime_bps %d must be at most 10000", p.MinUptimeBps)
	}
	if len(p.WithholdBps) != 3 {
		return ErrInvalidParams.Wrapf("withhold_bps has %d entries; exactly 3 are required", len(p.WithholdBps))
	}
	for i, w := range p.WithholdBps {
		if w > 10000 {
			return ErrInvalidParams.Wrapf("withhold_bps[%d] %d must be at most 10000", i, w)
		}
		if i > 0 && w < p.WithholdBps[i-1] {
			return ErrInvalidParams.Wrapf("withhold_bps must be non-decreasing: withhold_bps[%d] %d < withhold_bps[%d] %d", i, w, i-1, p.WithholdBps[i-1])
		}
	}
	if p.SlashBps > 10000 {
		return ErrInvalidParams.Wrapf("slash_bps %d must be at most 10000", p.SlashBps)
	}
	if p.SlashDestination != SLASH_DESTINATION_BURN && p.SlashDestination != SLASH_DESTINATION_TREASURY {
		return ErrInvalidParams.Wrapf("slash_destination %s is invalid; allowed: SLASH_DESTINATION_BURN, SLASH_DESTINATION_TREASURY", p.SlashDestination)
	}
	if p.MaxQueueScan < 1 {
		return ErrInvalidParams.Wrap("max_queue_scan 0 must be at least 1")
	}
	if p.MaxMaturedPerBlock < 1 {
		return ErrInvalidParams.Wrap("max_matured_per_block 0 must be at least 1")
	}
	if p.MaxPrunePerBlock < 1 {
		return ErrInvalidParams.Wrap("max_prune_per_block 0 must be at least 1")
	}
	return nil
}

// MinStakeCoin is min_stake as a coin of bond_denom, for messages.
func (p Params) MinStakeCoin() sdk.Coin {
	return sdk.NewCoin(p.BondDenom, p.MinStake)
}
