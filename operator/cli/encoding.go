package cli

import (
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The chain's bech32 prefixes, as app.Bech32Prefix and its derivations (a
// test of cmd/xmtpd/cmd keeps them equal; importing app would link the whole
// chain into xmtpd-operator).
const (
	Bech32Prefix         = "xmtp"
	Bech32PrefixAccPub   = Bech32Prefix + "pub"
	Bech32PrefixValAddr  = Bech32Prefix + "valoper"
	Bech32PrefixValPub   = Bech32Prefix + "valoperpub"
	Bech32PrefixConsAddr = Bech32Prefix + "valcons"
	Bech32PrefixConsPub  = Bech32Prefix + "valconspub"
)

// SetConfig seals the SDK's global config with the xmtp prefixes unless they
// are set already (by app.SetConfig in the xmtpd binary).
func SetConfig() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	cfg.Seal()
}

// ClientContext is the client context of the operator agent: an interface
// registry with the SDK's base types (keys, tx, sdk.Msg), x/auth's accounts
// (the account retriever unpacks them) and x/nodeselection's messages (the
// agent signs MsgSubmitAttestation and reads its own transactions back), the
// proto codec over it and a tx config. No module manager, keeper or autocli.
func ClientContext() client.Context {
	SetConfig()
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(Bech32PrefixValAddr),
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
