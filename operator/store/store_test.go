package store_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/store"
)

func TestCountsSurviveRestart(t *testing.T) {
	// ARRANGE: an agent's store counts 3 probes of a peer in cycle 7 and marks a pending tx.
	dir := t.TempDir()
	s, err := store.Open(dir)
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		_, err := s.Update(7, func(c *store.Cycle) error {
			p := c.Peers["xmtp1peer"]
			if p == nil {
				p = &store.Peer{}
				c.Peers["xmtp1peer"] = p
			}
			p.Probes++
			p.Answered++
			return nil
		})
		require.NoError(t, err)
	}
	_, err = s.Update(7, func(c *store.Cycle) error {
		c.Status, c.TxHash, c.TxBytes = store.StatusPending, "ABC", []byte{1, 2}
		return nil
	})
	require.NoError(t, err)

	// ACT: a new process opens the same directory.
	s2, err := store.Open(dir)
	require.NoError(t, err)
	got, err := s2.Get(7)
	require.NoError(t, err)

	// ASSERT
	require.Equal(t, uint64(3), got.Peers["xmtp1peer"].Probes)
	require.Equal(t, store.StatusPending, got.Status)
	require.Equal(t, "ABC", got.TxHash)
	require.Equal(t, []byte{1, 2}, got.TxBytes)
	cycles, err := s2.Cycles()
	require.NoError(t, err)
	require.Equal(t, []uint64{7}, cycles)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left behind")
}

func TestPruneKeepsUnfinishedCycles(t *testing.T) {
	// ARRANGE: cycle 1 confirmed, cycle 2 pending, cycle 5 open.
	s, err := store.Open(t.TempDir())
	require.NoError(t, err)
	for c, st := range map[uint64]string{1: store.StatusConfirmed, 2: store.StatusPending, 5: store.StatusOpen} {
		_, err := s.Update(c, func(cy *store.Cycle) error { cy.Status = st; return nil })
		require.NoError(t, err)
	}
	// ACT
	require.NoError(t, s.Prune(5))
	// ASSERT
	cycles, err := s.Cycles()
	require.NoError(t, err)
	require.Equal(t, []uint64{2, 5}, cycles)
}
