package treasury

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/xmtp/xmtpd-chain/x/treasury/simulation"
)

var (
	_ module.AppModuleSimulation   = AppModule{}
	_ simsx.HasWeightedOperationsX = AppModule{}
	_ simsx.HasProposalMsgsX       = AppModule{}
)

// GenerateGenesisState writes a random genesis.
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes the module's collections for store diffs.
func (am AppModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[am.Name()] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WeightedOperations is the legacy hook; the operations are in WeightedOperationsX.
func (AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}

// WeightedOperationsX registers bucket funding, burns and the forged-spend attack.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_fund_bucket", 20), simulation.MsgFundBucketFactory())
	reg.Add(weights.Get("msg_burn_holdings", 10), simulation.MsgBurnHoldingsFactory(am.keeper))
	reg.Add(weights.Get("attack_forged_spend", 5), simulation.MsgForgedSpendFactory(am.keeper))
	reg.Add(weights.Get("msg_bid", 20), simulation.MsgBidFactory(am.keeper))
	reg.Add(weights.Get("attack_bid_too_low", 5), simulation.MsgBidTooLowFactory(am.keeper))
}

// ProposalMsgsX registers the authority messages as governance proposals.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	reg.Add(weights.Get("msg_spend", 40), simulation.MsgSpendFactory(am.keeper))
	reg.Add(weights.Get("msg_update_params_treasury", 20), simulation.MsgUpdateParamsFactory(am.keeper))
}
