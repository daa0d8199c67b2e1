package testchain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// $XMTPD_BIN_<TAGS> is used as it is: nothing is built.
func TestBinaryFromEnvironment(t *testing.T) {
	t.Setenv("XMTPD_BIN_PREIBC_SYSTEMTEST", "/no/such/xmtpd")
	require.Equal(t, "/no/such/xmtpd", Binary(t, "preibc", "systemtest"))
}

// One file per repository and tag set, under the user cache dir.
func TestBinaryPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	cache, err := os.UserCacheDir()
	require.NoError(t, err)
	a, err := binaryPath("/src/a", "")
	require.NoError(t, err)
	require.Equal(t, filepath.Join(cache, "xmtpd-tests"), filepath.Dir(filepath.Dir(a)))
	again, err := binaryPath("/src/a", "")
	require.NoError(t, err)
	require.Equal(t, a, again, "the same file for the same repository and tags")
	tagged, err := binaryPath("/src/a", "preibc")
	require.NoError(t, err)
	other, err := binaryPath("/src/b", "")
	require.NoError(t, err)
	require.NotEqual(t, a, tagged)
	require.NotEqual(t, a, other)
	require.Equal(t, filepath.Dir(a), filepath.Dir(tagged))
	require.NotEqual(t, filepath.Dir(a), filepath.Dir(other), "checkouts do not share a directory")
}

// Builds replace the file whole, an up-to-date build leaves it as it is, a
// failed build leaves the previous one, and no temporary file stays behind,
// also with many builds at the same time.
func TestBuildAtomically(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "xmtpd")
	write := func(content string) func(string) error {
		return func(tmp string) error {
			_ = os.Remove(tmp) // as go build does before writing a new binary
			return os.WriteFile(tmp, []byte(content), 0o755)
		}
	}
	files := func() []string {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	require.NoError(t, buildAtomically(out, write("v1")))
	require.Equal(t, []string{"xmtpd"}, files())

	// Up to date: the build sees the previous binary under the temporary name and keeps it.
	var seen []byte
	require.NoError(t, buildAtomically(out, func(tmp string) error {
		var err error
		seen, err = os.ReadFile(tmp)
		return err
	}))
	require.Equal(t, "v1", string(seen))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, "v1", string(got))
	require.Equal(t, []string{"xmtpd"}, files())

	// A failed build changes nothing.
	require.Error(t, buildAtomically(out, func(tmp string) error {
		_ = os.Remove(tmp)
		_ = os.WriteFile(tmp, []byte("partial"), 0o755)
		return errors.New("compile error")
	}))
	got, err = os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, "v1", string(got))
	require.Equal(t, []string{"xmtpd"}, files())

	// Concurrent builds: every reader sees one whole version.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			content := fmt.Sprintf("v%d-%0100000d", i, i)
			require.NoError(t, buildAtomically(out, write(content)))
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			require.Len(t, b, len(content))
		}(i)
	}
	wg.Wait()
	require.Equal(t, []string{"xmtpd"}, files())
}
