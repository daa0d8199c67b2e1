// Package app wires the xmtpd application: the SDK modules, contrib x/nft and
// the three xmtpd modules (x/nodeselection, x/rewards, x/treasury).
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cast"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	nftkeeper "github.com/cosmos/cosmos-sdk/contrib/x/nft/keeper"
	nftmodule "github.com/cosmos/cosmos-sdk/contrib/x/nft/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/evidence"
	evidencekeeper "github.com/cosmos/cosmos-sdk/x/evidence/keeper"
	evidencetypes "github.com/cosmos/cosmos-sdk/x/evidence/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	feegrantkeeper "github.com/cosmos/cosmos-sdk/x/feegrant/keeper"
	feegrantmodule "github.com/cosmos/cosmos-sdk/x/feegrant/module"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/cosmos/cosmos-sdk/x/upgrade"
	upgradekeeper "github.com/cosmos/cosmos-sdk/x/upgrade/keeper"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/xmtp/xmtpd-chain/dashboard"
	"github.com/xmtp/xmtpd-chain/x/nodeselection"
	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards"
	rewardskeeper "github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	"github.com/xmtp/xmtpd-chain/x/treasury"
	treasurykeeper "github.com/xmtp/xmtpd-chain/x/treasury/keeper"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// DefaultNodeHome is the default home of xmtpd (~/.xmtpd).
var DefaultNodeHome = func() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ".xmtpd"
	}
	return filepath.Join(home, ".xmtpd")
}()

// maccPerms are the module accounts and their permissions.
var maccPerms = map[string][]string{
	authtypes.FeeCollectorName:     nil,
	distrtypes.ModuleName:          nil,
	stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
	govtypes.ModuleName:            {authtypes.Burner},
	nft.ModuleName:                 nil,
	nstypes.ModuleName:             {authtypes.Burner},
	rewardstypes.ModuleName:        nil,
	treasurytypes.ModuleName:       {authtypes.Burner},
}

// XmtpApp is the xmtpd application.
type XmtpApp struct {
	*baseapp.BaseApp

	appCodec          codec.Codec
	legacyAmino       *codec.LegacyAmino
	interfaceRegistry codectypes.InterfaceRegistry
	txConfig          client.TxConfig
	dashboard         bool // [dashboard] enable: serve /dashboard/ on the API server

	keys map[string]*storetypes.KVStoreKey

	AccountKeeper   authkeeper.AccountKeeper
	BankKeeper      bankkeeper.BaseKeeper
	StakingKeeper   *stakingkeeper.Keeper
	SlashingKeeper  slashingkeeper.Keeper
	DistrKeeper     distrkeeper.Keeper
	GovKeeper       *govkeeper.Keeper
	ConsensusKeeper consensuskeeper.Keeper
	UpgradeKeeper   *upgradekeeper.Keeper
	EvidenceKeeper  evidencekeeper.Keeper
	AuthzKeeper     authzkeeper.Keeper
	FeeGrantKeeper  feegrantkeeper.Keeper
	NFTKeeper       nftkeeper.Keeper

	// IBCKeepers are core IBC, transfer and rate limiting (app/ibc.go).
	IBCKeepers

	NodeSelectionKeeper *nskeeper.Keeper
	RewardsKeeper       *rewardskeeper.Keeper
	TreasuryKeeper      *treasurykeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator
	sm                 *module.SimulationManager
}

// NewXmtpApp builds the application.
func NewXmtpApp(
	logger log.Logger,
	db dbm.DB,
	loadLatest bool,
	appOpts servertypes.AppOptions,
	baseAppOptions ...func(*baseapp.BaseApp),
) *XmtpApp {
	SetConfig()
	enc := MakeEncodingConfig()
	appCodec, legacyAmino, interfaceRegistry, txConfig := enc.Codec, enc.Amino, enc.InterfaceRegistry, enc.TxConfig

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(append([]string{
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, slashingtypes.StoreKey,
		distrtypes.StoreKey, govtypes.StoreKey, consensustypes.StoreKey, upgradetypes.StoreKey,
		evidencetypes.StoreKey, authzkeeper.StoreKey, feegrant.StoreKey, nftkeeper.StoreKey,
		nstypes.StoreKey, rewardstypes.StoreKey, treasurytypes.StoreKey,
	}, ibcStoreKeys()...)...)

	app := &XmtpApp{
		BaseApp:           bApp,
		appCodec:          appCodec,
		legacyAmino:       legacyAmino,
		interfaceRegistry: interfaceRegistry,
		txConfig:          txConfig,
		keys:              keys,
	}
	govAuthority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	accCodec := address.NewBech32Codec(Bech32Prefix)
	valCodec := address.NewBech32Codec(Bech32PrefixValAddr)
	consCodec := address.NewBech32Codec(Bech32PrefixConsAddr)

	app.ConsensusKeeper = consensuskeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[consensustypes.StoreKey]), govAuthority, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(appCodec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, maccPerms, accCodec, Bech32Prefix, govAuthority)
	app.BankKeeper = bankkeeper.NewBaseKeeper(appCodec, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		app.AccountKeeper, BlockedAddresses(), govAuthority, logger)
	app.StakingKeeper = stakingkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, govAuthority, valCodec, consCodec)
	app.DistrKeeper = distrkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[distrtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.StakingKeeper, authtypes.FeeCollectorName, govAuthority)
	app.SlashingKeeper = slashingkeeper.NewKeeper(appCodec, legacyAmino, runtime.NewKVStoreService(keys[slashingtypes.StoreKey]),
		app.StakingKeeper, govAuthority)
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))

	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper)
	app.AuthzKeeper = authzkeeper.NewKeeper(runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), appCodec, app.MsgServiceRouter(), app.AccountKeeper)

	homePath := DefaultNodeHome
	if h, ok := appOpts.Get("home").(string); ok && h != "" {
		homePath = h
	}
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights(appOpts), runtime.NewKVStoreService(keys[upgradetypes.StoreKey]),
		appCodec, homePath, app.BaseApp, govAuthority)

	govConfig := govtypes.DefaultConfig()
	app.GovKeeper = govkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[govtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.DistrKeeper, app.MsgServiceRouter(), govConfig, govAuthority,
		govkeeper.NewDefaultCalculateVoteResultsAndVotingPower(app.StakingKeeper))
	// Legacy (v1beta1) text proposals keep working through MsgExecLegacyContent.
	app.GovKeeper.SetLegacyRouter(govv1beta1.NewRouter().AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler))

	evidenceKeeper := evidencekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[evidencetypes.StoreKey]),
		app.StakingKeeper, app.SlashingKeeper, accCodec, runtime.ProvideCometInfoService())
	app.EvidenceKeeper = *evidenceKeeper

	app.NFTKeeper = nftkeeper.NewKeeper(runtime.NewKVStoreService(keys[nftkeeper.StoreKey]), appCodec, app.AccountKeeper, app.BankKeeper)

	// The operator modules, in dependency order: treasury depends on none of
	// them; nodeselection sends slashed bond to treasury; rewards reads
	// nodeselection (records, params, settled performance) and draws on
	// treasury; rewards is then nodeselection's hooks (cycle transitions,
	// payout accounts, payout_period).
	app.TreasuryKeeper = treasurykeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[treasurytypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, authtypes.FeeCollectorName, govAuthority)
	app.NodeSelectionKeeper = nskeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[nstypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.NFTKeeper, app.TreasuryKeeper, govAuthority)
	app.RewardsKeeper = rewardskeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[rewardstypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.NodeSelectionKeeper, app.TreasuryKeeper, govProposals{app.GovKeeper}, govAuthority)
	app.NodeSelectionKeeper.SetHooks(app.RewardsKeeper)
	ibcModules := app.wireIBC(appCodec, keys, govAuthority)

	app.ModuleManager = module.NewManager(append([]module.AppModule{
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, txConfig),
		auth.NewAppModule(appCodec, app.AccountKeeper, nil, nil),
		bank.NewAppModule(appCodec, app.BankKeeper, app.AccountKeeper, nil),
		feegrantmodule.NewAppModule(appCodec, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, interfaceRegistry),
		gov.NewAppModule(appCodec, app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil),
		slashing.NewAppModule(appCodec, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil, interfaceRegistry),
		distr.NewAppModule(appCodec, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil),
		staking.NewAppModule(appCodec, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		upgrade.NewAppModule(app.UpgradeKeeper, accCodec),
		evidence.NewAppModule(app.EvidenceKeeper),
		authzmodule.NewAppModule(appCodec, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, interfaceRegistry),
		consensus.NewAppModule(appCodec, app.ConsensusKeeper),
		nftmodule.NewAppModule(appCodec, app.NFTKeeper, app.AccountKeeper, app.BankKeeper, interfaceRegistry),
		nodeselection.NewAppModule(appCodec, app.NodeSelectionKeeper),
		rewards.NewAppModule(appCodec, app.RewardsKeeper),
		treasury.NewAppModule(appCodec, app.TreasuryKeeper),
	}, ibcModules...)...)
	overrides := basicOverrides(app.ModuleManager)
	overrides[genutiltypes.ModuleName] = genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator)
	app.BasicModuleManager = module.NewBasicManagerFromManager(app.ModuleManager, overrides)
	app.BasicModuleManager.RegisterLegacyAminoCodec(legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(interfaceRegistry)

	// Upgrades first; then distribution and slashing as the SDK requires;
	// nodeselection processes cycle boundaries (and calls x/rewards through its
	// hooks) before rewards prunes records.
	app.ModuleManager.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	app.ModuleManager.SetOrderBeginBlockers(append([]string{distrtypes.ModuleName, slashingtypes.ModuleName, evidencetypes.ModuleName,
		stakingtypes.ModuleName}, append(ibcBeginBlockers(), authz.ModuleName, nstypes.ModuleName, rewardstypes.ModuleName, treasurytypes.ModuleName)...)...)
	app.ModuleManager.SetOrderEndBlockers(banktypes.ModuleName, govtypes.ModuleName, stakingtypes.ModuleName,
		feegrant.ModuleName, nstypes.ModuleName)
	genesisOrder := []string{
		consensustypes.ModuleName, authtypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName,
		stakingtypes.ModuleName, slashingtypes.ModuleName, govtypes.ModuleName, genutiltypes.ModuleName,
		evidencetypes.ModuleName, authz.ModuleName, feegrant.ModuleName, nft.ModuleName, upgradetypes.ModuleName,
		treasurytypes.ModuleName, nstypes.ModuleName, rewardstypes.ModuleName,
	}
	genesisOrder = append(genesisOrder, ibcGenesisModules()...)
	app.ModuleManager.SetOrderInitGenesis(genesisOrder...)
	app.ModuleManager.SetOrderExportGenesis(genesisOrder...)

	app.configurator = module.NewConfigurator(appCodec, app.MsgServiceRouter(), app.GRPCQueryRouter())
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		panic(err)
	}
	app.registerUpgradeHandlers()
	app.sm = app.newSimulationManager()

	reflectionSvc, err := runtimeservices.NewReflectionService()
	if err != nil {
		panic(err)
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflectionSvc)
	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(), runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))

	app.MountKVStores(keys)
	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	app.setAnteHandler(txConfig)
	app.SetAnteHandler(app.withCommittedHeader(app.AnteHandler())) // CheckTx right after a restart
	app.registerTelemetry(appOpts)
	app.dashboard = dashboard.Enabled(appOpts)

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("load latest version: %w", err))
		}
	}
	return app
}

// PreBlocker runs the pre-blockers (x/upgrade).
func (app *XmtpApp) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the begin blockers.
func (app *XmtpApp) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the end blockers.
func (app *XmtpApp) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// InitChainer initialises every module from the genesis app state.
func (app *XmtpApp) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, fmt.Errorf("decode genesis app state: %w", err)
	}
	if err := ValidateGenesisAcrossModules(app.appCodec, genesisState); err != nil {
		return nil, fmt.Errorf("refusing genesis: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
}

// LoadHeight loads the state at a height.
func (app *XmtpApp) LoadHeight(height int64) error { return app.LoadVersion(height) }

// AppCodec returns the app's codec.
func (app *XmtpApp) AppCodec() codec.Codec { return app.appCodec }

// LegacyAmino returns the app's amino codec.
func (app *XmtpApp) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// InterfaceRegistry returns the app's interface registry.
func (app *XmtpApp) InterfaceRegistry() codectypes.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the app's tx config.
func (app *XmtpApp) TxConfig() client.TxConfig { return app.txConfig }

// GetKey returns a store key, for tests.
func (app *XmtpApp) GetKey(name string) *storetypes.KVStoreKey { return app.keys[name] }

// DefaultGenesis returns the default genesis of every module, with xmtpd's denoms.
func (app *XmtpApp) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// RegisterAPIRoutes registers the REST gateway routes.
func (app *XmtpApp) RegisterAPIRoutes(apiSvr *api.Server, apiConfig config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicModuleManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	if app.dashboard {
		dashboard.Register(apiSvr.Router)
	}
}

// RegisterTxService registers the tx gRPC service.
func (app *XmtpApp) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.GRPCQueryRouter(), clientCtx, app.Simulate, app.interfaceRegistry)
}

// RegisterTendermintService registers the CometBFT gRPC service.
func (app *XmtpApp) RegisterTendermintService(clientCtx client.Context) {
	cmtservice.RegisterServiceServer(app.GRPCQueryRouter(), cmtservice.NewQueryServer(clientCtx, app.interfaceRegistry, app.Query))
}

// RegisterNodeService registers the node gRPC service.
func (app *XmtpApp) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg, func() int64 {
		return app.CommitMultiStore().EarliestVersion()
	})
}

// govProposals adapts the gov keeper to x/rewards' GovKeeper (SimulateProposal).
type govProposals struct{ k *govkeeper.Keeper }

// GetProposal returns a stored proposal.
func (g govProposals) GetProposal(ctx context.Context, id uint64) (govv1.Proposal, error) {
	return g.k.Proposals.Get(ctx, id)
}

// BlockedAddresses are the module accounts that cannot receive plain sends.
func BlockedAddresses() map[string]bool {
	blocked := make(map[string]bool)
	for name := range maccPerms {
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	// The gov module account may receive funds (deposits, community spends).
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	return blocked
}

// ModuleAccountPermissions returns a copy of the module account permissions.
func ModuleAccountPermissions() map[string][]string {
	out := make(map[string][]string, len(maccPerms))
	for k, v := range maccPerms {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func skipUpgradeHeights(appOpts servertypes.AppOptions) map[int64]bool {
	out := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		out[int64(h)] = true
	}
	return out
}
