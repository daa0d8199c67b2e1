package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Read-only views for x/rewards (audit provenance and prediction). Each reads
// only the records of one cycle or one operator.

// SettledPerformance returns the stored performance record of owner in a
// settled cycle and false when there is none (not settled, pruned, not a member).
func (k *Keeper) SettledPerformance(ctx context.Context, cycle uint64, owner sdk.AccAddress) (types.Performance, bool, error) {
	p, err := k.Performances().Get(ctx, collections.Join(cycle, owner))
	if errors.Is(err, collections.ErrNotFound) {
		return types.Performance{}, false, nil
	}
	return p, err == nil, err
}

// OperatorViolations returns the stored violations of owner in the order they were recorded.
func (k *Keeper) OperatorViolations(ctx context.Context, owner sdk.AccAddress) ([]types.Violation, error) {
	iter, err := k.Violations().Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner))
	if err != nil {
		return nil, err
	}
	return iter.Values()
}

// PendingAttestations returns the cycle awaiting performance settlement, its
// attestations submitted so far, and false when no cycle awaits settlement.
func (k *Keeper) PendingAttestations(ctx context.Context) (uint64, []types.Attestation, bool, error) {
	state, err := k.CycleState().Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil, false, nil
	} else if err != nil {
		return 0, nil, false, err
	}
	if !state.AttestOpen {
		return 0, nil, false, nil
	}
	iter, err := k.Attestations().Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](state.AttestCycle))
	if err != nil {
		return 0, nil, false, err
	}
	atts, err := iter.Values()
	return state.AttestCycle, atts, true, err
}
