package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Migrator runs the store migrations of x/treasury between consensus versions.
type Migrator struct {
	k *Keeper
}

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 adds the burn auction: it fills auction_period and
// min_bid_increment_bps with their defaults (the new collections start
// empty; the first auction opens in the next BeginBlock).
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	params, err := m.k.Params.Get(ctx)
	if err != nil {
		return err
	}
	def := types.DefaultParams()
	params.AuctionPeriod = def.AuctionPeriod
	params.MinBidIncrementBps = def.MinBidIncrementBps
	if err := params.Validate(); err != nil {
		return err
	}
	return m.k.Params.Set(ctx, params)
}
