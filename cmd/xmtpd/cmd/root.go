// Package cmd builds the xmtpd command tree.
package cmd

import (
	"os"

	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log/v2"
	cmtcfg "github.com/cometbft/cometbft/config"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/dashboard"
)

// NewRootCmd returns the xmtpd root command with every subcommand.
func NewRootCmd() *cobra.Command {
	app.SetConfig()
	// A throw-away app gives the codecs, the module manager and the autocli
	// options of every module.
	tempApp := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.EmptyAppOptions{})
	enc := app.EncodingConfig{
		InterfaceRegistry: tempApp.InterfaceRegistry(),
		Codec:             tempApp.AppCodec(),
		TxConfig:          tempApp.TxConfig(),
		Amino:             tempApp.LegacyAmino(),
	}

	initClientCtx := client.Context{}.
		WithCodec(enc.Codec).
		WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).
		WithLegacyAmino(enc.Amino).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome).
		WithViper("XMTPD")

	rootCmd := &cobra.Command{
		Use:           "xmtpd",
		Short:         "xmtpd: registry and paymaster of the XMTP node operator network",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())
			clientCtx, err := client.ReadPersistentCommandFlags(initClientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			clientCtx, err = config.ReadFromClientConfig(clientCtx)
			if err != nil {
				return err
			}
			if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
				return err
			}
			appTemplate, appConfig := appConfigDefaults()
			return guardMonikerFlag(cmd, func() error {
				return server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, cmtcfg.DefaultConfig())
			})
		},
	}

	addCommands(rootCmd, tempApp, enc)

	modules := make(map[string]any, len(tempApp.ModuleManager.Modules))
	for name, m := range tempApp.ModuleManager.Modules {
		modules[name] = m
	}
	autoCliOpts := autocli.AppOptions{
		Modules:               appModules(tempApp.ModuleManager),
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(modules),
		AddressCodec:          address.NewBech32Codec(app.Bech32Prefix),
		ValidatorAddressCodec: runtime.ValidatorAddressCodec(address.NewBech32Codec(app.Bech32PrefixValAddr)),
		ConsensusAddressCodec: runtime.ConsensusAddressCodec(address.NewBech32Codec(app.Bech32PrefixConsAddr)),
		ClientCtx:             initClientCtx,
	}
	if err := autoCliOpts.EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	echoRegions(rootCmd)
	return rootCmd
}

func appModules(mm *module.Manager) map[string]appmodule.AppModule {
	out := make(map[string]appmodule.AppModule, len(mm.Modules))
	for name, m := range mm.Modules {
		if am, ok := m.(appmodule.AppModule); ok {
			out[name] = am
		}
	}
	return out
}

// AppConfig is xmtpd's app.toml: the SDK's sections plus [dashboard].
type AppConfig struct {
	serverconfig.Config `mapstructure:",squash"`

	Dashboard dashboard.Config `mapstructure:"dashboard"`
}

// AppConfigTemplate is the app.toml template of AppConfig.
const AppConfigTemplate = serverconfig.DefaultConfigTemplate + dashboard.ConfigTemplate

// DefaultIAVLCacheSize is the iavl-cache-size xmtpd writes into app.toml:
// IAVL nodes cached per store (docs/protocol.md, "Node configuration").
const DefaultIAVLCacheSize = 2_000_000

// DefaultAppConfig is the app.toml xmtpd writes by default: zero gas price in
// uxmtp (validators raise it), API and gRPC enabled on localhost, the IAVL
// node cache of DefaultIAVLCacheSize, dashboard off.
func DefaultAppConfig() AppConfig {
	cfg := serverconfig.DefaultConfig()
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.API.Enable = true
	cfg.API.Address = "tcp://127.0.0.1:1317"
	cfg.IAVLCacheSize = DefaultIAVLCacheSize
	return AppConfig{Config: *cfg, Dashboard: dashboard.DefaultConfig()}
}

// appConfigDefaults returns the app.toml template and DefaultAppConfig.
func appConfigDefaults() (string, any) {
	return AppConfigTemplate, DefaultAppConfig()
}
