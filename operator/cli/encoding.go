package cli

import (
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// ClientContext is the client context of the operator agent: an interface
// registry with the SDK's base types (keys, tx, sdk.Msg), x/auth's accounts
// (the account retriever unpacks them) and x/nodeselection's messages (the
// agent signs MsgSubmitAttestation and reads its own transactions back), the
// proto codec over it and a tx config. No module manager, keeper or autocli.
func ClientContext() client.Context {
	chainconfig.SetConfig()
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(chainconfig.Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(chainconfig.Bech32PrefixValAddr),
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
		WithAccountRetriever(authtypes.AccountRetriever{})
}
