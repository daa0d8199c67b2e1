package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"cosmossdk.io/core/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"

	"github.com/xmtp/xmtpd-chain/app/apptesting/keepers"
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
	base := keepers.New(t, keepers.Config{
		Prefix: bech32Pf,
		ModuleAccounts: map[string][]string{
			authtypes.FeeCollectorName: nil,
			types.ModuleName:           {authtypes.Burner},
			rewards:                    {authtypes.Minter},
			govName:                    {authtypes.Burner},
		},
		BlockModuleAccounts: true,
		Blocked:             extraBlocked,
		StoreKeys:           []string{types.StoreKey},
		Modules:             []module.AppModuleBasic{treasury.AppModule{}},
		AuthorityModule:     govName,
	})
	ctx, ak, bk, authority, ac := base.Ctx.WithBlockHeight(7), base.AK, base.BK, base.Authority, base.AddrCodec
	encCfg, keys := base.Enc, base.Keys

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
