package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// Migrator runs the store migrations of x/treasury between consensus versions.
// Each step is a MigrateNtoN+1 method registered in AppModule.RegisterServices.
type Migrator struct {
	k *Keeper
}

// NewMigrator returns a Migrator for the keeper.
func NewMigrator(k *Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 fills the record pruning params (record_retention,
// max_prune_per_block) and the burn auction params (auction_period,
// min_bid_increment_bps; the auction collections start empty, the first
// auction opens in the next BeginBlock) with their defaults, and gives the inflow and spend
// records made before the upgrade, which carry no time, the upgrade block's
// time: their retention starts at the upgrade.
func (m Migrator) Migrate1to2(ctx sdk.Context) error {
	p, err := m.k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if p.RecordRetention == 0 {
		p.RecordRetention = types.DefaultRecordRetention
	}
	if p.MaxPrunePerBlock == 0 {
		p.MaxPrunePerBlock = types.DefaultMaxPrunePerBlock
	}
	def := types.DefaultParams()
	p.AuctionPeriod = def.AuctionPeriod
	p.MinBidIncrementBps = def.MinBidIncrementBps
	if err := p.Validate(); err != nil {
		return err
	}
	if err := m.k.Params.Set(ctx, p); err != nil {
		return err
	}
	now := ctx.BlockTime()
	var inflows []types.Inflow
	if err := m.k.Inflows.Walk(ctx, nil, func(_ uint64, in types.Inflow) (bool, error) {
		if in.Time.IsZero() {
			in.Time = now
			inflows = append(inflows, in)
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, in := range inflows {
		if err := m.k.Inflows.Set(ctx, in.Id, in); err != nil {
			return err
		}
	}
	var spends []types.Spend
	if err := m.k.Spends.Walk(ctx, nil, func(_ uint64, s types.Spend) (bool, error) {
		if s.Time.IsZero() {
			s.Time = now
			spends = append(spends, s)
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, s := range spends {
		if err := m.k.Spends.Set(ctx, s.Id, s); err != nil {
			return err
		}
	}
	return nil
}

// Migrate2to3 sets auction_extension (soft close) to its default on a running
// chain and records the open auction's current end as its scheduled end, so
// the schedule stays where it was.
func (m Migrator) Migrate2to3(ctx sdk.Context) error {
	p, err := m.k.Params.Get(ctx)
	if err != nil {
		return err
	}
	p.AuctionExtension = types.DefaultAuctionExtension
	if err := p.Validate(); err != nil {
		return err
	}
	if err := m.k.Params.Set(ctx, p); err != nil {
		return err
	}
	a, open, err := m.k.OpenAuction(ctx)
	if err != nil || !open || !a.ScheduledEndTime.IsZero() {
		return err
	}
	a.ScheduledEndTime = a.EndTime
	return m.k.AuctionState.Open.Set(ctx, a)
}
