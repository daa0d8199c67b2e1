// Package keepers builds real x/auth and x/bank keepers on an in-memory
// multistore for the keeper tests of the xmtpd modules. It imports nothing of
// the app, so tests under x/ can use it without an import cycle.
package keepers

import (
	"github.com/stretchr/testify/require"

	"cosmossdk.io/core/address"
	"cosmossdk.io/log/v2"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/store/v2"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// Config says what the test chain holds besides auth and bank.
type Config struct {
	// Prefix is the bech32 account prefix.
	Prefix string
	// ModuleAccounts maps module account names to their permissions.
	ModuleAccounts map[string][]string
	// BlockModuleAccounts makes x/bank refuse plain sends to every module account.
	BlockModuleAccounts bool
	// Blocked are further addresses x/bank refuses.
	Blocked []sdk.AccAddress
	// StoreKeys are the other modules' stores to mount.
	StoreKeys []string
	// Modules register their types in the encoding config.
	Modules []module.AppModuleBasic
	// AuthorityModule names the authority's module account (default "gov").
	AuthorityModule string
}

// Base is the built chain: context, codec, stores, auth and bank.
type Base struct {
	Ctx       sdk.Context
	Enc       moduletestutil.TestEncodingConfig
	Keys      map[string]*storetypes.KVStoreKey
	AK        authkeeper.AccountKeeper
	BK        bankkeeper.BaseKeeper
	AddrCodec address.Codec
	// Authority is the bech32 address of the authority's module account.
	Authority string
}

// New mounts IAVL stores for auth, bank and c.StoreKeys on one memory DB (so
// they can be committed), and builds auth and bank with default bank params.
func New(t require.TestingT, c Config) *Base {
	enc := moduletestutil.MakeTestEncodingConfig(append([]module.AppModuleBasic{auth.AppModuleBasic{}, bank.AppModuleBasic{}}, c.Modules...)...)
	keys := storetypes.NewKVStoreKeys(append([]string{authtypes.StoreKey, banktypes.StoreKey}, c.StoreKeys...)...)
	logger := log.NewNopLogger()
	cms := store.NewCommitMultiStore(dbm.NewMemDB(), logger)
	for _, key := range keys {
		cms.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
	}
	require.NoError(t, cms.LoadLatestVersion())
	ctx := sdk.NewContext(cms, cmtproto.Header{Height: 1}, false, logger)
	ac := addresscodec.NewBech32Codec(c.Prefix)
	gov := c.AuthorityModule
	if gov == "" {
		gov = "gov"
	}
	authority, err := ac.BytesToString(authtypes.NewModuleAddress(gov))
	require.NoError(t, err)
	ak := authkeeper.NewAccountKeeper(enc.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]), authtypes.ProtoBaseAccount,
		c.ModuleAccounts, ac, c.Prefix, authority)
	blocked := map[string]bool{}
	if c.BlockModuleAccounts {
		for name := range c.ModuleAccounts {
			// x/bank keys blocked addresses by sdk.AccAddress.String().
			blocked[authtypes.NewModuleAddress(name).String()] = true
		}
	}
	for _, a := range c.Blocked {
		blocked[a.String()] = true
	}
	bk := bankkeeper.NewBaseKeeper(enc.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]), ak, blocked, authority, logger)
	require.NoError(t, bk.SetParams(ctx, banktypes.DefaultParams()))
	return &Base{Ctx: ctx, Enc: enc, Keys: keys, AK: ak, BK: bk, AddrCodec: ac, Authority: authority}
}
