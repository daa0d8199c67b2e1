package app_test

import (
	"testing"
	"time"

	"cosmossdk.io/log/v2"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// A node restarted from its stored state checks transactions against the
// last block it committed, before it commits a new one: a signed tx of an
// account whose number is not 0 passes CheckTx (the check context used to be
// at height 0, where the signature is verified against account number 0).
func TestCheckTxRightAfterRestart(t *testing.T) {
	db := dbm.NewMemDB()
	ta := apptesting.Setup(t, apptesting.Config{Accounts: 2, DB: db})
	for i := 0; i < 3; i++ {
		ta.NextBlock(1500 * time.Millisecond)
	}
	sender := ta.NewSigner(ta.Accounts[1])
	require.NotZero(t, sender.Number, "the check needs an account whose number is not 0")
	send := banktypes.NewMsgSend(sender.Addr, ta.Accounts[0].Addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)))
	tx := ta.Sign(sender, 200_000, send)

	// ACT: what `xmtpd start` does after a stop, and no block yet.
	restarted := app.NewXmtpApp(log.NewNopLogger(), db, true, simtestutil.EmptyAppOptions{}, baseapp.SetChainID(apptesting.ChainID))
	require.Equal(t, ta.Height, restarted.LastBlockHeight())
	res, err := restarted.CheckTx(&abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})

	// ASSERT
	require.NoError(t, err)
	require.Zero(t, res.Code, "CheckTx right after the restart: %s", res.Log)

	// The ante handlers see the last committed block's height and time.
	decoded, err := restarted.TxDecode(ta.Sign(sender, 200_000, send))
	require.NoError(t, err)
	ctx, err := restarted.AnteHandler()(restarted.GetContextForCheckTx(nil), decoded, false)
	require.NoError(t, err)
	require.Equal(t, ta.Height, ctx.BlockHeight())
	require.Equal(t, ta.Height, ctx.HeaderInfo().Height)
	require.True(t, ta.Time.Equal(ctx.BlockTime()), "block time %s, want %s", ctx.BlockTime(), ta.Time)
	require.True(t, ta.Time.Equal(ctx.HeaderInfo().Time))
}
