package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// A genesis whose custom modules' state spells an address non-canonically is
// refused by `xmtpd genesis validate` and by InitChain, naming the field.
func TestGenesisNonCanonicalAddressesRefused(t *testing.T) {
	edit := func(cdc codec.JSONCodec, state map[string]json.RawMessage, name string, msg codec.ProtoMarshaler, f func()) {
		cdc.MustUnmarshalJSON(state[name], msg)
		f()
		state[name] = cdc.MustMarshalJSON(msg)
	}
	cases := map[string]struct {
		tamper func(codec.JSONCodec, map[string]json.RawMessage, []sdk.AccAddress)
		text   string
	}{
		"operator owner upper case": {func(cdc codec.JSONCodec, s map[string]json.RawMessage, owners []sdk.AccAddress) {
			var ns nstypes.GenesisState
			edit(cdc, s, nstypes.ModuleName, &ns, func() { ns.Operators[1].Owner = strings.ToUpper(ns.Operators[1].Owner) })
		}, "app_state.nodeselection.operators[1].owner: "},
		"operator payout address upper case": {func(cdc codec.JSONCodec, s map[string]json.RawMessage, owners []sdk.AccAddress) {
			var ns nstypes.GenesisState
			edit(cdc, s, nstypes.ModuleName, &ns, func() { ns.Operators[0].PayoutAddress = strings.ToUpper(owners[0].String()) })
		}, "app_state.nodeselection.operators[0].payout_address: "},
		"rewards account owner upper case": {func(cdc codec.JSONCodec, s map[string]json.RawMessage, owners []sdk.AccAddress) {
			var r rewardstypes.GenesisState
			edit(cdc, s, rewardstypes.ModuleName, &r, func() {
				r.Accounts = append(r.Accounts, rewardstypes.OperatorAccount{Owner: strings.ToUpper(owners[1].String())})
			})
		}, "app_state.rewards.accounts[0].owner: "},
		"auction bidder upper case": {func(cdc codec.JSONCodec, s map[string]json.RawMessage, owners []sdk.AccAddress) {
			var tr treasurytypes.GenesisState
			edit(cdc, s, treasurytypes.ModuleName, &tr, func() {
				tr.Auctions = append(tr.Auctions, treasurytypes.Auction{Id: 1, HighestBidder: strings.ToUpper(owners[0].String())})
			})
		}, "app_state.treasury.auctions[0].highest_bidder: "},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			cdc, state, owners := genesisWithTwoOperators(t)
			tc.tamper(cdc, state, owners)
			bz, err := json.Marshal(state)
			require.NoError(t, err)

			// ACT
			validateErr := app.ValidateGenesisAcrossModules(cdc, state)
			a := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID("xmtp-test-1"))
			_, initErr := a.InitChain(&abci.RequestInitChain{ChainId: "xmtp-test-1", Time: time.Now(),
				ConsensusParams: simtestutil.DefaultConsensusParams, AppStateBytes: bz})

			// ASSERT
			require.ErrorContains(t, validateErr, tc.text)
			require.ErrorContains(t, validateErr, "is not canonical; use \"xmtp1")
			require.ErrorContains(t, initErr, tc.text)
		})
	}
}
