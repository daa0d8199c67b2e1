package types

import (
	"fmt"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesisState is an empty pool with default params.
func DefaultGenesisState() *GenesisState {
	return &GenesisState{Params: DefaultParams(), UnassignedPool: math.ZeroInt()}
}

// Validate checks the genesis state: params, non-negative amounts, valid and unique addresses and keys.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.UnassignedPool.IsNil() || gs.UnassignedPool.IsNegative() {
		return ErrInvalidGenesis.Wrapf("unassigned_pool %s must be >= 0", gs.UnassignedPool)
	}
	budgets := map[uint64]bool{}
	for _, b := range gs.Budgets {
		if budgets[b.Cycle] {
			return ErrInvalidGenesis.Wrapf("budget of cycle %d appears twice", b.Cycle)
		}
		budgets[b.Cycle] = true
		if b.Amount.IsNil() || b.Amount.IsNegative() {
			return ErrInvalidGenesis.Wrapf("budget of cycle %d: amount %s must be >= 0", b.Cycle, b.Amount)
		}
	}
	owners := map[string]bool{}
	for _, a := range gs.Accounts {
		if _, err := sdk.AccAddressFromBech32(a.Owner); err != nil {
			return ErrInvalidGenesis.Wrapf("account owner %q: %s", a.Owner, err)
		}
		if owners[a.Owner] {
			return ErrInvalidGenesis.Wrapf("account %s appears twice", a.Owner)
		}
		owners[a.Owner] = true
		for _, v := range []math.Int{a.Payable, a.Arrears, a.PeriodCosts, a.PeriodEarnings} {
			if v.IsNil() || v.IsNegative() {
				return ErrInvalidGenesis.Wrapf("account %s: amounts must be >= 0", a.Owner)
			}
		}
	}
	for _, p := range gs.Payees {
		if _, err := sdk.AccAddressFromBech32(p); err != nil {
			return ErrInvalidGenesis.Wrapf("payee %q: %s", p, err)
		}
	}
	payees := map[string]bool{}
	for _, p := range gs.PayeesByPeriod {
		if _, err := sdk.AccAddressFromBech32(p.Owner); err != nil {
			return ErrInvalidGenesis.Wrapf("payees_by_period owner %q: %s", p.Owner, err)
		}
		key := fmt.Sprintf("%d/%s", p.Period, p.Owner)
		if payees[key] {
			return ErrInvalidGenesis.Wrapf("payee %s of period %d appears twice", p.Owner, p.Period)
		}
		payees[key] = true
	}
	budgetRecords := map[uint64]bool{}
	for _, b := range gs.BudgetRecords {
		if budgetRecords[b.Cycle] {
			return ErrInvalidGenesis.Wrapf("budget record of cycle %d appears twice", b.Cycle)
		}
		budgetRecords[b.Cycle] = true
		if b.Amount.IsNil() || b.Amount.IsNegative() {
			return ErrInvalidGenesis.Wrapf("budget record of cycle %d: amount %s must be >= 0", b.Cycle, b.Amount)
		}
	}
	records := map[uint64]bool{}
	for _, r := range gs.CycleRecords {
		if records[r.Cycle] {
			return ErrInvalidGenesis.Wrapf("cycle record %d appears twice", r.Cycle)
		}
		records[r.Cycle] = true
	}
	payouts := map[uint64]bool{}
	for _, p := range gs.Payouts {
		if payouts[p.Id] {
			return ErrInvalidGenesis.Wrapf("payout %d appears twice", p.Id)
		}
		payouts[p.Id] = true
		if p.Id >= gs.Progress.NextPayoutId {
			return ErrInvalidGenesis.Wrapf("payout id %d must be below next_payout_id %d", p.Id, gs.Progress.NextPayoutId)
		}
	}
	return validateIBCFundings(gs.IbcFundings, gs.NextIbcFundingId)
}
