package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestGenesisOperatorsSkipWaitingAndGetSets(t *testing.T) {
	f, owners := genesisWithOperators(t, 12, nil)

	s := f.state()
	require.Equal(t, uint64(0), s.Cycle)
	require.Equal(t, genesisTime, s.CycleStart, "cycle 0 starts at genesis time")
	require.Equal(t, genesisTime.Add(cycle), s.NextBoundary)
	require.ElementsMatch(t, seq(1, 10), names(f, owners, s.Current))
	require.Equal(t, types.OPERATOR_STATUS_ACTIVE, f.operator(owners[0]).Status)
	require.Equal(t, types.OPERATOR_STATUS_ELIGIBLE, f.operator(owners[11]).Status)
	require.Equal(t, genesisTime, f.operator(owners[11]).EligibleAt, "genesis operators skip the waiting period")
	require.True(t, f.nft.HasClass(f.ctx, types.NFTClassID))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestGenesisExportImportRoundTrip(t *testing.T) {
	// ARRANGE: a running chain with every kind of state
	f, owners := genesisWithOperators(t, 12, nil)
	f.boundary(1)
	newcomer := f.onboard(40)
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(owners[4])})
	require.NoError(t, err)
	f.boundary(2)
	f.issue(addr(41))
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.ak.AddressCodec()))
	require.Equal(t, types.OPERATOR_STATUS_WAITING, f.operator(newcomer).Status)

	// ACT: import into a fresh chain holding the same NFTs and escrow
	g := newFixtureWith(t, func(g *fixture) *types.GenesisState {
		require.NoError(t, g.nft.SaveClass(g.ctx, nft.Class{Id: types.NFTClassID}))
		for _, n := range f.nft.GetNFTsOfClass(f.ctx, types.NFTClassID) {
			require.NoError(t, g.nft.Mint(g.ctx, n, f.nft.GetOwner(f.ctx, types.NFTClassID, n.Id)))
		}
		coins := sdk.NewCoins(sdk.NewCoin(bond, f.escrow()))
		require.NoError(t, g.bank.MintCoins(g.ctx, faucet, coins))
		require.NoError(t, g.bank.SendCoinsFromModuleToModule(g.ctx, faucet, types.ModuleName, coins))
		g.ctx = g.ctx.WithBlockTime(f.ctx.BlockTime())
		return exported
	})

	// ASSERT: identical store, identical export, invariants hold, and it keeps running alike
	require.Equal(t, f.rawStore(), g.rawStore())
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	require.NoError(t, g.k.CheckInvariants(g.ctx))
	f.boundary(3)
	g.boundary(3)
	require.Equal(t, f.state(), g.state())
}

func TestUnbondingPaidBackAfterPeriodBoundedPerBlock(t *testing.T) {
	// ARRANGE: 3 operators leave in the same block; at most 2 paid per block
	f, owners := genesisWithOperators(t, 12, func(p *types.Params) { p.MaxMaturedPerBlock = 2 })
	leavers := []sdk.AccAddress{owners[9], owners[10], owners[11]}
	for _, o := range leavers {
		_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(o)})
		require.NoError(t, err)
	}
	done := genesisTime.Add(21 * 24 * time.Hour)

	// ACT + ASSERT
	f.at(done.Add(-time.Second))
	for _, o := range leavers {
		require.True(t, f.balance(o).IsZero(), "not before unbonding_period")
	}
	f.at(done)
	require.Equal(t, int64(minBond), f.balance(leavers[0]).Int64(), "oldest first")
	require.Equal(t, int64(minBond), f.balance(leavers[1]).Int64())
	require.True(t, f.balance(leavers[2]).IsZero(), "bounded per block")
	_, err := f.k.GetOperator(f.ctx, leavers[0])
	require.ErrorContains(t, err, "not found", "record deleted after the last bond is paid back")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	f.at(done.Add(5 * time.Second))
	require.Equal(t, int64(minBond), f.balance(leavers[2]).Int64())
	require.Equal(t, math.NewInt(9*minBond), f.escrow())
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestInvariantsDetectBrokenEscrow(t *testing.T) {
	f, _ := genesisWithOperators(t, 3, nil)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	// a bond leaves the escrow without a state change
	coins := sdk.NewCoins(sdk.NewInt64Coin(bond, 1))
	require.NoError(t, f.bank.SendCoinsFromModuleToAccount(f.ctx, types.ModuleName, addr(99), coins))

	err := f.k.CheckInvariants(f.ctx)
	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.Contains(t, err.Error(), "escrow: module account holds 299999999999uxmtp but stakes 300000000000uxmtp")
}

func TestInvariantsDetectBrokenSets(t *testing.T) {
	f, _ := genesisWithOperators(t, 3, nil)
	s := f.state()
	s.Next = append(s.Next, s.Next[0])
	require.NoError(t, f.k.SetCycleState(f.ctx, s))

	err := f.k.CheckInvariants(f.ctx)

	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.Contains(t, err.Error(), "twice")
}
