package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importDuties loads attestations, performance records, settled-cycle
// summaries and violations.
func (k *Keeper) importDuties(ctx context.Context, gs types.GenesisState) error {
	for _, a := range gs.Attestations {
		addr, err := k.addr(a.Attester)
		if err != nil {
			return err
		}
		if err := k.Attestations.Set(ctx, collections.Join(a.Cycle, addr), a); err != nil {
			return err
		}
	}
	for _, p := range gs.Performances {
		addr, err := k.addr(p.Operator)
		if err != nil {
			return err
		}
		if err := k.Performances.Set(ctx, collections.Join(p.Cycle, addr), p); err != nil {
			return err
		}
	}
	if gs.LastBlockHash != nil {
		if err := k.LastBlockHash.Set(ctx, gs.LastBlockHash); err != nil {
			return err
		}
	}
	for _, sc := range gs.SettledCycles {
		if err := k.SettledCycles.Set(ctx, sc.Cycle, sc); err != nil {
			return err
		}
	}
	for _, v := range gs.Violations {
		addr, err := k.addr(v.Owner)
		if err != nil {
			return err
		}
		if err := k.Violations.Set(ctx, collections.Join(addr, v.Id), v); err != nil {
			return err
		}
	}
	return nil
}

// exportDuties appends attestations, performance records, settled-cycle
// summaries and violations to gs.
func (k *Keeper) exportDuties(ctx context.Context, gs *types.GenesisState) error {
	h, err := k.lastBlockHash(ctx)
	if err != nil {
		return err
	}
	gs.LastBlockHash = h
	if cached, err := k.ScheduleCache.Get(ctx); err == nil {
		gs.ScheduleCache = &cached
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if err := k.Attestations.Walk(ctx, nil, func(_ collections.Pair[uint64, sdk.AccAddress], a types.Attestation) (bool, error) {
		gs.Attestations = append(gs.Attestations, a)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Performances.Walk(ctx, nil, func(_ collections.Pair[uint64, sdk.AccAddress], p types.Performance) (bool, error) {
		gs.Performances = append(gs.Performances, p)
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.SettledCycles.Walk(ctx, nil, func(_ uint64, sc types.SettledCycle) (bool, error) {
		gs.SettledCycles = append(gs.SettledCycles, sc)
		return false, nil
	}); err != nil {
		return err
	}
	return k.Violations.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, uint64], v types.Violation) (bool, error) {
		gs.Violations = append(gs.Violations, v)
		return false, nil
	})
}
