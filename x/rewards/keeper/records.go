package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// The OwnerRecords index holds (owner, cycle) for every member entry of every
// stored cycle record. It is derived state: setRecord writes it with the
// record, pruning removes it with the record, InitGenesis rebuilds it through
// setRecord, Migrate3to4 builds it on a running chain and checkOwnerRecords
// (an invariant) compares it with the records.

// setRecord stores a cycle record, its end time (read by pruning) and its
// members' entries in the OwnerRecords index.
func (k *Keeper) setRecord(ctx context.Context, r types.CycleRecord) error {
	if err := k.CycleRecords.Set(ctx, r.Cycle, r); err != nil {
		return err
	}
	if err := k.RecordEnds.Set(ctx, r.Cycle, r.End.UnixNano()); err != nil {
		return err
	}
	return k.indexRecord(ctx, r)
}

// indexRecord adds the (owner, cycle) entries of r's members.
func (k *Keeper) indexRecord(ctx context.Context, r types.CycleRecord) error {
	for i, m := range r.Members {
		owner, err := recordOwner(m.Owner)
		if err != nil {
			return fmt.Errorf("cycle record %d members[%d]: %w", r.Cycle, i, err)
		}
		if err := k.OwnerRecords.Set(ctx, collections.Join(owner, r.Cycle)); err != nil {
			return err
		}
	}
	return nil
}

// removeRecord deletes a cycle record with its budget record, end time and
// index entries (pruning). It decodes the record once, to find its members.
func (k *Keeper) removeRecord(ctx context.Context, cycle uint64) error {
	r, err := k.CycleRecords.Get(ctx, cycle)
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return err
	default:
		for _, m := range r.Members {
			if owner, err := recordOwner(m.Owner); err == nil {
				if err := k.OwnerRecords.Remove(ctx, collections.Join(owner, cycle)); err != nil {
					return err
				}
			}
		}
	}
	for _, rm := range []func(context.Context, uint64) error{k.CycleRecords.Remove, k.BudgetRecords.Remove, k.RecordEnds.Remove} {
		if err := rm(ctx, cycle); err != nil {
			return err
		}
	}
	return nil
}

// previousRecordOf returns the cycle of owner's last stored record before
// `before` (found false when it has none), one reverse seek in the index.
func (k *Keeper) previousRecordOf(ctx context.Context, owner sdk.AccAddress, before uint64) (uint64, bool, error) {
	if before == 0 {
		return 0, false, nil
	}
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner).
		EndExclusive(before).Descending()
	iter, err := k.OwnerRecords.Iterate(ctx, rng)
	if err != nil {
		return 0, false, err
	}
	defer iter.Close()
	if !iter.Valid() {
		return 0, false, nil
	}
	key, err := iter.Key()
	if err != nil {
		return 0, false, err
	}
	return key.K2(), true, nil
}

// lastRecordBefore returns the cycle of the last stored record before
// `before` (found false when there is none), read from the RecordEnds keys.
func (k *Keeper) lastRecordBefore(ctx context.Context, before uint64) (uint64, bool, error) {
	if before == 0 {
		return 0, false, nil
	}
	iter, err := k.RecordEnds.Iterate(ctx, new(collections.Range[uint64]).EndExclusive(before).Descending())
	if err != nil {
		return 0, false, err
	}
	defer iter.Close()
	if !iter.Valid() {
		return 0, false, nil
	}
	c, err := iter.Key()
	return c, err == nil, err
}

// checkOwnerRecords is the invariant of the index: its entries are exactly
// the (owner, cycle) of the stored records' members. It reads every record.
func (k *Keeper) checkOwnerRecords(ctx context.Context) error {
	type ownerCycle struct {
		owner string
		cycle uint64
	}
	want := map[ownerCycle]bool{}
	if err := k.CycleRecords.Walk(ctx, nil, func(c uint64, r types.CycleRecord) (bool, error) {
		for _, m := range r.Members {
			owner, err := recordOwner(m.Owner)
			if err != nil {
				return true, types.ErrInvariant.Wrapf("owner_records: cycle record %d has member %q: %s", c, m.Owner, err)
			}
			want[ownerCycle{string(owner), c}] = true
		}
		return false, nil
	}); err != nil {
		return err
	}
	n := 0
	if err := k.OwnerRecords.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		if !want[ownerCycle{string(key.K1()), key.K2()}] {
			return true, types.ErrInvariant.Wrapf("owner_records: entry (%s, %d) but cycle record %d has no such member", key.K1(), key.K2(), key.K2())
		}
		n++
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(want) {
		return types.ErrInvariant.Wrapf("owner_records: %d entries but the cycle records have %d member entries", n, len(want))
	}
	return nil
}

// recordOwner decodes an owner address of a stored record (validated and
// canonical when it was written). It skips the SDK codec's prefix check,
// which in SDK v0.54 looks up the global config with syscalls on every call.
func recordOwner(owner string) (sdk.AccAddress, error) {
	_, bz, err := bech32.DecodeAndConvert(owner)
	if err != nil {
		return nil, fmt.Errorf("owner %q: %w", owner, err)
	}
	return bz, nil
}
