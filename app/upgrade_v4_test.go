//go:build !preibc

package app_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	"github.com/xmtp/xmtpd-chain/app/upgrades"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// upgradeCtx is a context writing straight to the committed stores, as the
// PreBlocker that runs an upgrade handler does.
func upgradeCtx(ta *apptesting.TestApp) sdk.Context {
	return ta.NewUncachedContext(false, cmtproto.Header{Height: ta.Height + 1, Time: ta.Time, ChainID: apptesting.ChainID})
}

// v4 rewrites addresses stored in upper case (written straight to the store,
// as the handlers before v4 accepted them) to their canonical spelling: the
// operator record and its signer index, the queue, the rewards account and an
// auction record.
func TestUpgradeV4RewritesNonCanonicalAddresses(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2})
	ctx := upgradeCtx(ta)
	nk, rk, tk := ta.NodeSelectionKeeper, ta.RewardsKeeper, ta.TreasuryKeeper
	owner := ta.Operators[0].Addr
	canon, upper := owner.String(), strings.ToUpper(owner.String())
	op, err := nk.Operators().Get(ctx, owner)
	require.NoError(t, err)
	op.Owner, op.Signer, op.PayoutAddress = upper, upper, upper
	require.NoError(t, nk.SetOperator(ctx, owner, op))
	require.NoError(t, nk.Enqueue(ctx, op.QueueSeq, upper))
	require.NoError(t, rk.Accounts.Set(ctx, owner, rewardstypes.OperatorAccount{Owner: upper, Payable: math.NewInt(0),
		Arrears: math.NewInt(7), PeriodCosts: math.ZeroInt(), PeriodEarnings: math.ZeroInt(), PayoutAddress: upper}))
	require.NoError(t, tk.AuctionState.Records.Set(ctx, 99, treasurytypes.Auction{Id: 99, HighestBidder: upper}))
	hits, err := nk.Operators().Indexes.Signer.MatchExact(ctx, upper)
	require.NoError(t, err)
	require.True(t, hits.Valid(), "seeded: the signer index holds the upper-case key")
	require.NoError(t, hits.Close())

	// ACT
	err = ta.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: upgrades.V4Name, Height: ctx.BlockHeight()})

	// ASSERT
	require.NoError(t, err)
	op, err = nk.Operators().Get(ctx, owner)
	require.NoError(t, err)
	require.Equal(t, []string{canon, canon, canon}, []string{op.Owner, op.Signer, op.PayoutAddress})
	owners, err := nk.Operators().Indexes.Signer.MatchExact(ctx, canon)
	require.NoError(t, err)
	pks, err := owners.PrimaryKeys()
	require.NoError(t, err)
	require.Equal(t, []sdk.AccAddress{owner}, pks, "the signer index is keyed by the canonical signer")
	stale, err := nk.Operators().Indexes.Signer.MatchExact(ctx, upper)
	require.NoError(t, err)
	require.False(t, stale.Valid(), "no upper-case signer index entry is left")
	require.NoError(t, stale.Close())
	q, err := nk.Queue().Get(ctx, op.QueueSeq)
	require.NoError(t, err)
	require.Equal(t, canon, q)
	acc, err := rk.Accounts.Get(ctx, owner)
	require.NoError(t, err)
	require.Equal(t, []string{canon, canon}, []string{acc.Owner, acc.PayoutAddress})
	require.Equal(t, math.NewInt(7), acc.Arrears, "amounts are untouched")
	rec, err := tk.AuctionState.Records.Get(ctx, 99)
	require.NoError(t, err)
	require.Equal(t, canon, rec.HighestBidder)
	require.NoError(t, ta.CheckInvariants(ctx))
}

// Two operators whose signers are one account in two spellings cannot be
// merged: the upgrade fails and names them.
func TestUpgradeV4FailsOnTwoSpellingsOfOneSigner(t *testing.T) {
	// ARRANGE
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2, Accounts: 1})
	ctx := upgradeCtx(ta)
	nk := ta.NodeSelectionKeeper
	key := ta.Accounts[0].Addr
	for i, spelling := range []string{key.String(), strings.ToUpper(key.String())} {
		op, err := nk.Operators().Get(ctx, ta.Operators[i].Addr)
		require.NoError(t, err)
		op.Signer = spelling
		require.NoError(t, nk.SetOperator(ctx, ta.Operators[i].Addr, op))
	}

	// ACT
	err := ta.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: upgrades.V4Name, Height: ctx.BlockHeight()})

	// ASSERT
	require.ErrorContains(t, err, "have the same signer "+key.String()+" in two spellings")
}
