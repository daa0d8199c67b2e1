// Package apptesting runs the whole xmtpd app in memory for integration
// tests: a genesis with one validator, funded accounts and registered
// operators; blocks with real signed transactions through the ante handler.
package apptesting

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/testutil/mock"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
)

// ChainID is the chain id of test apps.
const ChainID = "xmtp-test-1"

// Account is a funded test account with its key.
type Account struct {
	Priv cryptotypes.PrivKey
	Addr sdk.AccAddress
}

// NewAccount returns a fresh key pair.
func NewAccount() Account {
	priv := secp256k1.GenPrivKey()
	return Account{Priv: priv, Addr: sdk.AccAddress(priv.PubKey().Address())}
}

// Config shapes the genesis of a test app.
type Config struct {
	// Operators are registered at genesis with min stake, in queue order.
	Operators int
	// Accounts are extra funded accounts.
	Accounts int
	// GenesisTime is the chain's genesis time (default 2026-01-01T00:00:00Z).
	GenesisTime time.Time
	// EditGenesis may change any module's genesis before InitChain.
	EditGenesis func(cdc codec.JSONCodec, state map[string]json.RawMessage)
	// Preset are extra funded accounts whose keys the caller made (after Accounts).
	Preset []Account
	// DB is the app's database (default: a fresh in-memory DB).
	DB dbm.DB
}

// TestApp is a running in-memory xmtpd app.
type TestApp struct {
	*app.XmtpApp
	T         testing.TB
	Admin     Account   // consensus authority
	Operators []Account // genesis operators op1..opN
	Accounts  []Account // extra funded accounts
	Time      time.Time // time of the last committed block
	Height    int64
	valSet    *cmttypes.ValidatorSet
}

// Funding of every test account.
var (
	AccountXMTP = sdkmath.NewInt(1_000_000_000_000_000) // 1e9 XMTP
	AccountUSDC = sdkmath.NewInt(1_000_000_000_000)     // 1e6 USDC
)

// Setup builds and initialises a test app.
func Setup(t testing.TB, cfg Config) *TestApp {
	t.Helper()
	app.SetConfig()
	if cfg.GenesisTime.IsZero() {
		cfg.GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if cfg.DB == nil {
		cfg.DB = dbm.NewMemDB()
	}
	a := app.NewXmtpApp(log.NewNopLogger(), cfg.DB, true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(ChainID))
	ta := &TestApp{XmtpApp: a, T: t, Admin: NewAccount()}
	for i := 0; i < cfg.Operators; i++ {
		ta.Operators = append(ta.Operators, NewAccount())
	}
	for i := 0; i < cfg.Accounts; i++ {
		ta.Accounts = append(ta.Accounts, NewAccount())
	}
	ta.Accounts = append(ta.Accounts, cfg.Preset...)

	pv := mock.NewPV()
	pub, err := pv.GetPubKey()
	require.NoError(t, err)
	validator := cmttypes.NewValidator(pub, 1)
	ta.valSet = cmttypes.NewValidatorSet([]*cmttypes.Validator{validator})

	cdc := a.AppCodec()
	state := a.DefaultGenesis()
	all := append([]Account{ta.Admin}, append(ta.Operators, ta.Accounts...)...)
	var genAccs []authtypes.GenesisAccount
	var balances []banktypes.Balance
	for _, acc := range all {
		genAccs = append(genAccs, authtypes.NewBaseAccount(acc.Addr, acc.Priv.PubKey(), 0, 0))
		balances = append(balances, banktypes.Balance{Address: acc.Addr.String(), Coins: sdk.NewCoins(
			sdk.NewCoin(app.BondDenom, AccountXMTP), sdk.NewCoin(app.RewardDenom, AccountUSDC))})
	}

	state, err = simtestutil.GenesisStateWithValSet(cdc, state, ta.valSet, genAccs, balances...)
	require.NoError(t, err)
	var bankGen banktypes.GenesisState // the helper above drops the denom metadata x/rewards requires
	cdc.MustUnmarshalJSON(state[banktypes.ModuleName], &bankGen)
	bankGen.DenomMetadata = app.DenomMetadata()
	state[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)
	ops := make([]app.GenesisOperator, len(ta.Operators))
	for i, op := range ta.Operators {
		ops[i] = app.GenesisOperator{Owner: op.Addr, Endpoint: fmt.Sprintf("https://op%d.test.xmtp.network", i+1), Region: "DE"}
	}
	_, err = app.AddGenesisOperators(cdc, state, ops)
	require.NoError(t, err)
	require.NoError(t, giveNodeKeys(cdc, state))
	if cfg.EditGenesis != nil {
		cfg.EditGenesis(cdc, state)
	}
	stateBytes, err := json.Marshal(state)
	require.NoError(t, err)

	consensus := *simtestutil.DefaultConsensusParams
	consensus.Authority = &cmtproto.AuthorityParams{Authority: ta.Admin.Addr.String()}
	_, err = a.InitChain(&abci.RequestInitChain{
		ChainId:         ChainID,
		Time:            cfg.GenesisTime,
		Validators:      []abci.ValidatorUpdate{},
		ConsensusParams: &consensus,
		AppStateBytes:   stateBytes,
	})
	require.NoError(t, err)
	ta.Time = cfg.GenesisTime
	ta.NextBlock(0)
	return ta
}

// NextBlock finalizes and commits an empty block d after the previous one.
func (ta *TestApp) NextBlock(d time.Duration) *abci.ResponseFinalizeBlock {
	ta.T.Helper()
	return ta.finalize(d, nil)
}

// AdvanceTo commits empty blocks every step until block time reaches t.
func (ta *TestApp) AdvanceTo(t time.Time, step time.Duration) {
	ta.T.Helper()
	for ta.Time.Before(t) {
		d := step
		if rest := t.Sub(ta.Time); rest < d {
			d = rest
		}
		ta.NextBlock(d)
	}
}

func (ta *TestApp) finalize(d time.Duration, txs [][]byte) *abci.ResponseFinalizeBlock {
	ta.T.Helper()
	ta.Height++
	ta.Time = ta.Time.Add(d)
	res, err := ta.FinalizeBlock(&abci.RequestFinalizeBlock{
		Height:             ta.Height,
		Time:               ta.Time,
		Txs:                txs,
		NextValidatorsHash: ta.valSet.Hash(),
	})
	require.NoError(ta.T, err)
	_, err = ta.Commit()
	require.NoError(ta.T, err)
	return res
}

// Ctx returns a context on the committed state, for queries and assertions.
func (ta *TestApp) Ctx() sdk.Context {
	return ta.NewContextLegacy(true, cmtproto.Header{Height: ta.Height, Time: ta.Time, ChainID: ChainID})
}

// DeliverTx signs msgs with signer, delivers them in a new block d after the
// previous one, and returns the tx result (Code != 0 on failure).
func (ta *TestApp) DeliverTx(signer Account, d time.Duration, msgs ...sdk.Msg) *abci.ExecTxResult {
	ta.T.Helper()
	acc := ta.AccountKeeper.GetAccount(ta.Ctx(), signer.Addr)
	require.NotNil(ta.T, acc, "account %s does not exist", signer.Addr)
	txCfg := ta.TxConfig()
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(ta.Height)), txCfg, msgs, sdk.NewCoins(), 2_000_000, ChainID,
		[]uint64{acc.GetAccountNumber()}, []uint64{acc.GetSequence()}, signer.Priv)
	require.NoError(ta.T, err)
	bz, err := txCfg.TxEncoder()(tx)
	require.NoError(ta.T, err)
	res := ta.finalize(d, [][]byte{bz})
	require.Len(ta.T, res.TxResults, 1)
	return res.TxResults[0]
}

// MustDeliver is DeliverTx that fails the test unless the tx succeeds.
func (ta *TestApp) MustDeliver(signer Account, d time.Duration, msgs ...sdk.Msg) *abci.ExecTxResult {
	ta.T.Helper()
	res := ta.DeliverTx(signer, d, msgs...)
	require.Equal(ta.T, uint32(0), res.Code, "tx failed: %s", res.Log)
	return res
}

// Balance returns addr's balance of denom on committed state.
func (ta *TestApp) Balance(addr sdk.AccAddress, denom string) sdkmath.Int {
	return ta.BankKeeper.GetBalance(ta.Ctx(), addr, denom).Amount
}
