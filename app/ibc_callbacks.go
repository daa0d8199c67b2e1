//go:build !preibc

package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	callbacktypes "github.com/cosmos/ibc-go/v11/modules/apps/callbacks/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"

	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// noContracts is the callbacks middleware's ContractKeeper. xmtpd runs no
// contracts: every src_callback / dest_callback asked for in a memo is
// refused, so an incoming transfer asking for one gets an error
// acknowledgement (the sender is refunded) and an outgoing one fails to send.
// Pool funding uses its own memo key and middleware (x/rewards/ibc).
type noContracts struct{}

var _ callbacktypes.ContractKeeper = noContracts{}

func refuse(addr string) error {
	return callbacktypes.ErrInvalidCallbackData.Wrapf(
		"xmtpd runs no contracts, callback address %q cannot be called; to fund the reward pool use the memo %s",
		addr, rewardstypes.FundingMemo)
}

// IBCSendPacketCallback refuses a source callback.
func (noContracts) IBCSendPacketCallback(_ sdk.Context, _, _ string, _ clienttypes.Height, _ uint64, _ []byte, addr, _, _ string) error {
	return refuse(addr)
}

// IBCOnAcknowledgementPacketCallback refuses (never reached: sends with callbacks are refused).
func (noContracts) IBCOnAcknowledgementPacketCallback(_ sdk.Context, _ channeltypes.Packet, _ []byte, _ sdk.AccAddress, addr, _, _ string) error {
	return refuse(addr)
}

// IBCOnTimeoutPacketCallback refuses (never reached: sends with callbacks are refused).
func (noContracts) IBCOnTimeoutPacketCallback(_ sdk.Context, _ channeltypes.Packet, _ sdk.AccAddress, addr, _, _ string) error {
	return refuse(addr)
}

// IBCReceivePacketCallback refuses a destination callback: an error acknowledgement.
func (noContracts) IBCReceivePacketCallback(_ sdk.Context, _ ibcexported.PacketI, _ ibcexported.Acknowledgement, addr, _ string) error {
	return refuse(addr)
}
