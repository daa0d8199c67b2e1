package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the module's messages for amino JSON signing.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	cdc.RegisterConcrete(&MsgIssueOperatorNFT{}, "xmtp/x/nodeselection/MsgIssueOperatorNFT", nil)
	cdc.RegisterConcrete(&MsgRevokeOperatorNFT{}, "xmtp/x/nodeselection/MsgRevokeOperatorNFT", nil)
	cdc.RegisterConcrete(&MsgTransferOperatorNFT{}, "xmtp/x/nodeselection/MsgTransferOperatorNFT", nil)
	cdc.RegisterConcrete(&MsgRegisterOperator{}, "xmtp/x/nodeselection/MsgRegisterOperator", nil)
	cdc.RegisterConcrete(&MsgUpdateOperator{}, "xmtp/x/nodeselection/MsgUpdateOperator", nil)
	cdc.RegisterConcrete(&MsgAddStake{}, "xmtp/x/nodeselection/MsgAddStake", nil)
	cdc.RegisterConcrete(&MsgDeregisterOperator{}, "xmtp/x/nodeselection/MsgDeregisterOperator", nil)
	cdc.RegisterConcrete(&MsgUpdateParams{}, "xmtp/x/nodeselection/MsgUpdateParams", nil)
	cdc.RegisterConcrete(&MsgSubmitAttestation{}, "xmtp/x/nodeselection/MsgSubmitAttestation", nil)
	cdc.RegisterConcrete(&MsgRecordViolation{}, "xmtp/x/nodeselection/MsgRecordViolation", nil)
	cdc.RegisterConcrete(&MsgExcuseViolation{}, "xmtp/x/nodeselection/MsgExcuseViolation", nil)
	cdc.RegisterConcrete(&MsgUnjail{}, "xmtp/x/nodeselection/MsgUnjail", nil)
	cdc.RegisterConcrete(&MsgAcceptSigner{}, "xmtp/x/nodeselection/MsgAcceptSigner", nil)
	cdc.RegisterConcrete(&MsgVote{}, "xmtp/x/nodeselection/MsgVote", nil)
	cdc.RegisterConcrete(&MsgUnvote{}, "xmtp/x/nodeselection/MsgUnvote", nil)
	cdc.RegisterConcrete(&Params{}, "xmtp/x/nodeselection/Params", nil)
}

// RegisterInterfaces registers the module's messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgIssueOperatorNFT{},
		&MsgRevokeOperatorNFT{},
		&MsgTransferOperatorNFT{},
		&MsgRegisterOperator{},
		&MsgUpdateOperator{},
		&MsgAddStake{},
		&MsgDeregisterOperator{},
		&MsgUpdateParams{},
		&MsgSubmitAttestation{},
		&MsgRecordViolation{},
		&MsgExcuseViolation{},
		&MsgUnjail{},
		&MsgAcceptSigner{},
		&MsgVote{},
		&MsgUnvote{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
