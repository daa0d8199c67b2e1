//go:build !preibc

package app

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	ratelimiting "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting"
	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
)

// rateLimitModule is the rate-limiting module with one repair to its genesis.
//
// When the module's genesis carries no hour epoch yet (a new chain), its
// InitGenesis starts the epoch at the current hour of day and at
// ctx.BlockHeight(), which is 0 during InitChain. Its own ValidateGenesis
// rejects an epoch with a number but a zero start height, so a chain born
// at 01:00 UTC or later exported a genesis that `xmtpd genesis validate`
// refused until the first hour rolled over. The chain's first block is its
// epoch's start height: InitGenesis records it, and ExportGenesis repairs the
// state of a chain that was initialized before this fix.
type rateLimitModule struct {
	ratelimiting.AppModule
	keeper *ratelimitkeeper.Keeper
}

func newRateLimitModule(k *ratelimitkeeper.Keeper) rateLimitModule {
	return rateLimitModule{AppModule: ratelimiting.NewAppModule(k), keeper: k}
}

// InitGenesis runs the module's InitGenesis and, on a chain's first
// InitChain (height 0), starts the hour epoch at the chain's first block.
func (am rateLimitModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, data json.RawMessage) {
	am.AppModule.InitGenesis(ctx, cdc, data)
	epoch, err := am.keeper.GetHourEpoch(ctx)
	if err != nil {
		panic(err)
	}
	if epoch.EpochStartHeight == 0 {
		epoch.EpochStartHeight = max(ctx.BlockHeight(), 1)
		if err := am.keeper.SetHourEpoch(ctx, epoch); err != nil {
			panic(err)
		}
	}
}

// ExportGenesis exports the module's genesis with a started hour epoch
// always carrying a start height.
func (am rateLimitModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	bz := am.AppModule.ExportGenesis(ctx, cdc)
	var gs ratelimittypes.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if gs.HourEpoch.EpochNumber == 0 || gs.HourEpoch.EpochStartHeight != 0 {
		return bz
	}
	gs.HourEpoch.EpochStartHeight = 1
	return cdc.MustMarshalJSON(&gs)
}
