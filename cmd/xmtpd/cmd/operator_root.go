package cmd

import (
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// IsOperatorCommand reports whether args (os.Args without the program name)
// run `xmtpd operator …`, which NewOperatorRootCmd serves on its own.
func IsOperatorCommand(args []string) bool {
	return len(args) > 0 && args[0] == "operator"
}

// NewOperatorRootCmd is the root of `xmtpd operator …` alone. The operator
// agent runs for months beside an XMTP node and signs one message type, so it
// does not build the app (module manager, keepers, autocli) that NewRootCmd
// needs for every other command: its codecs know the account, key and tx
// types and x/nodeselection's messages, nothing else (operatorClientContext).
// Its flags and subcommands are those of `xmtpd operator` under NewRootCmd;
// the persistent flags (--home, --log_level, ...) are added by the caller
// (svrcmd.Execute) as for the full root.
func NewOperatorRootCmd() *cobra.Command {
	app.SetConfig()
	root := &cobra.Command{
		Use:           "xmtpd",
		Short:         "xmtpd: registry and paymaster of the XMTP node operator network",
		SilenceErrors: true,
	}
	root.AddCommand(OperatorCmd())
	return root
}

// operatorClientContext is the client context of the operator agent: an
// interface registry with the SDK's base types (keys, tx, sdk.Msg), x/auth's
// accounts (the account retriever unpacks them) and x/nodeselection's
// messages (the agent signs MsgSubmitAttestation and reads its own
// transactions back), the proto codec over it and a tx config.
func operatorClientContext() client.Context {
	app.SetConfig()
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(app.Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(app.Bech32PrefixValAddr),
		},
	})
	if err != nil {
		panic(err)
	}
	std.RegisterInterfaces(registry)
	authtypes.RegisterInterfaces(registry)
	nstypes.RegisterInterfaces(registry)
	cdc := codec.NewProtoCodec(registry)
	amino := codec.NewLegacyAmino()
	std.RegisterLegacyAminoCodec(amino)
	return client.Context{}.
		WithCodec(cdc).
		WithInterfaceRegistry(registry).
		WithTxConfig(authtx.NewTxConfig(cdc, authtx.DefaultSignModes)).
		WithLegacyAmino(amino).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(app.DefaultNodeHome)
}
