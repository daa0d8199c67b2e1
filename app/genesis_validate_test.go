package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// genesisWithTwoOperators is a default genesis to which two operators were
// added by two separate AddGenesisOperators calls (two `genesis add-operator`
// runs), with a listed supply.
func genesisWithTwoOperators(t *testing.T) (codec.JSONCodec, map[string]json.RawMessage, []sdk.AccAddress) {
	t.Helper()
	app.SetConfig()
	a := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{})
	cdc := a.AppCodec()
	state := a.DefaultGenesis()
	var bank banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bank)
	owners := []sdk.AccAddress{sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address()), sdk.AccAddress(secp256k1.GenPrivKey().PubKey().Address())}
	for _, o := range owners {
		app.AddGenesisBalance(&bank, o.String(), sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000)))
	}
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bank)
	for i, o := range owners {
		_, err := app.AddGenesisOperators(cdc, state, []app.GenesisOperator{{Owner: o, Stake: sdkmath.NewInt(int64(i+1) * 100_000_000_000),
			Endpoint: "https://n.example.com", Region: "DE"}})
		require.NoError(t, err)
	}
	return cdc, state, owners
}

// Two add-operator calls leave one escrow balance entry holding both stakes,
// and the supply grows by both: the genesis passes the cross-module checks.
func TestAddGenesisOperatorsMergesEscrowBalance(t *testing.T) {
	// ARRANGE + ACT
	cdc, state, _ := genesisWithTwoOperators(t)

	// ASSERT
	var bank banktypes.GenesisState
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bank)
	escrow := authtypes.NewModuleAddress(nstypes.ModuleName).String()
	entries := 0
	for _, b := range bank.Balances {
		if b.Address == escrow {
			entries++
			require.Equal(t, "300000000000", b.Coins.AmountOf(app.BondDenom).String(), "100000000000 + 200000000000")
		}
	}
	require.Equal(t, 1, entries)
	require.NoError(t, bank.Validate(), "bank genesis (supply, duplicates)")
	require.NoError(t, app.ValidateGenesisAcrossModules(cdc, state))
}

// A genesis that breaks a cross-module rule is refused by the validation and
// by InitChain, with a message naming the field.
func TestGenesisCrossModuleRefusals(t *testing.T) {
	escrow := authtypes.NewModuleAddress(nstypes.ModuleName).String()
	edit := func(cdc codec.JSONCodec, state map[string]json.RawMessage, name string, msg interface {
		codec.ProtoMarshaler
	}, f func()) {
		cdc.MustUnmarshalJSON(state[name], msg)
		f()
		state[name] = cdc.MustMarshalJSON(msg)
	}
	cases := map[string]struct {
		tamper func(codec.JSONCodec, map[string]json.RawMessage)
		text   string
	}{
		"escrow short of the stakes": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var b banktypes.GenesisState
			edit(cdc, s, banktypes.ModuleName, &b, func() {
				for i := range b.Balances {
					if b.Balances[i].Address == escrow {
						b.Balances[i].Coins = sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100_000_000_000))
					}
				}
				b.Supply = nil
			})
		}, "nodeselection escrow " + escrow + " holds 100000000000uxmtp, but app_state.nodeselection operators' stakes 300000000000"},
		"duplicate escrow entry": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var b banktypes.GenesisState
			edit(cdc, s, banktypes.ModuleName, &b, func() {
				b.Balances = append(b.Balances, banktypes.Balance{Address: escrow, Coins: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1))})
				b.Supply = nil
			})
		}, "address " + escrow + " has a second balance entry"},
		"a balance at the funding address": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var b banktypes.GenesisState
			edit(cdc, s, banktypes.ModuleName, &b, func() {
				b.Balances = append(b.Balances, banktypes.Balance{Address: rewardstypes.FundingAddress().String(),
					Coins: sdk.NewCoins(sdk.NewInt64Coin(app.RewardDenom, 3))})
				b.Supply = nil
			})
		}, "the x/rewards funding address " + rewardstypes.FundingAddress().String() + " holds 3uusdc"},
		"rewards pool without coins": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var r rewardstypes.GenesisState
			edit(cdc, s, rewardstypes.ModuleName, &r, func() { r.UnassignedPool = sdkmath.NewInt(5) })
		}, "rewards module account"},
		"treasury bucket without coins": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var tr treasurytypes.GenesisState
			edit(cdc, s, treasurytypes.ModuleName, &tr, func() {
				tr.Buckets = append(tr.Buckets, treasurytypes.BucketBalance{Bucket: treasurytypes.BUCKET_ECOSYSTEM, Coins: sdk.NewCoins(sdk.NewInt64Coin(app.RewardDenom, 7))})
			})
		}, "app_state.treasury.buckets sum to \"7uusdc\""},
		"reward_denom without metadata": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var r rewardstypes.GenesisState
			edit(cdc, s, rewardstypes.ModuleName, &r, func() { r.Params.RewardDenom = "uother" })
		}, "app_state.rewards.params.reward_denom \"uother\" has no entry"},
		"payout_period below cycle_duration": {func(cdc codec.JSONCodec, s map[string]json.RawMessage) {
			var r rewardstypes.GenesisState
			edit(cdc, s, rewardstypes.ModuleName, &r, func() { r.Params.PayoutPeriod = time.Hour })
		}, "payout_period 1h0m0s must be >= the nodeselection cycle_duration 12h0m0s"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			cdc, state, _ := genesisWithTwoOperators(t)
			tc.tamper(cdc, state)
			bz, err := json.Marshal(state)
			require.NoError(t, err)

			// ACT
			validateErr := app.ValidateGenesisAcrossModules(cdc, state)
			a := app.NewXmtpApp(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID("xmtp-test-1"))
			_, initErr := a.InitChain(&abci.RequestInitChain{ChainId: "xmtp-test-1", Time: time.Now(),
				ConsensusParams: simtestutil.DefaultConsensusParams, AppStateBytes: bz})

			// ASSERT
			require.ErrorContains(t, validateErr, tc.text)
			require.ErrorContains(t, initErr, tc.text)
		})
	}

	// An ibc/<hash> reward denom needs no metadata.
	cdc, state, _ := genesisWithTwoOperators(t)
	var r rewardstypes.GenesisState
	edit(cdc, state, rewardstypes.ModuleName, &r, func() {
		r.Params.RewardDenom = "ibc/498A0751C798A0D9A389AA3691123DADA57DAA4FE165D5C75894505B876BA6E4"
	})
	require.NoError(t, app.ValidateGenesisAcrossModules(cdc, state))
}
