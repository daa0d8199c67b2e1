//go:build !preibc

package app

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ibccallbacks "github.com/cosmos/ibc-go/v11/modules/apps/callbacks"
	ratelimiting "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting"
	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	"github.com/cosmos/ibc-go/v11/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibc "github.com/cosmos/ibc-go/v11/modules/core"
	porttypes "github.com/cosmos/ibc-go/v11/modules/core/05-port/types"
	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
	ibcapi "github.com/cosmos/ibc-go/v11/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"

	"github.com/xmtp/xmtpd-chain/app/upgrades"
	rewardsibc "github.com/xmtp/xmtpd-chain/x/rewards/ibc"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// MaxCallbackGas bounds the gas of one ICS-20 callback (callbacks middleware).
const MaxCallbackGas = 1_000_000

// IBCKeepers are the keepers of ibc-go (SPEC 10): core IBC with the
// 07-tendermint light client, ICS-20 transfer and the rate-limiting module.
type IBCKeepers struct {
	IBCKeeper       *ibckeeper.Keeper
	TransferKeeper  *ibctransferkeeper.Keeper
	RateLimitKeeper *ratelimitkeeper.Keeper
}

// The transfer module account mints and burns vouchers.
func init() {
	maccPerms[ibctransfertypes.ModuleName] = []string{authtypes.Minter, authtypes.Burner}
}

// ibcStoreKeys are the stores IBC adds (upgrade v3 adds them to a running chain).
func ibcStoreKeys() []string { return upgrades.IBCStores() }

// ibcBeginBlockers are the IBC modules with begin blockers, in order.
func ibcBeginBlockers() []string { return []string{ibcexported.ModuleName, ratelimittypes.ModuleName} }

// ibcGenesisModules are the IBC modules with genesis state, in init order.
func ibcGenesisModules() []string {
	return []string{ibcexported.ModuleName, ibctransfertypes.ModuleName, ratelimittypes.ModuleName}
}

// wireIBC builds the IBC keepers and the transfer stack and returns the app modules.
//
// The transfer stack, from core IBC down (a received packet):
// rate-limiting -> callbacks -> x/rewards funding -> ICS-20 transfer.
// Outgoing packets go up the same stack. IBC v2 (Eureka) routes are not
// opened: the funding middleware is an IBC v1 (channel) middleware.
func (app *XmtpApp) wireIBC(cdc codec.Codec, keys map[string]*storetypes.KVStoreKey, authority string) []module.AppModule {
	accCodec := app.AccountKeeper.AddressCodec()
	ik := ibckeeper.NewKeeper(cdc, runtime.NewKVStoreService(keys[ibcexported.StoreKey]), app.UpgradeKeeper, authority)
	tk := ibctransferkeeper.NewKeeper(cdc, accCodec, runtime.NewKVStoreService(keys[ibctransfertypes.StoreKey]),
		ik.ChannelKeeper, app.MsgServiceRouter(), app.AccountKeeper, app.BankKeeper, authority)
	rk := ratelimitkeeper.NewKeeper(cdc, accCodec, runtime.NewKVStoreService(keys[ratelimittypes.StoreKey]),
		ik.ChannelKeeper, ik.ClientKeeper, app.BankKeeper, authority)
	app.IBCKeepers = IBCKeepers{IBCKeeper: ik, TransferKeeper: tk, RateLimitKeeper: rk}

	// The funding address takes coins only from the funding middleware (SPEC 10).
	app.BankKeeper.AppendSendRestriction(rewardstypes.FundingSendRestriction)
	funding := rewardsibc.NewFundingMiddleware(app.RewardsKeeper, ik.ChannelKeeper,
		authtypes.NewModuleAddress(rewardstypes.ModuleName).String())
	stack := porttypes.NewIBCStackBuilder(ik.ChannelKeeper).
		Base(transfer.NewIBCModule(tk)).
		Next(funding).
		Next(ibccallbacks.NewIBCMiddleware(noContracts{}, MaxCallbackGas)).
		Next(ratelimiting.NewIBCMiddleware(rk))
	router := porttypes.NewRouter()
	router.AddRoute(ibctransfertypes.ModuleName, stack.Build())
	ik.SetRouter(router)
	ik.SetRouterV2(ibcapi.NewRouter())

	tmLightClient := ibctm.NewLightClientModule(cdc, ik.ClientKeeper.GetStoreProvider())
	ik.ClientKeeper.AddRoute(ibctm.ModuleName, &tmLightClient)

	return []module.AppModule{
		ibc.NewAppModule(ik),
		transfer.NewAppModule(tk),
		newRateLimitModule(rk),
		ibctm.NewAppModule(tmLightClient),
	}
}

// ibcAnteHandler rejects a transaction whose relay messages are all redundant
// (packets already received, acknowledged or timed out).
func (app *XmtpApp) ibcAnteHandler() sdk.AnteHandler {
	return sdk.ChainAnteDecorators(ibcante.NewRedundantRelayDecorator(app.IBCKeepers.IBCKeeper))
}

// GetIBCKeeper returns the core IBC keeper (ibc-go's testing package uses it).
func (app *XmtpApp) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeepers.IBCKeeper }
