package keeper

import (
	"context"

	"cosmossdk.io/collections"

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
// depends on them.
type operatorMap struct {
	*collections.IndexedMap[sdk.AccAddress, types.Operator, OperatorIndexes]
	drop dropFunc
}

// Set writes the record (and its indexes) and removes the stored schedule.
func (m operatorMap) Set(ctx context.Context, k sdk.AccAddress, v types.Operator) error {
	if err := m.IndexedMap.Set(ctx, k, v); err != nil {
		return err
	}
	return m.drop(ctx)
}

// Remove deletes the record (and its indexes) and removes the stored schedule.
func (m operatorMap) Remove(ctx context.Context, k sdk.AccAddress) error {
	if err := m.IndexedMap.Remove(ctx, k); err != nil {
		return err
	}
	return m.drop(ctx)
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
