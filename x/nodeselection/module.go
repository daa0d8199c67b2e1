// Package nodeselection is the x/nodeselection module: the Node Operator NFT,
// the operator registry with bonds, and the rotation of the active set.
package nodeselection

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// ConsensusVersion is the state version of x/nodeselection; bump it with a migration.
// 2: signer consent (pending_signer), record pruning (max_prune_per_block, violations-by-id index).
const ConsensusVersion = 5

var (
	_ module.HasGenesis          = AppModule{}
	_ module.HasServices         = AppModule{}
	_ module.HasConsensusVersion = AppModule{}
	_ module.AppModuleBasic      = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasBeginBlocker  = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
)

// migrations maps a from-version to its in-place store migration; each new
// entry comes with a ConsensusVersion bump.
var migrations = map[uint64]func(keeper.Migrator) module.MigrationHandler{
	1: func(m keeper.Migrator) module.MigrationHandler { return m.Migrate1to2 },
	2: func(m keeper.Migrator) module.MigrationHandler { return m.Migrate2to3 },
	3: func(m keeper.Migrator) module.MigrationHandler { return m.Migrate3to4 },
	4: func(m keeper.Migrator) module.MigrationHandler { return m.Migrate4to5 },
}

// AppModule is the x/nodeselection app module.
type AppModule struct {
	cdc    codec.Codec
	keeper *keeper.Keeper
}

// NewAppModule creates the app module.
func NewAppModule(cdc codec.Codec, k *keeper.Keeper) AppModule {
	return AppModule{cdc: cdc, keeper: k}
}

// IsAppModule implements appmodule.AppModule.
func (AppModule) IsAppModule() {}

// IsOnePerModuleType implements depinject.OnePerModuleType.
func (AppModule) IsOnePerModuleType() {}

// Name returns the module name.
func (AppModule) Name() string { return types.ModuleName }

// RegisterLegacyAminoCodec registers the messages for amino JSON signing.
func (AppModule) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the messages with the interface registry.
func (AppModule) RegisterInterfaces(ir codectypes.InterfaceRegistry) { types.RegisterInterfaces(ir) }

// RegisterGRPCGatewayRoutes registers the REST routes /xmtp/nodeselection/v1/...
func (AppModule) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// RegisterServices registers the Msg and Query services and the store migrations.
func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQuerier(am.keeper))
	m := keeper.NewMigrator(am.keeper)
	for from, handler := range migrations {
		if err := cfg.RegisterMigration(types.ModuleName, from, handler(m)); err != nil {
			panic(fmt.Sprintf("failed to register %s migration from version %d: %s", types.ModuleName, from, err))
		}
	}
}

// ConsensusVersion implements module.HasConsensusVersion.
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// DefaultGenesis returns the default genesis state as JSON.
func (AppModule) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis validates a genesis state given as JSON.
func (am AppModule) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", types.ModuleName, err)
	}
	return gs.Validate(am.cdc.InterfaceRegistry().SigningContext().AddressCodec())
}

// InitGenesis loads the genesis state; it panics on invalid state.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("failed to init %s genesis: %w", types.ModuleName, err))
	}
}

// ExportGenesis exports the whole state as JSON.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("failed to export %s genesis: %w", types.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}

// EndBlock stores the schedule again when a message of this block dropped it.
func (am AppModule) EndBlock(ctx context.Context) error {
	return am.keeper.EndBlocker(ctx)
}

// BeginBlock processes cycle boundaries, waiting periods and matured unbondings.
func (am AppModule) BeginBlock(ctx context.Context) error {
	return am.keeper.BeginBlocker(ctx)
}
