package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The stored schedule (ScheduleCache) is the ROUND_ROBIN rotation replayed
// from the params, the cycle state, the operator records, the queue and the
// NFT holders. Those inputs are held in the types below, whose every write
// also removes the stored schedule, so it is fresh by construction on every
// path — a message, the BeginBlocker or genesis — and the EndBlocker of a
// block that removed it stores it again (abci.go). Removing an absent item is
// a no-op; a failed transaction reverts the removal with the write.

// dropFunc removes the stored schedule.
type dropFunc func(ctx context.Context) error

// rotationItem is an Item the schedule depends on.
type rotationItem[V any] struct {
	collections.Item[V]
	drop dropFunc
}

// Set writes the value and removes the stored schedule.
func (i rotationItem[V]) Set(ctx context.Context, v V) error {
	if err := i.Item.Set(ctx, v); err != nil {
		return err
	}
	return i.drop(ctx)
}

// Remove deletes the value and removes the stored schedule.
func (i rotationItem[V]) Remove(ctx context.Context) error {
	if err := i.Item.Remove(ctx); err != nil {
		return err
	}
	return i.drop(ctx)
}

// rotationMap is a Map the schedule depends on.
type rotationMap[K, V any] struct {
	collections.Map[K, V]
	drop dropFunc
}

// Set writes the entry and removes the stored schedule.
func (m rotationMap[K, V]) Set(ctx context.Context, k K, v V) error {
	if err := m.Map.Set(ctx, k, v); err != nil {
		return err
	}
	return m.drop(ctx)
}

// Remove deletes the entry and removes the stored schedule.
func (m rotationMap[K, V]) Remove(ctx context.Context, k K) error {
	if err := m.Map.Remove(ctx, k); err != nil {
		return err
	}
	return m.drop(ctx)
}

// Clear deletes the entries in ranger and removes the stored schedule.
func (m rotationMap[K, V]) Clear(ctx context.Context, ranger collections.Ranger[K]) error {
	if err := m.Map.Clear(ctx, ranger); err != nil {
		return err
	}
	return m.drop(ctx)
}

// operatorMap is the operator records with their indexes; the schedule
// depends on them. Its index pass (OperatorIndexes.IndexesList) removes the
// stored schedule: on every removal, on every new record, and on every update
// that changes what the rotation reads of a record (scheduleGuard).
type operatorMap struct {
	*collections.IndexedMap[sdk.AccAddress, types.Operator, OperatorIndexes]
}

// scheduleGuard decides, for a write of an operator record, whether the
// stored schedule may have changed. The stored schedule is the ROUND_ROBIN
// rotation (WEIGHTED stores none), which reads of a record only what
// types.IneligibleReason reads: the status, eligible_at, the NFT (whose
// holder it looks up), whether a node signing key is set and whether the
// stake is below min_stake. An update that changes none of these (an added
// stake that stays on the same side of min_stake, a new endpoint, region,
// payout address, signer, credit...) leaves it as it was; anything else, a
// new record or a removal removes it. A new field read by the rotation must
// be compared in keepsSchedule (schedule_guard_fields_test.go changes every
// field of the record alone and fails when one that moves eligibility is kept).
type scheduleGuard struct {
	paramsItem collections.Item[types.Params]
	drop       dropFunc
}

// written removes the stored schedule after a write of v over old (found:
// a record existed) when the write may change the rotation.
func (g *scheduleGuard) written(ctx context.Context, old types.Operator, found bool, v types.Operator) error {
	keep, err := keepsSchedule(old, found, v, func() (math.Int, error) {
		p, err := g.paramsItem.Get(ctx)
		return p.MinStake, err
	})
	if err != nil || keep {
		return err
	}
	return g.drop(ctx)
}

// keepsSchedule reports whether a write of v over old leaves every answer of
// types.EligibleIgnoringNFT (at any time, under any require_node_key) and the
// NFT whose holder the rotation reads as they were: the same owner, status,
// eligible_at, NFT, presence of a node key and side of min_stake (read only
// when the stake changed). A new record is never kept.
func keepsSchedule(old types.Operator, found bool, v types.Operator, minStake func() (math.Int, error)) (bool, error) {
	if !found || old.Owner != v.Owner || old.Status != v.Status || !old.EligibleAt.Equal(v.EligibleAt) ||
		old.NftId != v.NftId || (len(old.SigningPublicKey) > 0) != (len(v.SigningPublicKey) > 0) {
		return false, nil
	}
	if old.Stake.IsNil() || v.Stake.IsNil() {
		return false, nil
	}
	if old.Stake.Equal(v.Stake) {
		return true, nil
	}
	m, err := minStake()
	if err != nil {
		return false, err
	}
	return old.Stake.LT(m) == v.Stake.LT(m), nil
}

// rotationNFT is the NFT keeper: who holds an operator's NFT decides its
// eligibility, so minting, burning and transferring remove the stored schedule.
type rotationNFT struct {
	types.NFTKeeper
	drop dropFunc
}

// Mint mints the NFT and removes the stored schedule.
func (n rotationNFT) Mint(ctx context.Context, token nft.NFT, receiver sdk.AccAddress) error {
	if err := n.NFTKeeper.Mint(ctx, token, receiver); err != nil {
		return err
	}
	return n.drop(ctx)
}

// Burn burns the NFT and removes the stored schedule.
func (n rotationNFT) Burn(ctx context.Context, classID, nftID string) error {
	if err := n.NFTKeeper.Burn(ctx, classID, nftID); err != nil {
		return err
	}
	return n.drop(ctx)
}

// Transfer moves the NFT and removes the stored schedule.
func (n rotationNFT) Transfer(ctx context.Context, classID, nftID string, receiver sdk.AccAddress) error {
	if err := n.NFTKeeper.Transfer(ctx, classID, nftID, receiver); err != nil {
		return err
	}
	return n.drop(ctx)
}
