package nodeselection

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/simulation"
)

// SimulationModule is x/nodeselection for the SDK's simulation manager. It
// wraps AppModule with read access to x/nft, which the message factories need
// to find NFT holders.
type SimulationModule struct {
	AppModule
	nk simulation.NFTKeeper
}

var (
	_ module.AppModuleSimulation   = SimulationModule{}
	_ simsx.HasWeightedOperationsX = SimulationModule{}
	_ simsx.HasProposalMsgsX       = SimulationModule{}
)

// NewSimulationModule returns the module for the simulation manager.
func NewSimulationModule(am AppModule, nk simulation.NFTKeeper) SimulationModule {
	return SimulationModule{AppModule: am, nk: nk}
}

// GenerateGenesisState writes a random genesis (params and operators).
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

// WeightedOperationsX registers operator transactions and attacks that must fail.
func (am SimulationModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k, nk := am.keeper, am.nk
	reg.Add(weights.Get("msg_register_operator", 60), simulation.MsgRegisterOperatorFactory(k, nk))
	reg.Add(weights.Get("msg_update_operator", 20), simulation.MsgUpdateOperatorFactory(k, nk))
	reg.Add(weights.Get("msg_accept_signer", 20), simulation.MsgAcceptSignerFactory(k, nk))
	reg.Add(weights.Get("msg_add_stake", 30), simulation.MsgAddStakeFactory(k, nk))
	reg.Add(weights.Get("msg_deregister_operator", 8), simulation.MsgDeregisterOperatorFactory(k, nk))
	reg.Add(weights.Get("attack_register_twice", 5), simulation.MsgRegisterTwiceFactory(k, nk))
	reg.Add(weights.Get("attack_register_foreign_nft", 5), simulation.MsgRegisterForeignNFTFactory(k, nk))
	reg.Add(weights.Get("attack_send_operator_nft", 5), simulation.MsgSendOperatorNFTFactory(k, nk))
	reg.Add(weights.Get("attack_forged_issue_nft", 3), simulation.MsgForgedIssueNFTFactory())
	reg.Add(weights.Get("msg_submit_attestation", 80), simulation.MsgSubmitAttestationFactory(k, nk))
	reg.Add(weights.Get("msg_unjail", 20), simulation.MsgUnjailFactory(k, nk))
	reg.Add(weights.Get("attack_attest_foreign", 5), simulation.MsgAttestForeignFactory(k, nk))
	reg.Add(weights.Get("attack_attest_wrong_cycle", 5), simulation.MsgAttestWrongCycleFactory(k, nk))
	reg.Add(weights.Get("msg_vote", 30), simulation.MsgVoteFactory(k, nk))
	reg.Add(weights.Get("msg_unvote", 15), simulation.MsgUnvoteFactory(k))
}

// ProposalMsgsX registers the authority messages as governance proposals.
func (am SimulationModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	k, nk := am.keeper, am.nk
	reg.Add(weights.Get("msg_issue_operator_nft", 100), simulation.MsgIssueOperatorNFTFactory(nk))
	reg.Add(weights.Get("msg_revoke_operator_nft", 15), simulation.MsgRevokeOperatorNFTFactory(k, nk))
	reg.Add(weights.Get("msg_transfer_operator_nft", 15), simulation.MsgTransferOperatorNFTFactory(k, nk))
	reg.Add(weights.Get("msg_update_params_nodeselection", 20), simulation.MsgUpdateParamsFactory(k))
	reg.Add(weights.Get("msg_record_violation", 30), simulation.MsgRecordViolationFactory(k, nk))
}
