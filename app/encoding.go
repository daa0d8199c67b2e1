package app

import (
	"sync"

	"github.com/cosmos/cosmos-sdk/x/tx/signing"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
)

// EncodingConfig bundles the codecs the app and its clients use.
type EncodingConfig struct {
	InterfaceRegistry codectypes.InterfaceRegistry
	Codec             codec.Codec
	TxConfig          client.TxConfig
	Amino             *codec.LegacyAmino
}

// MakeEncodingConfig builds the codecs with the xmtp address prefixes. Module
// interfaces are registered by the module manager in NewXmtpApp.
func MakeEncodingConfig() EncodingConfig {
	SetConfig()
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: protoFiles(),
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(Bech32PrefixValAddr),
		},
	})
	if err != nil {
		panic(err)
	}
	amino := codec.NewLegacyAmino()
	std.RegisterLegacyAminoCodec(amino)
	std.RegisterInterfaces(registry)
	cdc := codec.NewProtoCodec(registry)
	return EncodingConfig{
		InterfaceRegistry: registry,
		Codec:             cdc,
		TxConfig:          authtx.NewTxConfig(cdc, authtx.DefaultSignModes),
		Amino:             amino,
	}
}

// protoFiles is every registered proto file, rebuilt with its imports
// resolved. gogoproto builds each file's descriptor when its init runs, so a
// file registered before the files it imports (x/*/types/tx.pb.go runs before
// types.pb.go and votes.pb.go) keeps placeholder descriptors without fields
// for the imported messages. proto.HybridResolver serves those: the
// amino-json signer (x/tx) then encoded MsgUpdateParams.params and
// MsgSubmitAttestation.observations as {} and rejected every amino-json
// signature over them (Ledger, Keplr amino mode). Built once per process.
var protoFiles = sync.OnceValue(func() signing.ProtoFileResolver {
	files, err := proto.MergedRegistry()
	if err != nil {
		panic(err)
	}
	return files
})
