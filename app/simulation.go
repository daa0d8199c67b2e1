package app

import (
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govsims "github.com/cosmos/cosmos-sdk/x/gov/simulation"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	"github.com/xmtp/xmtpd-chain/x/treasury"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// simulatedSDKModules are the SDK modules whose random genesis and operations
// run in the simulation next to the xmtpd modules. x/nft is left out: its
// random MsgSend would try to move operator NFTs, which the ante guard rejects
// (x/nodeselection's simulation tries that on purpose, expecting the error).
var simulatedSDKModules = []string{
	banktypes.ModuleName, feegrant.ModuleName, stakingtypes.ModuleName,
	distrtypes.ModuleName, slashingtypes.ModuleName, authz.ModuleName,
}

// SimulationManager returns the simulation manager (runtime.AppI).
func (app *XmtpApp) SimulationManager() *module.SimulationManager { return app.sm }

// GetBaseApp returns the BaseApp, for the SDK's simulation runner.
func (app *XmtpApp) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// newSimulationManager builds the simulation manager: the SDK modules above,
// auth with random genesis accounts, and the three xmtpd modules.
func (app *XmtpApp) newSimulationManager() *module.SimulationManager {
	mods := []module.AppModuleSimulation{
		auth.NewAppModule(app.appCodec, app.AccountKeeper, simGenesisAccounts, nil),
	}
	for _, name := range simulatedSDKModules {
		mods = append(mods, app.ModuleManager.Modules[name].(module.AppModuleSimulation))
	}
	mods = append(mods, govSimulation{am: app.ModuleManager.Modules[govtypes.ModuleName].(gov.AppModule), k: app.GovKeeper})
	ns := app.ModuleManager.Modules[nstypes.ModuleName].(nodeselection.AppModule)
	rw := app.ModuleManager.Modules[rewardstypes.ModuleName].(rewards.AppModule)
	tr := app.ModuleManager.Modules[treasurytypes.ModuleName].(treasury.AppModule)
	// x/rewards reads the x/nodeselection genesis, so it comes after it.
	mods = append(mods,
		nodeselection.NewSimulationModule(ns, app.NFTKeeper),
		rewards.NewSimulationModule(rw, app.NodeSelectionKeeper.Params()),
		tr,
	)
	sm := module.NewSimulationManager(mods...)
	sm.RegisterStoreDecoders()
	return sm
}

// govSimulation is x/gov in the simulation without legacy (v1beta1) content
// proposals: xmtpd registers no legacy proposal router, so MsgExecLegacyContent
// is rejected (the SDK's handler fails on the missing router).
type govSimulation struct {
	am gov.AppModule
	k  *govkeeper.Keeper
}

// GenerateGenesisState writes a random x/gov genesis.
func (g govSimulation) GenerateGenesisState(s *module.SimulationState) { g.am.GenerateGenesisState(s) }

// RegisterStoreDecoder registers the x/gov store decoder.
func (g govSimulation) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	g.am.RegisterStoreDecoder(sdr)
}

// WeightedOperations is the legacy hook; the operations are in WeightedOperationsX.
func (govSimulation) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}

// WeightedOperationsX registers proposals built from every module's proposal
// messages (the xmtpd authority messages among them), deposits and votes.
func (g govSimulation) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry, proposals simsx.WeightedProposalMsgIter,
	_ []simtypes.WeightedProposalContent, //nolint:staticcheck // legacy type in the SDK signature
) {
	for weight, factory := range proposals {
		reg.Add(weight/25, govsims.MsgSubmitProposalFactory(g.k, factory))
	}
	state := govsims.NewSharedState()
	reg.Add(weights.Get("msg_deposit", 100), govsims.MsgDepositFactory(g.k, state))
	reg.Add(weights.Get("msg_vote", 67), govsims.MsgVoteFactory(g.k, state))
	reg.Add(weights.Get("msg_weighted_vote", 33), govsims.MsgWeightedVoteFactory(g.k, state))
	reg.Add(weights.Get("cancel_proposal", 5), govsims.MsgCancelProposalFactory(g.k, state))
}

// ProposalMsgsX registers x/gov's own MsgUpdateParams proposal.
func (g govSimulation) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	g.am.ProposalMsgsX(weights, reg)
}

// simGenesisAccounts makes every simulation account a plain base account:
// xmtpd does not include x/auth/vesting, so vesting accounts cannot be decoded.
func simGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}
