package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// InitGenesis loads the whole state.
func (k *Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if err := k.UnassignedPool.Set(ctx, gs.UnassignedPool); err != nil {
		return err
	}
	for _, b := range gs.Budgets {
		if err := k.Budgets.Set(ctx, b.Cycle, b.Amount); err != nil {
			return err
		}
	}
	for _, a := range gs.Accounts {
		if err := k.setAccount(ctx, sdk.MustAccAddressFromBech32(a.Owner), a); err != nil { // builds the Creditors index
			return err
		}
	}
	for _, p := range gs.Payees { // legacy list: payees of the running period
		if err := k.addPayee(ctx, gs.Progress.Period, sdk.MustAccAddressFromBech32(p)); err != nil {
			return err
		}
	}
	for _, p := range gs.PayeesByPeriod {
		if err := k.addPayee(ctx, p.Period, sdk.MustAccAddressFromBech32(p.Owner)); err != nil {
			return err
		}
	}
	for _, b := range gs.BudgetRecords {
		if err := k.BudgetRecords.Set(ctx, b.Cycle, b.Amount); err != nil {
			return err
		}
	}
	for _, r := range gs.CycleRecords {
		if err := k.setRecord(ctx, r); err != nil {
			return err
		}
	}
	for _, p := range gs.Payouts {
		for _, e := range p.Entries {
			if err := k.PayoutEntries.Set(ctx, collections.Join(p.Id, sdk.MustAccAddressFromBech32(e.Owner)), e); err != nil {
				return err
			}
		}
		p.EntryCount, p.Entries = uint32(len(p.Entries)), nil
		if err := k.Payouts.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	if err := k.Progress.Set(ctx, gs.Progress); err != nil {
		return err
	}
	if err := k.initIBCFundings(ctx, gs); err != nil {
		return err
	}
	// Make sure the module account exists so that it can hold the pool.
	k.ak.GetModuleAccount(ctx, types.ModuleName)
	return nil
}

// ExportGenesis dumps the whole state.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if gs.UnassignedPool, err = k.getUnassigned(ctx); err != nil {
		return nil, err
	}
	if gs.Progress, err = k.getProgress(ctx); err != nil {
		return nil, err
	}
	if err = k.Budgets.Walk(ctx, nil, func(c uint64, amt math.Int) (bool, error) {
		gs.Budgets = append(gs.Budgets, types.Budget{Cycle: c, Amount: amt})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err = k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, a types.OperatorAccount) (bool, error) {
		gs.Accounts = append(gs.Accounts, a)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err = k.Payees.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		gs.PayeesByPeriod = append(gs.PayeesByPeriod, types.Payee{Period: key.K1(), Owner: key.K2().String()})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err = k.BudgetRecords.Walk(ctx, nil, func(c uint64, amt math.Int) (bool, error) {
		gs.BudgetRecords = append(gs.BudgetRecords, types.Budget{Cycle: c, Amount: amt})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err = k.CycleRecords.Walk(ctx, nil, func(_ uint64, r types.CycleRecord) (bool, error) {
		gs.CycleRecords = append(gs.CycleRecords, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err = k.Payouts.Walk(ctx, nil, func(id uint64, _ types.PayoutRecord) (bool, error) {
		p, err := k.payoutWithEntries(ctx, id)
		gs.Payouts = append(gs.Payouts, p)
		return err != nil, err
	}); err != nil {
		return nil, err
	}
	if err = k.exportIBCFundings(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}
