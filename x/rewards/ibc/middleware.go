// Package ibc is the ICS-20 middleware of x/rewards: a transfer whose memo is
// {"xmtp":{"fund_reward_pool":{}}} funds the reward pool in the same packet
// (SPEC 10). It sits directly above the transfer app in the transfer stack.
package ibc

import (
	"encoding/json"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v11/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// ChannelKeeper finds the client (and so the sending chain) under a channel.
type ChannelKeeper interface {
	GetChannelClientState(ctx sdk.Context, portID, channelID string) (string, ibcexported.ClientState, error)
}

// FundingMiddleware wraps the ICS-20 transfer app. Packets without the xmtp
// memo key pass through untouched, unless they are addressed to the funding
// address. A packet asking to fund the pool (by memo, or by naming the
// funding address) is credited by the transfer app to types.FundingAddress
// and moved on into the pool at once; any check that fails is an error
// acknowledgement, so the core IBC handler discards the packet's state and
// the sender is refunded.
type FundingMiddleware struct {
	app      porttypes.PacketUnmarshalerModule
	ics4     porttypes.ICS4Wrapper
	keeper   *keeper.Keeper
	channels ChannelKeeper
	// moduleAddr is the receiver a memo-funding packet names (the x/rewards module account).
	moduleAddr string
	// fundingAddr is the funding address (types.FundingAddress), which funds without a memo.
	fundingAddr string
}

var (
	_ porttypes.Middleware            = (*FundingMiddleware)(nil)
	_ porttypes.PacketDataUnmarshaler = (*FundingMiddleware)(nil)
)

// NewFundingMiddleware builds the middleware; the stack builder sets the app below and the ICS4 wrapper above.
func NewFundingMiddleware(k *keeper.Keeper, channels ChannelKeeper, moduleAddr string) *FundingMiddleware {
	return &FundingMiddleware{keeper: k, channels: channels, moduleAddr: moduleAddr, fundingAddr: types.FundingAddress().String()}
}

// OnRecvPacket funds the pool when the memo asks for it or the receiver is
// the funding address, else defers to transfer.
func (m *FundingMiddleware) OnRecvPacket(ctx sdk.Context, version string, packet channeltypes.Packet, relayer sdk.AccAddress) ibcexported.Acknowledgement {
	var data transfertypes.FungibleTokenPacketData
	if version != transfertypes.V1 || json.Unmarshal(packet.GetData(), &data) != nil {
		return m.app.OnRecvPacket(ctx, version, packet, relayer) // not ours to judge: transfer answers
	}
	wants, err := types.ParseFundingMemo(data.Memo)
	if err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
	}
	// The funding address funds the pool with or without the memo (SPEC 10:
	// forwarding accounts cannot set one); nothing else may reach it over IBC.
	toFundingAddress := data.Receiver == m.fundingAddr
	if !wants && !toFundingAddress {
		return m.app.OnRecvPacket(ctx, version, packet, relayer)
	}
	funding, err := m.fundingOf(ctx, packet, data)
	if err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
	}
	if err := m.keeper.CheckIBCFunding(ctx, funding); err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
	}
	intermediary := types.FundingAddress()
	data.Receiver = intermediary.String()
	rewritten := packet
	rewritten.Data = data.GetBytes()
	ack := m.app.OnRecvPacket(types.WithFundingCredit(ctx), version, rewritten, relayer)
	if ack == nil || !ack.Success() {
		return ack
	}
	if _, err := m.keeper.FundPoolFromIBC(ctx, intermediary, funding); err != nil {
		return channeltypes.NewErrorAcknowledgement(err)
	}
	return ack
}

// fundingOf reads who pays what from the packet: the receiver must be the
// x/rewards module account or the funding address, the coin is named as it
// will be on this chain.
func (m *FundingMiddleware) fundingOf(ctx sdk.Context, packet channeltypes.Packet, data transfertypes.FungibleTokenPacketData) (keeper.IBCFundingPacket, error) {
	if data.Receiver != m.moduleAddr && data.Receiver != m.fundingAddr {
		return keeper.IBCFundingPacket{}, types.ErrFundingReceiver.Wrapf(
			"a transfer funding the reward pool names the x/rewards module account %s or the funding address %s as receiver, got %q",
			m.moduleAddr, m.fundingAddr, data.Receiver)
	}
	amount, ok := sdkmath.NewIntFromString(data.Amount)
	if !ok || !amount.IsPositive() {
		return keeper.IBCFundingPacket{}, types.ErrInvalidAmount.Wrapf("amount %q must be a positive integer", data.Amount)
	}
	denom := transfertypes.ExtractDenomFromPath(data.Denom)
	if denom.HasPrefix(packet.GetSourcePort(), packet.GetSourceChannel()) {
		denom.Trace = denom.Trace[1:] // the coin comes home: unescrowed as its native denom
	} else {
		denom.Trace = append([]transfertypes.Hop{transfertypes.NewHop(packet.GetDestPort(), packet.GetDestChannel())}, denom.Trace...)
	}
	clientID, cs, err := m.channels.GetChannelClientState(ctx, packet.GetDestPort(), packet.GetDestChannel())
	if err != nil {
		return keeper.IBCFundingPacket{}, err
	}
	chainID := ""
	if tm, ok := cs.(*ibctm.ClientState); ok {
		chainID = tm.ChainId
	}
	return keeper.IBCFundingPacket{
		SourceChain: chainID, SourceClient: clientID, Sender: data.Sender,
		SourcePort: packet.GetSourcePort(), SourceChannel: packet.GetSourceChannel(),
		Channel: packet.GetDestChannel(), Sequence: packet.GetSequence(),
		Amount: sdk.NewCoin(denom.IBCDenom(), amount),
	}, nil
}

// OnChanOpenInit defers to transfer.
func (m *FundingMiddleware) OnChanOpenInit(ctx sdk.Context, order channeltypes.Order, hops []string, portID, channelID string,
	cp channeltypes.Counterparty, version string,
) (string, error) {
	return m.app.OnChanOpenInit(ctx, order, hops, portID, channelID, cp, version)
}

// OnChanOpenTry defers to transfer.
func (m *FundingMiddleware) OnChanOpenTry(ctx sdk.Context, order channeltypes.Order, hops []string, portID, channelID string,
	cp channeltypes.Counterparty, cpVersion string,
) (string, error) {
	return m.app.OnChanOpenTry(ctx, order, hops, portID, channelID, cp, cpVersion)
}

// OnChanOpenAck defers to transfer.
func (m *FundingMiddleware) OnChanOpenAck(ctx sdk.Context, portID, channelID, cpChannelID, cpVersion string) error {
	return m.app.OnChanOpenAck(ctx, portID, channelID, cpChannelID, cpVersion)
}

// OnChanOpenConfirm defers to transfer.
func (m *FundingMiddleware) OnChanOpenConfirm(ctx sdk.Context, portID, channelID string) error {
	return m.app.OnChanOpenConfirm(ctx, portID, channelID)
}

// OnChanCloseInit defers to transfer.
func (m *FundingMiddleware) OnChanCloseInit(ctx sdk.Context, portID, channelID string) error {
	return m.app.OnChanCloseInit(ctx, portID, channelID)
}

// OnChanCloseConfirm defers to transfer.
func (m *FundingMiddleware) OnChanCloseConfirm(ctx sdk.Context, portID, channelID string) error {
	return m.app.OnChanCloseConfirm(ctx, portID, channelID)
}

// OnAcknowledgementPacket defers to transfer (this chain's outgoing packets).
func (m *FundingMiddleware) OnAcknowledgementPacket(ctx sdk.Context, version string, packet channeltypes.Packet, ack []byte, relayer sdk.AccAddress) error {
	return m.app.OnAcknowledgementPacket(ctx, version, packet, ack, relayer)
}

// OnTimeoutPacket defers to transfer.
func (m *FundingMiddleware) OnTimeoutPacket(ctx sdk.Context, version string, packet channeltypes.Packet, relayer sdk.AccAddress) error {
	return m.app.OnTimeoutPacket(ctx, version, packet, relayer)
}

// SendPacket defers to the wrapper above.
func (m *FundingMiddleware) SendPacket(ctx sdk.Context, port, channel string, timeoutHeight clienttypes.Height, timeoutTimestamp uint64, data []byte) (uint64, error) {
	return m.ics4.SendPacket(ctx, port, channel, timeoutHeight, timeoutTimestamp, data)
}

// WriteAcknowledgement defers to the wrapper above.
func (m *FundingMiddleware) WriteAcknowledgement(ctx sdk.Context, packet ibcexported.PacketI, ack ibcexported.Acknowledgement) error {
	return m.ics4.WriteAcknowledgement(ctx, packet, ack)
}

// GetAppVersion defers to the wrapper above.
func (m *FundingMiddleware) GetAppVersion(ctx sdk.Context, portID, channelID string) (string, bool) {
	return m.ics4.GetAppVersion(ctx, portID, channelID)
}

// UnmarshalPacketData defers to transfer (the callbacks middleware above needs it).
func (m *FundingMiddleware) UnmarshalPacketData(ctx sdk.Context, portID, channelID string, bz []byte) (any, string, error) {
	return m.app.UnmarshalPacketData(ctx, portID, channelID, bz)
}

// SetICS4Wrapper sets the wrapper above (set by the stack builder).
func (m *FundingMiddleware) SetICS4Wrapper(w porttypes.ICS4Wrapper) { m.ics4 = w }

// SetUnderlyingApplication sets the transfer app below; it must unmarshal packet data.
func (m *FundingMiddleware) SetUnderlyingApplication(app porttypes.IBCModule) {
	pd, ok := app.(porttypes.PacketUnmarshalerModule)
	if !ok {
		panic("x/rewards funding middleware: the underlying app must unmarshal packet data (the ICS-20 transfer app)")
	}
	m.app = pd
}
