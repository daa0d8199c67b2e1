package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// ibcFunding credits amt to the intermediary (as the transfer app would) and
// funds the pool from it over channel-0.
func (f *fixture) ibcFunding(seq uint64, amt int64) (uint64, error) {
	from := sdk.AccAddress(types.FundingIntermediary())
	f.mint(from, amt)
	return f.k.FundPoolFromIBC(f.ctx, from, keeper.IBCFundingPacket{
		SourceChain: "noble-1", SourceClient: "07-tendermint-0", Sender: "noble1payer", SourcePort: "transfer",
		SourceChannel: "channel-5", Channel: "channel-0", Sequence: seq, Amount: sdk.NewInt64Coin(usdc, amt),
	})
}

func (f *fixture) setFundingChannels(channels ...string) {
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(f.t, err)
	p.FundingChannels = channels
	require.NoError(f.t, f.k.Params.Set(f.ctx, p))
}

func TestFundPoolFromIBCRecordsThePayer(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.setFundingChannels("channel-0")

	// ACT
	id, err := f.ibcFunding(7, 2_500_000)

	// ASSERT: pool, module account, intermediary emptied, record.
	require.NoError(t, err)
	pool, err := f.k.UnassignedPool.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(2_500_000), pool)
	require.Equal(t, int64(2_500_000), f.moduleBalance())
	require.Zero(t, f.balance(types.FundingIntermediary()))
	rec, err := f.k.IBCFundings.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, "noble1payer", rec.Sender)
	require.Equal(t, "noble-1", rec.SourceChain)
	require.Equal(t, uint64(7), rec.Sequence)
	require.Equal(t, genesisTime, rec.Time)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestFundPoolFromIBCRefusesUnlistedChannelAndOtherDenom(t *testing.T) {
	// ARRANGE: no funding channel at all (the default).
	f := newFixture(t)

	// ACT / ASSERT: the channel is refused, nothing moves.
	_, err := f.ibcFunding(1, 1_000)
	require.ErrorIs(t, err, types.ErrFundingChannel)
	require.Zero(t, f.moduleBalance())

	// ACT / ASSERT: a listed channel with another denom is refused.
	f.setFundingChannels("channel-0")
	err = f.k.CheckIBCFunding(f.ctx, keeper.IBCFundingPacket{Channel: "channel-0", Amount: sdk.NewInt64Coin("ibc/ABC", 1)})
	require.ErrorIs(t, err, types.ErrInvalidDenom)
}

func TestIBCFundingsArePrunedAndExported(t *testing.T) {
	// ARRANGE: three records at genesis time.
	f := newFixture(t)
	f.setFundingChannels("channel-0")
	for seq := uint64(1); seq <= 3; seq++ {
		_, err := f.ibcFunding(seq, 1_000)
		require.NoError(t, err)
	}
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Len(t, exported.IbcFundings, 3)
	require.Equal(t, uint64(3), exported.NextIbcFundingId)

	// ACT 1: import elsewhere.
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)

	// ASSERT 1: the same records and the sequence continues.
	require.Equal(t, f.enc.Codec.MustMarshalJSON(exported), g.enc.Codec.MustMarshalJSON(again))
	next, err := g.k.IBCFundingSeq.Peek(g.ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(3), next)

	// ACT 2: past record_retention with max_prune_per_block = 2.
	p, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	p.MaxPrunePerBlock = 2
	require.NoError(t, f.k.Params.Set(f.ctx, p))
	f.ctx = f.ctx.WithBlockTime(genesisTime.Add(p.RecordRetention).Add(time.Second))
	require.NoError(t, f.k.BeginBlocker(f.ctx))

	// ASSERT 2: the oldest two go first, bounded per block; the next block takes the last.
	_, err = f.k.IBCFundings.Get(f.ctx, 0)
	require.Error(t, err)
	has, err := f.k.IBCFundings.Has(f.ctx, 2)
	require.NoError(t, err)
	require.True(t, has, "bounded: the third waits for the next block")
	require.NoError(t, f.k.BeginBlocker(f.ctx))
	has, err = f.k.IBCFundings.Has(f.ctx, 2)
	require.NoError(t, err)
	require.False(t, has)
}

func TestGenesisRejectsBadIBCFundings(t *testing.T) {
	gs := types.DefaultGenesisState()
	gs.IbcFundings = []types.IBCFunding{{Id: 0, Amount: sdk.NewInt64Coin(usdc, 1)}}
	require.ErrorContains(t, gs.Validate(), "next_ibc_funding_id")
	gs.NextIbcFundingId = 1
	require.NoError(t, gs.Validate())
	gs.IbcFundings = append(gs.IbcFundings, gs.IbcFundings[0])
	require.ErrorContains(t, gs.Validate(), "appears twice")
}
