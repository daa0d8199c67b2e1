package rewards

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/xmtp/xmtpd-chain/x/rewards/simulation"
)

// SimulationModule is x/rewards for the SDK's simulation manager; it reads the
// x/nodeselection params to keep payout_period >= cycle_duration.
type SimulationModule struct {
	AppModule
	ns simulation.NodeSelectionParams
}

var (
	_ module.AppModuleSimulation   = SimulationModule{}
	_ simsx.HasWeightedOperationsX = SimulationModule{}
	_ simsx.HasProposalMsgsX       = SimulationModule{}
)

// NewSimulationModule returns the module for the simulation manager.
func NewSimulationModule(am AppModule, ns simulation.NodeSelectionParams) SimulationModule {
	return SimulationModule{AppModule: am, ns: ns}
}

// GenerateGenesisState writes a random genesis.
func (SimulationModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes the module's collections for store diffs.
func (am SimulationModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[am.Name()] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WeightedOperations is the legacy hook; the operations are in WeightedOperationsX.
func (SimulationModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}

// WeightedOperationsX registers pool funding and the fake-denom attack.
func (am SimulationModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_fund_reward_pool", 80), simulation.MsgFundRewardPoolFactory(am.keeper))
	reg.Add(weights.Get("attack_fund_fake_denom", 5), simulation.MsgFundFakeDenomFactory(am.keeper))
}

// ProposalMsgsX registers MsgUpdateParams as a governance proposal.
func (am SimulationModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_update_params_rewards", 20), simulation.MsgUpdateParamsFactory(am.keeper, am.ns))
}
