package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/xmtp/xmtpd-chain/app/apptesting/keepers"
	"github.com/xmtp/xmtpd-chain/app/apptesting/storeops"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards"
	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

const (
	usdc         = "uusdc"
	treasuryName = "treasury"
	govName      = "gov"
	cycleLen     = 12 * time.Hour
)

var genesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// fixture is an in-memory chain with real x/auth and x/bank and fakes for the rest.
type fixture struct {
	t         testing.TB
	ctx       sdk.Context
	ak        authkeeper.AccountKeeper
	bk        bankkeeper.BaseKeeper
	k         *keeper.Keeper
	ns        *fakeNodeSelection
	tr        *fakeTreasury
	gov       fakeGov
	msgs      types.MsgServer
	q         types.QueryServer
	authority string
	enc       moduletestutil.TestEncodingConfig
	keys      map[string]*storetypes.KVStoreKey
	storeOps  *storeops.Meter
}

func newFixture(t testing.TB) *fixture {
	base := keepers.New(t, keepers.Config{
		Prefix:              sdk.GetConfig().GetBech32AccountAddrPrefix(),
		ModuleAccounts:      map[string][]string{types.ModuleName: nil, treasuryName: {authtypes.Minter}, govName: nil},
		BlockModuleAccounts: true,
		StoreKeys:           []string{types.StoreKey},
		Modules:             []module.AppModuleBasic{rewards.AppModule{}},
		AuthorityModule:     govName,
	})
	ctx, ak, bk, authority, enc, keys := base.Ctx.WithBlockTime(genesisTime), base.AK, base.BK, base.Authority, base.Enc, base.Keys
	bk.SetDenomMetaData(ctx, banktypes.Metadata{
		Base: usdc, Display: "USDC", Name: "USDC", Symbol: "USDC",
		DenomUnits: []*banktypes.DenomUnit{{Denom: usdc}, {Denom: "USDC", Exponent: 6}},
	})
	ns := &fakeNodeSelection{records: map[uint64]nstypes.CycleRecord{}, operators: map[string]nstypes.Operator{},
		params: nstypes.Params{CycleDuration: cycleLen}}
	tr := &fakeTreasury{bk: bk, ecosystem: math.ZeroInt(), received: map[treasurytypes.Category]math.Int{
		treasurytypes.CATEGORY_CAP_EXCESS: math.ZeroInt(), treasurytypes.CATEGORY_ROUNDING: math.ZeroInt(), treasurytypes.CATEGORY_WITHHELD: math.ZeroInt(),
	}}
	gov := fakeGov{props: map[uint64]govv1.Proposal{}}
	ops := storeops.NewMeter()
	ctx = ctx.WithGasMeter(ops)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[types.StoreKey]), ak, bk, ns, tr, gov, authority)
	require.NoError(t, k.InitGenesis(ctx, types.DefaultGenesisState()))
	return &fixture{t: t, ctx: ctx, ak: ak, bk: bk, k: k, ns: ns, tr: tr, gov: gov,
		msgs: keeper.NewMsgServerImpl(k), q: keeper.NewQueryServerImpl(k), authority: authority, enc: enc, keys: keys, storeOps: ops}
}

// addr returns a deterministic test address.
func addr(name string) sdk.AccAddress { return authtypes.NewModuleAddress("test/" + name) }

// operators registers n operators op0..op(n-1) paying to themselves.
func (f *fixture) operators(n int) []sdk.AccAddress {
	out := make([]sdk.AccAddress, n)
	for j := range out {
		a := addr(fmt.Sprintf("op%d", j))
		out[j] = a
		f.ns.operators[a.String()] = nstypes.Operator{Owner: a.String(), PayoutAddress: a.String()}
	}
	return out
}

// mint gives coins to an account.
func (f *fixture) mint(to sdk.AccAddress, amt int64) {
	coins := sdk.NewCoins(sdk.NewInt64Coin(usdc, amt))
	require.NoError(f.t, f.bk.MintCoins(f.ctx, treasuryName, coins))
	require.NoError(f.t, f.bk.SendCoinsFromModuleToAccount(f.ctx, treasuryName, to, coins))
}

// fund funds the reward pool from a funder account.
func (f *fixture) fund(amt int64) {
	payer := addr("payer")
	f.mint(payer, amt)
	_, err := f.msgs.FundRewardPool(f.ctx, &types.MsgFundRewardPool{Sender: payer.String(), Amount: sdk.NewInt64Coin(usdc, amt)})
	require.NoError(f.t, err)
}

// setEcosystem puts amt in the fake treasury's ECOSYSTEM bucket.
func (f *fixture) setEcosystem(amt int64) {
	coins := sdk.NewCoins(sdk.NewInt64Coin(usdc, amt))
	require.NoError(f.t, f.bk.MintCoins(f.ctx, treasuryName, coins))
	f.tr.ecosystem = f.tr.ecosystem.AddRaw(amt)
}

// end processes the boundary that ends cycle c after `span` scheduled cycles,
// with the given members having served it.
func (f *fixture) end(c uint64, span int, members ...sdk.AccAddress) nstypes.CycleTransition {
	start := f.cycleStart(c)
	rec := nstypes.CycleRecord{Cycle: c, Start: start, End: start.Add(time.Duration(span) * cycleLen)}
	for _, m := range members {
		rec.Members = append(rec.Members, nstypes.Member{Owner: m.String()})
	}
	f.ns.records[c] = rec
	t := nstypes.CycleTransition{Ended: rec, NewCycle: c + uint64(span), NewCycleStart: rec.End, NextBoundary: rec.End.Add(cycleLen)}
	f.ctx = f.ctx.WithBlockTime(rec.End).WithEventManager(sdk.NewEventManager())
	require.NoError(f.t, f.k.AfterCycleTransition(f.ctx, t))
	require.NoError(f.t, f.k.ContinuePayout(f.ctx)) // the x/rewards BeginBlocker of the boundary block
	require.NoError(f.t, f.k.CheckInvariants(f.ctx))
	return t
}

func (f *fixture) cycleStart(c uint64) time.Time {
	if prev, ok := f.ns.records[c-1]; ok && c > 0 {
		return prev.End
	}
	return genesisTime.Add(time.Duration(c) * cycleLen)
}

func (f *fixture) balance(a sdk.AccAddress) int64 {
	return f.bk.GetBalance(f.ctx, a, usdc).Amount.Int64()
}

func (f *fixture) account(a sdk.AccAddress) types.OperatorAccount {
	res, err := f.q.Earnings(f.ctx, &types.QueryEarningsRequest{Owner: a.String()})
	require.NoError(f.t, err)
	return res.Account
}

func (f *fixture) moduleBalance() int64 {
	return f.balance(f.ak.GetModuleAddress(types.ModuleName))
}
