package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the module's messages for amino JSON
// signing. The names equal the messages' amino.name options and stay within
// the 39 characters legacy.RegisterAminoMsg allows (longer names break
// signing on a Ledger Nano), hence the short module tag "ns".
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgIssueOperatorNFT{}, "xmtp/ns/MsgIssueOperatorNFT")
	legacy.RegisterAminoMsg(cdc, &MsgRevokeOperatorNFT{}, "xmtp/ns/MsgRevokeOperatorNFT")
	legacy.RegisterAminoMsg(cdc, &MsgTransferOperatorNFT{}, "xmtp/ns/MsgTransferOperatorNFT")
	legacy.RegisterAminoMsg(cdc, &MsgRegisterOperator{}, "xmtp/ns/MsgRegisterOperator")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateOperator{}, "xmtp/ns/MsgUpdateOperator")
	legacy.RegisterAminoMsg(cdc, &MsgAddStake{}, "xmtp/ns/MsgAddStake")
	legacy.RegisterAminoMsg(cdc, &MsgDeregisterOperator{}, "xmtp/ns/MsgDeregisterOperator")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "xmtp/ns/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitAttestation{}, "xmtp/ns/MsgSubmitAttestation")
	legacy.RegisterAminoMsg(cdc, &MsgRecordViolation{}, "xmtp/ns/MsgRecordViolation")
	legacy.RegisterAminoMsg(cdc, &MsgExcuseViolation{}, "xmtp/ns/MsgExcuseViolation")
	legacy.RegisterAminoMsg(cdc, &MsgUnjail{}, "xmtp/ns/MsgUnjail")
	legacy.RegisterAminoMsg(cdc, &MsgAcceptSigner{}, "xmtp/ns/MsgAcceptSigner")
	legacy.RegisterAminoMsg(cdc, &MsgVote{}, "xmtp/ns/MsgVote")
	legacy.RegisterAminoMsg(cdc, &MsgUnvote{}, "xmtp/ns/MsgUnvote")
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
