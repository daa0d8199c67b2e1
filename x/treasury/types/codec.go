package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterInterfaces registers the module's messages and Msg service.
func RegisterInterfaces(ir codectypes.InterfaceRegistry) {
	ir.RegisterImplementations((*sdk.Msg)(nil),
		&MsgSpend{},
		&MsgBurnHoldings{},
		&MsgFundBucket{},
		&MsgUpdateParams{},
		&MsgBid{},
	)
	msgservice.RegisterMsgServiceDesc(ir, &_Msg_serviceDesc)
}

// RegisterLegacyAminoCodec registers the amino names used for Amino JSON signing.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgSpend{}, "xmtp/x/treasury/MsgSpend")
	legacy.RegisterAminoMsg(cdc, &MsgBurnHoldings{}, "xmtp/x/treasury/MsgBurnHoldings")
	legacy.RegisterAminoMsg(cdc, &MsgFundBucket{}, "xmtp/x/treasury/MsgFundBucket")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "xmtp/x/treasury/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgBid{}, "xmtp/x/treasury/MsgBid")
	cdc.RegisterConcrete(&Params{}, "xmtp/x/treasury/Params", nil)
}
