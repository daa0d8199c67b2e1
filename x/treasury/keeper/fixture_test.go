package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"cosmossdk.io/core/address"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/x/treasury"
	"github.com/xmtp/xmtpd-chain/x/treasury/keeper"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

const (
	usdc     = "uusdc"
	xmtp     = "uxmtp"
	rewards  = "rewards" // stands in for x/rewards: a module account that can mint
	govName  = "gov"
	bech32Pf = "xmtp"
)

// fixture is an in-memory chain with real x/auth, x/bank and x/treasury keepers.
type fixture struct {
	ctx       sdk.Context
	ak        authkeeper.AccountKeeper
	bk        bankkeeper.BaseKeeper
	k         *keeper.Keeper
	msgs      types.MsgServer
	queries   types.QueryServer
	authority string
	addrCodec address.Codec
}

func newFixture(t *testing.T) *fixture { return newFixtureBlocking(t) }

// newFixtureBlocking is newFixture with extra addresses that cannot receive coins.
func newFixtureBlocking(t *testing.T, extraBlocked ...sdk.AccAddress) *fixture {
	t.Helper()
	encCfg := moduletestutil.MakeTestEncodingConfig(auth.AppModuleBasic{}, bank.AppModuleBasic{}, treasury.AppModule{})
	keys := storetypes.NewKVStoreKeys(authtypes.StoreKey, banktypes.StoreKey, types.StoreKey)
	ctx := testutil.DefaultContextWithKeys(keys, nil, nil).WithBlockHeight(7)
	ac := addresscodec.NewBech32Codec(bech32Pf)
	authority, err := ac.BytesToString(authtypes.NewModuleAddress(govName))
	require.NoError(t, err)

	maccPerms := map[string][]string{
		authtypes.FeeCollectorName: nil,
		types.ModuleName:           {authtypes.Burner},
		rewards:                    {authtypes.Minter},
		govName:                    {authtypes.Burner},
	}
	ak := authkeeper.NewAccountKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, maccPerms, ac, bech32Pf, authority)
	blocked := map[string]bool{}
	for name := range maccPerms {
		// x/bank keys blocked addresses by sdk.AccAddress.String().
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	for _, a := range extraBlocked {
		blocked[a.String()] = true
	}
	bk := bankkeeper.NewBaseKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]),
		ak, blocked, authority, log.NewNopLogger())
	require.NoError(t, bk.SetParams(ctx, banktypes.DefaultParams()))

	k := keeper.NewKeeper(encCfg.Codec, runtime.NewKVStoreService(keys[types.StoreKey]), ak, bk,
		authtypes.FeeCollectorName, authority)
	require.NoError(t, k.InitGenesis(ctx, types.DefaultGenesisState()))

	return &fixture{
		ctx: ctx, ak: ak, bk: bk, k: k,
		msgs: keeper.NewMsgServerImpl(k), queries: keeper.NewQueryServerImpl(k),
		authority: authority, addrCodec: ac,
	}
}

// mintToRewards gives the stand-in rewards module account coins to hand over.
func (f *fixture) mintToRewards(t *testing.T, coins ...sdk.Coin) {
	t.Helper()
	require.NoError(t, f.bk.MintCoins(f.ctx, rewards, sdk.NewCoins(coins...)))
}

// newAccount returns a funded user address and its bech32 string.
func (f *fixture) newAccount(t *testing.T, seed byte, coins ...sdk.Coin) (sdk.AccAddress, string) {
	t.Helper()
	addr := sdk.AccAddress(append(make([]byte, 19), seed))
	if len(coins) > 0 {
		f.mintToRewards(t, coins...)
		require.NoError(t, f.bk.SendCoinsFromModuleToAccount(f.ctx, rewards, addr, sdk.NewCoins(coins...)))
	}
	s, err := f.addrCodec.BytesToString(addr)
	require.NoError(t, err)
	return addr, s
}

func (f *fixture) moduleBalance(name, denom string) math.Int {
	return f.bk.GetBalance(f.ctx, authtypes.NewModuleAddress(name), denom).Amount
}

func (f *fixture) bucket(t *testing.T, b types.Bucket, denom string) math.Int {
	t.Helper()
	amt, err := f.k.BucketBalance(f.ctx, b, denom)
	require.NoError(t, err)
	return amt
}

// handleExcess is HandleExcess from the stand-in rewards module with one part per amount.
func (f *fixture) handleExcess(t *testing.T, cycle uint64, denom string, parts ...types.ExcessPart) {
	t.Helper()
	total := math.ZeroInt()
	for _, p := range parts {
		total = total.Add(p.Amount)
	}
	if total.IsPositive() {
		f.mintToRewards(t, sdk.NewCoin(denom, total))
	}
	require.NoError(t, f.k.HandleExcess(f.ctx, rewards, cycle, denom, parts))
}

func part(c types.Category, amt int64) types.ExcessPart {
	return types.ExcessPart{Category: c, Amount: math.NewInt(amt)}
}

// snapshot captures every piece of treasury state plus the balances a test watches.
type snapshot struct {
	genesis  *types.GenesisState
	balances map[string]sdk.Coins
}

func (f *fixture) snapshot(t *testing.T, addrs ...sdk.AccAddress) snapshot {
	t.Helper()
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	s := snapshot{genesis: gs, balances: map[string]sdk.Coins{}}
	addrs = append(addrs, authtypes.NewModuleAddress(types.ModuleName), authtypes.NewModuleAddress(authtypes.FeeCollectorName))
	for _, a := range addrs {
		s.balances[a.String()] = f.bk.GetAllBalances(f.ctx, a)
	}
	return s
}

// typedEvents returns the events of type T emitted so far.
func typedEvents[T any, PT interface {
	*T
	Reset()
	String() string
	ProtoMessage()
}](t *testing.T, ctx sdk.Context) []T {
	t.Helper()
	var out []T
	for _, ev := range ctx.EventManager().Events() {
		msg, err := sdk.ParseTypedEvent(abciEvent(ev))
		if err != nil {
			continue
		}
		if typed, ok := msg.(PT); ok {
			out = append(out, *typed)
		}
	}
	return out
}

func abciEvent(ev sdk.Event) abci.Event { return abci.Event(ev) }
