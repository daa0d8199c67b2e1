package attester_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/attester"
	"github.com/xmtp/xmtpd-chain/operator/metrics"
	"github.com/xmtp/xmtpd-chain/operator/store"
)

const self = "xmtp1self"

// newAttester is an attester over a store holding cycle 4's counts: peer a
// answered 9 of 10 probes, peer b 10 of 10, the operator itself is counted too.
func newAttester(t *testing.T, f *fakeChain, dir string) *attester.Attester {
	t.Helper()
	s, err := store.Open(dir)
	require.NoError(t, err)
	_, err = s.Update(4, func(c *store.Cycle) error {
		if len(c.Peers) == 0 {
			c.Peers["xmtp1a"] = &store.Peer{Probes: 10, Answered: 9, Work: 40}
			c.Peers["xmtp1b"] = &store.Peer{Probes: 10, Answered: 10}
			c.Peers[self] = &store.Peer{Probes: 3, Answered: 3}
		}
		return nil
	})
	require.NoError(t, err)
	return &attester.Attester{Chain: f, Store: s, Owner: self, TimeoutBlocks: 5,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: metrics.New()}
}

func status(t *testing.T, a *attester.Attester, c uint64) *store.Cycle {
	t.Helper()
	cy, err := a.Store.Get(c)
	require.NoError(t, err)
	return cy
}

func TestSubmitsTheCountedUptimeOnceAndConfirms(t *testing.T) {
	// ARRANGE
	f := newFakeChain(4)
	a := newAttester(t, f, t.TempDir())
	ctx := context.Background()

	// ACT: step, a block, step again (twice: confirmation is idempotent).
	require.NoError(t, a.Step(ctx, 4))
	f.commit()
	require.NoError(t, a.Step(ctx, 4))
	require.NoError(t, a.Step(ctx, 4))

	// ASSERT
	held := f.held[4]
	require.NotNil(t, held)
	require.Len(t, held.Observations, 2, "no self-observation")
	require.Equal(t, "xmtp1a", held.Observations[0].Operator)
	require.Equal(t, uint32(9000), held.Observations[0].UptimeBps)
	require.Equal(t, uint64(40), held.Observations[0].WorkUnits)
	require.Equal(t, uint32(10000), held.Observations[1].UptimeBps)
	require.Equal(t, store.StatusConfirmed, status(t, a, 4).Status)
	require.Equal(t, 1, f.signed)
	require.Equal(t, 1, f.deliveredTxs())
}

func TestNoSecondTransactionAfterRestartWhilePending(t *testing.T) {
	// ARRANGE: the agent sends, then dies before the block; the node also loses its mempool.
	f := newFakeChain(4)
	dir := t.TempDir()
	ctx := context.Background()
	require.NoError(t, newAttester(t, f, dir).Step(ctx, 4))
	f.drop()

	// ACT: a new process on the same state directory.
	a := newAttester(t, f, dir)
	require.NoError(t, a.Step(ctx, 4)) // re-broadcasts the stored bytes
	f.commit()
	require.NoError(t, a.Step(ctx, 4))

	// ASSERT: one signature, the same transaction sent twice, one attestation.
	require.Equal(t, 1, f.signed, "a restart must not sign a second attestation")
	require.Equal(t, 2, f.broadcasts)
	require.Equal(t, 1, f.deliveredTxs())
	require.Equal(t, store.StatusConfirmed, status(t, a, 4).Status)
}

func TestSignsAgainOnlyAfterTheTimeoutHeight(t *testing.T) {
	// ARRANGE: the transaction is lost (mempool dropped) and never re-sent in time.
	f := newFakeChain(4)
	a := newAttester(t, f, t.TempDir())
	ctx := context.Background()
	require.NoError(t, a.Step(ctx, 4))
	first := status(t, a, 4).TxHash
	f.mu.Lock()
	f.height += 3 // still within timeout_blocks
	f.mu.Unlock()
	f.drop()
	f.failNext = context.DeadlineExceeded // the re-broadcast does not arrive either

	// ACT / ASSERT: within its timeout height the agent waits.
	require.NoError(t, a.Step(ctx, 4))
	require.Equal(t, 1, f.signed)
	require.Equal(t, first, status(t, a, 4).TxHash)

	// Past it the old transaction can never be included: sign again.
	f.mu.Lock()
	f.height += 10
	f.mu.Unlock()
	require.NoError(t, a.Step(ctx, 4)) // back to open
	require.NoError(t, a.Step(ctx, 4)) // new transaction
	f.commit()
	require.NoError(t, a.Step(ctx, 4))
	require.Equal(t, 2, f.signed)
	require.Equal(t, store.StatusConfirmed, status(t, a, 4).Status)
	require.Equal(t, 1, f.deliveredTxs())
}

func TestChainAlreadyHoldsIt(t *testing.T) {
	// ARRANGE: the chain holds this operator's attestation (another agent of the same key sent it).
	f := newFakeChain(4)
	f.held[4] = newHeld()
	a := newAttester(t, f, t.TempDir())

	// ACT
	require.NoError(t, a.Step(context.Background(), 4))

	// ASSERT: checked on chain first; nothing signed or sent.
	require.Equal(t, 0, f.signed)
	require.Equal(t, 0, f.broadcasts)
	require.Equal(t, store.StatusConfirmed, status(t, a, 4).Status)
}

func TestTwoAgentsOfOneKeyLandOneAttestation(t *testing.T) {
	// ARRANGE: two agents, own state directories, one key (one account sequence).
	f := newFakeChain(4)
	a1 := newAttester(t, f, t.TempDir())
	a2 := newAttester(t, f, t.TempDir())
	ctx := context.Background()

	// ACT: both step before a block; the second meets a sequence mismatch and retries.
	require.NoError(t, a1.Step(ctx, 4))
	require.Error(t, a2.Step(ctx, 4), "same sequence: CheckTx refuses the second")
	f.commit()
	for i := 0; i < 3; i++ {
		_ = a1.Step(ctx, 4)
		_ = a2.Step(ctx, 4)
		f.commit()
	}

	// ASSERT
	require.Equal(t, 1, f.deliveredTxs(), "exactly one transaction reached a block")
	require.Equal(t, store.StatusConfirmed, status(t, a1, 4).Status)
	require.Equal(t, store.StatusConfirmed, status(t, a2, 4).Status)
}

func TestNothingMeasuredOrNotAttestable(t *testing.T) {
	// ARRANGE: cycle 9 was never probed; cycle 4 is no longer accepted (settled).
	f := newFakeChain()
	a := newAttester(t, f, t.TempDir())
	ctx := context.Background()

	// ACT
	require.NoError(t, a.Step(ctx, 9))
	require.NoError(t, a.Step(ctx, 4))

	// ASSERT
	require.Equal(t, store.StatusAbandoned, status(t, a, 9).Status)
	require.Equal(t, store.StatusAbandoned, status(t, a, 4).Status)
	require.Equal(t, 0, f.signed)
	require.True(t, attester.Done(status(t, a, 4)))
}
