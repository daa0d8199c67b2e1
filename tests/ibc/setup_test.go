// Package ibc_test runs xmtpd against a counterparty chain in-process with
// ibc-go's testing package (a coordinator relaying packets between the two):
// chain A is the xmtpd app under test, chain B a second xmtpd app in the role
// of the issuer of uusdc (Noble on a live network). ibc-go's testing simapp
// cannot be the counterparty: it hard-codes the cosmos bech32 prefix, and the
// SDK's address config is one per process.
package ibc_test

import (
	"encoding/json"
	"testing"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v11/testing"

	"github.com/xmtp/xmtpd-chain/app"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const (
	usdc        = "uusdc"
	xmtpChainID = "xmtp-1"
	issuerID    = "issuer-1"
	// fundingChannel is the channel id both ends get on the first path.
	fundingChannel = "channel-0"
)

// testApp adds what ibctesting.TestingApp needs beyond the app itself.
type testApp struct{ *app.XmtpApp }

func (a testApp) GetBaseApp() *baseapp.BaseApp { return a.BaseApp }
func (a testApp) GetTxConfig() client.TxConfig { return a.TxConfig() }

// voucher is uusdc's denom on xmtpd when it arrives over channel-0.
func voucher() string {
	return transfertypes.NewDenom(usdc, transfertypes.NewHop(transfertypes.PortID, fundingChannel)).IBCDenom()
}

// xmtpCreator builds an xmtpd app whose reward_denom is the uusdc voucher and
// whose funding_channels is [channel-0]; edit changes the genesis further.
func xmtpCreator(t *testing.T, edit func(map[string]json.RawMessage)) ibctesting.AppCreator {
	return func() (ibctesting.TestingApp, map[string]json.RawMessage) {
		a := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{})
		gen := a.DefaultGenesis()
		var rg rewardstypes.GenesisState
		a.AppCodec().MustUnmarshalJSON(gen[rewardstypes.ModuleName], &rg)
		rg.Params.RewardDenom = voucher()
		rg.Params.FundingChannels = []string{fundingChannel}
		gen[rewardstypes.ModuleName] = a.AppCodec().MustMarshalJSON(&rg)
		if edit != nil {
			edit(gen)
		}
		return testApp{a}, gen
	}
}

// env is one two-chain world: xmtpd (A), the issuer (B) and a transfer path.
type env struct {
	t      *testing.T
	coord  *ibctesting.Coordinator
	xmtp   *ibctesting.TestChain
	issuer *ibctesting.TestChain
	path   *ibctesting.Path
}

// newEnv starts both chains, opens the transfer channel and gives the
// issuer's sender account `minted` uusdc.
func newEnv(t *testing.T, minted int64, edit func(map[string]json.RawMessage)) *env {
	app.SetConfig() // xmtp bech32 prefixes, before the testing package makes its accounts
	coord := ibctesting.NewCustomAppCoordinator(t, 0, ibctesting.DefaultTestingAppInit)
	xmtp := ibctesting.NewCustomAppTestChain(t, coord, xmtpChainID, xmtpCreator(t, edit))
	issuer := ibctesting.NewCustomAppTestChain(t, coord, issuerID, issuerCreator)
	coord.Chains = map[string]*ibctesting.TestChain{xmtpChainID: xmtp, issuerID: issuer}
	path := ibctesting.NewTransferPath(xmtp, issuer).DisableUniqueChannelIDs()
	path.Setup()
	require.Equal(t, fundingChannel, path.EndpointA.ChannelID)
	require.Equal(t, fundingChannel, path.EndpointB.ChannelID)

	e := &env{t: t, coord: coord, xmtp: xmtp, issuer: issuer, path: path}
	// The issuer issues uusdc: minted here with the one module account of
	// an xmtpd app that may mint (the testing package writes the genesis balances).
	bank := e.issuerApp().BankKeeper
	ctx := issuer.GetContext()
	coins := sdk.NewCoins(sdk.NewInt64Coin(usdc, minted))
	require.NoError(t, bank.MintCoins(ctx, transfertypes.ModuleName, coins))
	require.NoError(t, bank.SendCoinsFromModuleToAccount(ctx, transfertypes.ModuleName, e.payer(), coins))
	issuer.NextBlock()
	return e
}

// issuerCreator builds the counterparty: an xmtpd app with default genesis,
// except that its (unused) rewards module pays in an ibc/ denom: the testing
// package rewrites the bank genesis without denom metadata, and InitChain
// refuses a reward_denom that has none and is not an IBC denom.
func issuerCreator() (ibctesting.TestingApp, map[string]json.RawMessage) {
	a := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{})
	gen := a.DefaultGenesis()
	var rg rewardstypes.GenesisState
	a.AppCodec().MustUnmarshalJSON(gen[rewardstypes.ModuleName], &rg)
	rg.Params.RewardDenom = voucher()
	gen[rewardstypes.ModuleName] = a.AppCodec().MustMarshalJSON(&rg)
	return testApp{a}, gen
}

func (e *env) app() *app.XmtpApp       { return e.xmtp.App.(testApp).XmtpApp }
func (e *env) issuerApp() *app.XmtpApp { return e.issuer.App.(testApp).XmtpApp }

// issuerBalance is the payer's balance of denom on the issuer.
func (e *env) issuerBalance(denom string) sdkmath.Int {
	return e.issuerApp().BankKeeper.GetBalance(e.issuer.GetContext(), e.payer(), denom).Amount
}

// payer is the issuer-chain account that pays.
func (e *env) payer() sdk.AccAddress { return e.issuer.SenderAccount.GetAddress() }

// rewardsAddr is the x/rewards module account, the receiver of a funding transfer.
func (e *env) rewardsAddr() sdk.AccAddress {
	return authtypes.NewModuleAddress(rewardstypes.ModuleName)
}

// payerUSDC is the payer's uusdc on the issuer.
func (e *env) payerUSDC() sdkmath.Int {
	return e.issuerBalance(usdc)
}

// xmtpBalance is an account's uusdc voucher balance on xmtpd.
func (e *env) xmtpBalance(addr sdk.AccAddress) sdkmath.Int {
	return e.app().BankKeeper.GetBalance(e.xmtp.GetContext(), addr, voucher()).Amount
}

// voucherSupply is the total uusdc voucher supply on xmtpd.
func (e *env) voucherSupply() sdkmath.Int {
	return e.app().BankKeeper.GetSupply(e.xmtp.GetContext(), voucher()).Amount
}

// pool is x/rewards' unassigned pool.
func (e *env) pool() sdkmath.Int {
	p, err := e.app().RewardsKeeper.UnassignedPool.Get(e.xmtp.GetContext())
	if err != nil {
		return sdkmath.ZeroInt()
	}
	return p
}

// send transfers amount of denom from the payer over the path with memo and
// returns the packet (not yet relayed).
func (e *env) send(denom string, amount int64, receiver, memo string) channeltypes.Packet {
	e.t.Helper()
	msg := transfertypes.NewMsgTransfer(transfertypes.PortID, e.path.EndpointB.ChannelID,
		sdk.NewInt64Coin(denom, amount), e.payer().String(), receiver,
		e.issuer.GetTimeoutHeight(), 0, memo)
	res, err := e.issuer.SendMsgs(msg)
	require.NoError(e.t, err)
	return parsePacket(e.t, res)
}

// parsePacket is the packet a transfer sent.
func parsePacket(t *testing.T, res *abci.ExecTxResult) channeltypes.Packet {
	t.Helper()
	packet, err := ibctesting.ParseV1PacketFromEvents(res.Events)
	require.NoError(t, err)
	return packet
}

// invariants checks x/rewards (account = Σ payable + pool) and x/treasury
// (account = Σ buckets), and that the funding intermediary holds nothing.
func (e *env) invariants() {
	e.t.Helper()
	ctx := e.xmtp.GetContext()
	require.NoError(e.t, e.app().RewardsKeeper.CheckInvariants(ctx))
	require.NoError(e.t, e.app().TreasuryKeeper.CheckInvariants(ctx))
	require.True(e.t, e.app().BankKeeper.GetAllBalances(ctx, rewardstypes.FundingIntermediary()).IsZero(),
		"the funding intermediary holds nothing between transactions")
}
