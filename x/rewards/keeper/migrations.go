package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Migrator holds the state migrations of x/rewards.
type Migrator struct{ k *Keeper }

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 moves a chain to consensus version 2: the new params take their
// defaults with algorithm_version = 2; payees move to the (period, owner)
// index; accounts get their tracker period and the Creditors index (their
// arrears count as owed since the last settled cycle). It runs once, in the
// upgrade block, and visits every account and payee.
func (m Migrator) Migrate1to2(sdkCtx sdk.Context) error {
	ctx := context.Context(sdkCtx)
	k := m.k
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	d := types.DefaultParams()
	p.MaxWorkUnits, p.MaxCreditorsPerCycle = d.MaxWorkUnits, d.MaxCreditorsPerCycle
	p.AlgorithmVersion, p.MaxPayoutsPerBlock = types.AlgorithmV2, d.MaxPayoutsPerBlock
	if err := p.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	prog, err := k.getProgress(ctx)
	if err != nil {
		return err
	}
	legacy := legacyPayees(k.storeService)
	iter, err := legacy.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	owners, err := iter.Keys()
	if err != nil {
		return err
	}
	for _, o := range owners {
		if err := legacy.Remove(ctx, o); err != nil {
			return err
		}
		if err := k.addPayee(ctx, prog.Period, o); err != nil {
			return err
		}
	}
	var recs []types.CycleRecord
	if err := k.CycleRecords.Walk(ctx, nil, func(_ uint64, r types.CycleRecord) (bool, error) {
		recs = append(recs, r)
		return false, nil
	}); err != nil {
		return err
	}
	for _, r := range recs {
		if err := k.RecordEnds.Set(ctx, r.Cycle, r.End.UnixNano()); err != nil {
			return err
		}
	}
	var accts []types.OperatorAccount
	if err := k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, a types.OperatorAccount) (bool, error) {
		accts = append(accts, a)
		return false, nil
	}); err != nil {
		return err
	}
	for _, a := range accts {
		a.Period = prog.Period
		if a.Arrears.IsPositive() {
			a.ArrearsSince = prog.LastSettledCycle
		}
		owner := sdk.MustAccAddressFromBech32(a.Owner)
		if op, err := k.nsk.GetOperator(ctx, owner); err == nil {
			a.PayoutAddress = op.PayoutAddress
		}
		if err := k.setAccount(ctx, owner, a); err != nil {
			return err
		}
	}
	return nil
}

// Migrate2to3 moves a chain to consensus version 3: every payout record gets
// entry_count, the number of its stored entries (the completion of a payout
// reads this counter instead of walking its entries). It runs once, in the
// upgrade block, and visits every stored payout entry.
func (m Migrator) Migrate2to3(sdkCtx sdk.Context) error {
	ctx := context.Context(sdkCtx)
	k := m.k
	counts := map[uint64]uint32{}
	if err := k.PayoutEntries.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], _ types.PayoutEntry) (bool, error) {
		counts[key.K1()]++
		return false, nil
	}); err != nil {
		return err
	}
	var recs []types.PayoutRecord
	if err := k.Payouts.Walk(ctx, nil, func(_ uint64, r types.PayoutRecord) (bool, error) {
		recs = append(recs, r)
		return false, nil
	}); err != nil {
		return err
	}
	for _, r := range recs {
		r.EntryCount = counts[r.Id]
		if err := k.Payouts.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	return nil
}

// Migrate3to4 moves a chain to consensus version 4: it builds the
// OwnerRecords index, one (owner, cycle) entry per member of every stored
// cycle record. It runs once, in the upgrade block; its work is bounded by the
// records kept (record_retention / cycle_duration, 1,460 at the defaults)
// times their members (active_set_size + creditors): 14,600 writes at 10 seats.
func (m Migrator) Migrate3to4(sdkCtx sdk.Context) error {
	ctx := context.Context(sdkCtx)
	var recs []types.CycleRecord
	if err := m.k.CycleRecords.Walk(ctx, nil, func(_ uint64, r types.CycleRecord) (bool, error) {
		recs = append(recs, r)
		return false, nil
	}); err != nil {
		return err
	}
	for _, r := range recs {
		if err := m.k.indexRecord(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// legacyPayees is the consensus-version-1 payee set (owners only), read by Migrate1to2.
func legacyPayees(ss store.KVStoreService) collections.KeySet[sdk.AccAddress] {
	sb := collections.NewSchemaBuilder(ss)
	return collections.NewKeySet(sb, types.PayeesKey, "payees_v1", sdk.AccAddressKey)
}
