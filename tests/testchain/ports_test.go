package testchain

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// A reserved range cannot be reserved again, in whole or in part, until it
// is released; a lock left by a process that no longer runs is taken over.
func TestReservePorts(t *testing.T) {
	dir := t.TempDir()
	require.True(t, reservePorts(dir, 20000, 30))
	require.False(t, reservePorts(dir, 20020, 10), "overlaps the last block")
	require.False(t, reservePorts(dir, 19990, 20), "overlaps the first block")
	require.True(t, reservePorts(dir, 20030, 10), "adjacent, not overlapping")
	_, err := os.Stat(filepath.Join(dir, "19990"))
	require.True(t, os.IsNotExist(err), "a failed reservation leaves no lock behind")

	releasePorts(dir, 20000, 30)
	require.True(t, reservePorts(dir, 20020, 10))

	// A pid far above pid_max never runs.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "21000"), []byte("2147483646"), 0o644))
	require.True(t, reservePorts(dir, 21000, 10), "stale lock taken over")
	// A lock of a running process (this one) is respected.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "22000"), []byte(strconv.Itoa(os.Getpid())), 0o644))
	require.False(t, reservePorts(dir, 22000, 10))
}
