package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// openAttestations makes cycle, whose members are given, the cycle that can
// be attested, and drops the index of the cycle attestable before it (already
// settled by the same boundary). Work: the two cycles' members.
func (k *Keeper) openAttestations(ctx context.Context, cycle uint64, members []types.Member) error {
	prev, err := k.AttestableCycle().Get(ctx)
	switch {
	case err == nil:
		if err := k.ClearAttestMembers(ctx, prev); err != nil {
			return err
		}
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	if err := k.SetAttestableCycle(ctx, cycle); err != nil {
		return err
	}
	for _, m := range members {
		addr, err := k.addr(m.Owner)
		if err != nil {
			return err
		}
		if err := k.AddAttestMember(ctx, collections.Join(cycle, addr)); err != nil {
			return err
		}
	}
	return nil
}

// rebuildAttestIndex derives the attestation index from the cycle state and
// the cycle record (genesis import, migration): it is not part of genesis.
func (k *Keeper) rebuildAttestIndex(ctx context.Context) error {
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	if !state.AttestOpen {
		return nil
	}
	rec, err := k.CycleHistory().Get(ctx, state.AttestCycle)
	if err != nil {
		return err
	}
	return k.openAttestations(ctx, state.AttestCycle, rec.Members)
}

// attestableCycle returns the cycle that can be attested now, or false
// before the first boundary.
func (k *Keeper) attestableCycle(ctx context.Context) (uint64, bool, error) {
	c, err := k.AttestableCycle().Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, false, nil
	}
	return c, err == nil, err
}

// servedAttestable reports whether the operator given as a string served the
// attestable cycle (false for a string that is not an address).
func (k *Keeper) servedAttestable(ctx context.Context, cycle uint64, operator string) (sdk.AccAddress, bool, error) {
	addr, err := k.addr(operator)
	if err != nil {
		return nil, false, nil
	}
	ok, err := k.AttestMembers().Has(ctx, collections.Join(cycle, addr))
	return addr, ok, err
}
