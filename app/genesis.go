package app

import (
	"encoding/json"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// GenesisState is the app state of a genesis file, one entry per module.
type GenesisState map[string]json.RawMessage

// DenomMetadata returns the bank metadata of XMTP and USDC.
func DenomMetadata() []banktypes.Metadata {
	meta := func(base, display, name, desc string) banktypes.Metadata {
		return banktypes.Metadata{
			Description: desc,
			DenomUnits: []*banktypes.DenomUnit{
				{Denom: base, Exponent: 0},
				{Denom: display, Exponent: 6},
			},
			Base:    base,
			Display: display,
			Name:    name,
			Symbol:  display,
		}
	}
	return []banktypes.Metadata{
		meta(BondDenom, "XMTP", "XMTP", "The XMTP token: staking, gas, operator bonds and governance deposits."),
		meta(RewardDenom, "USDC", "USD Coin", "USDC, the reward currency of XMTP node operators."),
	}
}

// genesisDefaults wraps a module's basic so that its DefaultGenesis carries
// xmtpd's denoms; `xmtpd init` and the app's DefaultGenesis both use it.
type genesisDefaults struct {
	module.AppModuleBasic
	edit func(cdc codec.JSONCodec, raw json.RawMessage) json.RawMessage
}

// DefaultGenesis returns the wrapped module's default genesis, edited.
func (g genesisDefaults) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return g.edit(cdc, g.AppModuleBasic.(module.HasGenesisBasics).DefaultGenesis(cdc))
}

// ValidateGenesis validates with the wrapped module.
func (g genesisDefaults) ValidateGenesis(cdc codec.JSONCodec, txCfg client.TxEncodingConfig, bz json.RawMessage) error {
	return g.AppModuleBasic.(module.HasGenesisBasics).ValidateGenesis(cdc, txCfg, bz)
}

// basicOverrides returns the bank, staking and gov basics with xmtpd defaults:
// bank metadata for uxmtp and uusdc, uxmtp as bond denom and gov deposit denom.
func basicOverrides(mm *module.Manager) map[string]module.AppModuleBasic {
	wrap := func(name string, edit func(codec.JSONCodec, json.RawMessage) json.RawMessage) module.AppModuleBasic {
		return genesisDefaults{AppModuleBasic: mm.Modules[name].(module.AppModuleBasic), edit: edit}
	}
	return map[string]module.AppModuleBasic{
		banktypes.ModuleName: wrap(banktypes.ModuleName, func(cdc codec.JSONCodec, raw json.RawMessage) json.RawMessage {
			var gen banktypes.GenesisState
			cdc.MustUnmarshalJSON(raw, &gen)
			gen.DenomMetadata = DenomMetadata()
			return cdc.MustMarshalJSON(&gen)
		}),
		stakingtypes.ModuleName: wrap(stakingtypes.ModuleName, func(cdc codec.JSONCodec, raw json.RawMessage) json.RawMessage {
			var gen stakingtypes.GenesisState
			cdc.MustUnmarshalJSON(raw, &gen)
			gen.Params.BondDenom = BondDenom
			return cdc.MustMarshalJSON(&gen)
		}),
		govtypes.ModuleName: wrap(govtypes.ModuleName, func(cdc codec.JSONCodec, raw json.RawMessage) json.RawMessage {
			var gen govv1.GenesisState
			cdc.MustUnmarshalJSON(raw, &gen)
			gen.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, sdkmath.NewInt(10_000_000)))
			gen.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(BondDenom, sdkmath.NewInt(50_000_000)))
			period := 48 * time.Hour
			gen.Params.MaxDepositPeriod = &period
			return cdc.MustMarshalJSON(&gen)
		}),
	}
}
