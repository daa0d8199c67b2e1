package resident

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func rssFileKiB(t *testing.T) int {
	t.Helper()
	bz, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for _, l := range strings.Split(string(bz), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "RssFile:" {
			v, err := strconv.Atoi(f[1])
			require.NoError(t, err)
			return v
		}
	}
	t.Fatal("no RssFile")
	return 0
}

func TestReleaseDropsExecutablePages(t *testing.T) {
	before := rssFileKiB(t)
	dropped, err := Release()
	require.NoError(t, err)
	after := rssFileKiB(t)
	t.Logf("RssFile %d KiB -> %d KiB, dropped %d KiB of mappings", before, after, dropped>>10)
	require.Positive(t, dropped)
	require.Less(t, after, before)
}

func TestDroppableRangesKeepRelroWritableAndOtherFiles(t *testing.T) {
	// ARRANGE: the maps of a Go executable linked with cgo: header, text,
	// rodata, the GNU_RELRO page (read-only after relocation), data; libc;
	// an anonymous mapping.
	maps := []byte(`00400000-00402000 r--p 00000000 fe:00 11 /bin/xmtpd
00402000-03ec9000 r-xp 00002000 fe:00 11 /bin/xmtpd
03ec9000-08382000 r--p 03ac9000 fe:00 11 /bin/xmtpd
08382000-08383000 r--p 07f82000 fe:00 11 /bin/xmtpd
08383000-0860f000 rw-p 07f83000 fe:00 11 /bin/xmtpd
7f0000000000-7f0000100000 r-xp 00000000 fe:00 12 /usr/lib/libc.so.6
7f0000200000-7f0000300000 rw-p 00000000 00:00 0
`)
	keep := []span{{0x7f82000, 0x7f83000}, {0x7f82000, 0x820e000}} // RELRO, the RW segment

	// ACT
	got, err := droppableRanges(maps, "/bin/xmtpd", keep)

	// ASSERT: header, text and rodata only.
	require.NoError(t, err)
	require.Equal(t, []span{{0x400000, 0x402000}, {0x402000, 0x3ec9000}, {0x3ec9000, 0x8382000}}, got)
}
