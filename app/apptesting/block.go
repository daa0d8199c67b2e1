package apptesting

import (
	"math/rand"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DeliverBlock finalizes and commits a block d after the previous one holding
// the encoded txs, in order.
func (ta *TestApp) DeliverBlock(d time.Duration, txs [][]byte) *abci.ResponseFinalizeBlock {
	ta.T.Helper()
	return ta.finalize(d, txs)
}

// Signer signs txs of one account offline, tracking its sequence, so that
// many txs of one sender can go into one block.
type Signer struct {
	Account
	Number, Sequence uint64
}

// NewSigner reads acc's account number and sequence from committed state.
func (ta *TestApp) NewSigner(acc Account) *Signer {
	ta.T.Helper()
	a := ta.AccountKeeper.GetAccount(ta.Ctx(), acc.Addr)
	require.NotNil(ta.T, a, "account %s does not exist", acc.Addr)
	return &Signer{Account: acc, Number: a.GetAccountNumber(), Sequence: a.GetSequence()}
}

// Sign encodes a signed tx of msgs with gas limit gas and advances the
// signer's sequence.
func (ta *TestApp) Sign(s *Signer, gas uint64, msgs ...sdk.Msg) []byte {
	ta.T.Helper()
	txCfg := ta.TxConfig()
	tx, err := simtestutil.GenSignedMockTx(rand.New(rand.NewSource(int64(s.Sequence))), txCfg, msgs, sdk.NewCoins(), gas, ChainID,
		[]uint64{s.Number}, []uint64{s.Sequence}, s.Priv)
	require.NoError(ta.T, err)
	bz, err := txCfg.TxEncoder()(tx)
	require.NoError(ta.T, err)
	s.Sequence++
	return bz
}
