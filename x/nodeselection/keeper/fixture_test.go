package keeper_test

import (
	"context"
	"fmt"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	nftkeeper "github.com/cosmos/cosmos-sdk/contrib/x/nft/keeper"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"

	"github.com/xmtp/xmtpd-chain/app/apptesting/keepers"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const (
	bond    = "uxmtp"
	faucet  = "faucet"
	minBond = 100_000_000_000
)

// tb is what the fixture needs from *testing.T, *testing.B and *rapid.T.
type tb interface {
	require.TestingT
	Helper()
}

var genesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// recordingHooks counts cycle transitions and stands in for x/rewards: with
// no rewards set, no payout_period bound and nothing owed.
type recordingHooks struct {
	calls   []types.CycleTransition
	rewards types.RewardsKeeper
}

func (h *recordingHooks) PayoutPeriod(ctx context.Context) (time.Duration, error) {
	if h.rewards == nil {
		return time.Duration(1<<63 - 1), nil
	}
	return h.rewards.PayoutPeriod(ctx)
}

func (h *recordingHooks) PayoutOwed(ctx context.Context, owner sdk.AccAddress) (bool, error) {
	if h.rewards == nil {
		return false, nil
	}
	return h.rewards.PayoutOwed(ctx, owner)
}

func (h *recordingHooks) SetPayoutAddress(ctx context.Context, owner sdk.AccAddress, payout string) error {
	if h.rewards == nil {
		return nil
	}
	return h.rewards.SetPayoutAddress(ctx, owner, payout)
}

func (h *recordingHooks) AfterCycleTransition(_ context.Context, t types.CycleTransition) error {
	h.calls = append(h.calls, t)
	return nil
}

// fixture is x/nodeselection on an in-memory store with real auth, bank and nft keepers.
type fixture struct {
	t         tb
	ctx       sdk.Context
	k         *keeper.Keeper
	msg       types.MsgServer
	q         keeper.Querier
	ak        authkeeper.AccountKeeper
	bank      bankkeeper.BaseKeeper
	nft       nftkeeper.Keeper
	authority string
	hooks     *recordingHooks
	key       *storetypes.KVStoreKey
	cdc       codec.Codec
}

// newFixture builds the keepers and runs InitGenesis with gs (default genesis when nil).
func newFixture(t tb, gs *types.GenesisState) *fixture {
	return newFixtureWith(t, func(*fixture) *types.GenesisState { return gs })
}

// newFixtureWith builds the keepers, lets setup prepare other modules' state
// (NFTs, balances) and return the genesis, then runs InitGenesis.
func newFixtureWith(t tb, setup func(*fixture) *types.GenesisState) *fixture {
	t.Helper()
	base := keepers.New(t, keepers.Config{
		Prefix: "xmtp",
		ModuleAccounts: map[string][]string{
			types.ModuleName: {authtypes.Burner},
			nft.ModuleName:   nil,
			faucet:           {authtypes.Minter},
		},
		Blocked:   []sdk.AccAddress{blockedAddr},
		StoreKeys: []string{nft.StoreKey, types.StoreKey},
	})
	enc, keys, ak, bk, authority := base.Enc, base.Keys, base.AK, base.BK, base.Authority
	nft.RegisterInterfaces(enc.InterfaceRegistry)
	types.RegisterInterfaces(enc.InterfaceRegistry)
	ctx := base.Ctx.WithBlockTime(genesisTime)
	nk := nftkeeper.NewKeeper(runtime.NewKVStoreService(keys[nft.StoreKey]), enc.Codec, ak, bk)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(keys[types.StoreKey]), ak, bk, nk, nil, authority)
	hooks := &recordingHooks{}
	k.SetHooks(hooks)
	f := &fixture{t: t, ctx: ctx, k: k, msg: keeper.NewMsgServerImpl(k), q: keeper.NewQuerier(k), ak: ak, bank: bk, nft: nk,
		authority: authority, hooks: hooks, key: keys[types.StoreKey], cdc: enc.Codec}
	// the nft module's InitGenesis runs first in the app; the class is created by ours
	gs := setup(f)
	if gs == nil {
		gs = types.DefaultGenesis()
	}
	require.NoError(t, k.InitGenesis(ctx, *gs))
	return f
}

// addr returns a deterministic test address.
func addr(i int) sdk.AccAddress { return sdk.AccAddress(fmt.Sprintf("operator-address%04d", i)) }

// blockedAddr is an address x/bank blocks from receiving funds (not a module account).
var blockedAddr = addr(666)

// str encodes an address with the chain's prefix.
func (f *fixture) str(a sdk.AccAddress) string {
	s, err := f.ak.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return s
}

// fund mints amount uxmtp to a.
func (f *fixture) fund(a sdk.AccAddress, amount int64) {
	coins := sdk.NewCoins(sdk.NewInt64Coin(bond, amount))
	require.NoError(f.t, f.bank.MintCoins(f.ctx, faucet, coins))
	require.NoError(f.t, f.bank.SendCoinsFromModuleToAccount(f.ctx, faucet, a, coins))
}

// balance is a's uxmtp balance.
func (f *fixture) balance(a sdk.AccAddress) math.Int { return f.bank.GetBalance(f.ctx, a, bond).Amount }

// escrow is the escrow module account's uxmtp balance.
func (f *fixture) escrow() math.Int { return f.balance(f.ak.GetModuleAddress(types.ModuleName)) }

// issue mints the next operator NFT to a through the authority message.
func (f *fixture) issue(a sdk.AccAddress) string {
	resp, err := f.msg.IssueOperatorNFT(f.ctx, &types.MsgIssueOperatorNFT{Authority: f.authority, Recipient: f.str(a)})
	require.NoError(f.t, err)
	return resp.NftId
}

// registerMsg is a valid registration of a with its NFT and stake, and a
// node signing key with its proof (nodeKey(a)).
func (f *fixture) registerMsg(a sdk.AccAddress, nftID string, stake int64) *types.MsgRegisterOperator {
	msg := &types.MsgRegisterOperator{Owner: f.str(a), NftId: nftID, Stake: sdk.NewInt64Coin(bond, stake),
		Endpoint: "https://node.example.com:5050", Region: "SK"}
	if id, err := types.NodeIDFromNFT(nftID); err == nil {
		msg.SigningPublicKey, msg.KeyProof = f.keyProof(nodeKey(a), a, id)
	}
	return msg
}

// nodeKey is a deterministic node signing key of a (a different one for each seed).
func nodeKey(a sdk.AccAddress, seed ...byte) *secp256k1.PrivKey {
	return secp256k1.GenPrivKeyFromSecret(append(append([]byte("node-key/"), a...), seed...))
}

// keyProof is priv's public key and its proof for a and node id on the fixture's chain.
func (f *fixture) keyProof(priv *secp256k1.PrivKey, a sdk.AccAddress, id uint32) ([]byte, []byte) {
	key, proof, err := types.SignNodeKeyProof(priv, f.ctx.ChainID(), f.str(a), id)
	require.NoError(f.t, err)
	return key, proof
}

// onboard funds, issues and registers operator i with min stake.
func (f *fixture) onboard(i int) sdk.AccAddress {
	a := addr(i)
	f.fund(a, minBond)
	id := f.issue(a)
	_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(a, id, minBond))
	require.NoError(f.t, err)
	return a
}

// at moves the block time and height, then runs BeginBlocker.
func (f *fixture) at(t time.Time) {
	f.ctx = f.ctx.WithBlockTime(t).WithBlockHeight(f.ctx.BlockHeight() + 1).WithEventManager(sdk.NewEventManager())
	require.NoError(f.t, f.k.BeginBlocker(f.ctx))
}

// state returns the cycle state.
func (f *fixture) state() types.CycleState {
	s, err := f.k.GetCycleState(f.ctx)
	require.NoError(f.t, err)
	return s
}

// operator returns a's record.
func (f *fixture) operator(a sdk.AccAddress) types.Operator {
	op, err := f.k.GetOperator(f.ctx, a)
	require.NoError(f.t, err)
	return op
}

// snapshot is the user-visible state: the exported module genesis plus balances and NFT holders.
func (f *fixture) snapshot(accounts ...sdk.AccAddress) string {
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(f.t, err)
	s := gs.String()
	for _, a := range accounts {
		s += fmt.Sprintf("|%s=%s nfts=%d", a, f.balance(a), f.nft.GetBalance(f.ctx, types.NFTClassID, a))
	}
	return s + "|escrow=" + f.escrow().String()
}

// genesisWithOperators starts a chain whose genesis has n operators holding
// NFTs op-1..op-n and bonds (minted into escrow); mutate adjusts the params.
func genesisWithOperators(t tb, n int, mutate func(*types.Params)) (*fixture, []sdk.AccAddress) {
	t.Helper()
	owners := make([]sdk.AccAddress, n)
	f := newFixtureWith(t, func(f *fixture) *types.GenesisState {
		gs := types.DefaultGenesis()
		if mutate != nil {
			mutate(&gs.Params)
		}
		require.NoError(t, f.nft.SaveClass(f.ctx, nft.Class{Id: types.NFTClassID}))
		for i := range owners {
			owners[i] = addr(i + 1)
			id := fmt.Sprintf("op-%d", i+1)
			require.NoError(t, f.nft.Mint(f.ctx, nft.NFT{ClassId: types.NFTClassID, Id: id}, owners[i]))
			gs.Operators = append(gs.Operators, types.Operator{Owner: f.str(owners[i]), NftId: id, Stake: math.NewInt(minBond),
				Endpoint: "https://n.example.com", Region: "US", SigningPublicKey: nodeKey(owners[i]).PubKey().Bytes()})
		}
		gs.NextNftSeq = uint64(n + 1)
		if n > 0 {
			coins := sdk.NewCoins(sdk.NewInt64Coin(bond, int64(n)*minBond))
			require.NoError(t, f.bank.MintCoins(f.ctx, faucet, coins))
			require.NoError(t, f.bank.SendCoinsFromModuleToModule(f.ctx, faucet, types.ModuleName, coins))
		}
		return gs
	})
	return f, owners
}

// rawStore dumps the module's KV store.
func (f *fixture) rawStore() map[string][]byte {
	out := map[string][]byte{}
	it := f.ctx.KVStore(f.key).Iterator(nil, nil)
	defer it.Close()
	for ; it.Valid(); it.Next() {
		out[string(it.Key())] = it.Value()
	}
	return out
}
