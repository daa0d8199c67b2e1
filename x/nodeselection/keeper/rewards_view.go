package keeper

import (
	"context"
	"errors"
	"math"
	"time"

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

// ViolatorsBetween returns the owners with a stored violation recorded in
// [from, to], each once, in the order of their first violation in the span:
// one range of the violations-by-time index, however many operators there are.
func (k *Keeper) ViolatorsBetween(ctx context.Context, from, to time.Time) ([]sdk.AccAddress, error) {
	if from.After(to) {
		return nil, nil
	}
	rng := new(collections.Range[collections.Pair[int64, ViolationKey]]).
		StartInclusive(collections.PairPrefix[int64, ViolationKey](ViolationTimeKey(from)))
	if end := ViolationTimeKey(to); end < math.MaxInt64 {
		rng = rng.EndExclusive(collections.PairPrefix[int64, ViolationKey](end + 1))
	}
	var owners []sdk.AccAddress
	seen := map[string]bool{}
	err := k.Violations().Indexes.Time.Walk(ctx, rng, func(_ int64, key ViolationKey) (bool, error) {
		if owner := key.K1(); !seen[string(owner)] {
			seen[string(owner)] = true
			owners = append(owners, owner)
		}
		return false, nil
	})
	return owners, err
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
