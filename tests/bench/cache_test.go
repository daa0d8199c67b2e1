package bench

import (
	"flag"
	"fmt"
	"runtime"
	"sort"
	"testing"

	"github.com/cosmos/cosmos-sdk/store/v2/rootmulti"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// iavlSizing runs TestIAVLCacheSizing: two apps of 100,000 operators, minutes.
var iavlSizing = flag.Bool("iavl.sizing", false, "run TestIAVLCacheSizing (builds two 100,000-operator apps)")

// TestIAVLCacheSizing is the measurement behind xmtpd's iavl-cache-size
// (docs/protocol.md, "Node configuration"): at 100,000 registered operators
// in the boundary benchmark's state, it counts the leaves of every store and
// of x/nodeselection's collections, checks that the app.toml default holds
// the whole x/nodeselection tree (2·leaves − 1 nodes), and prints the heap
// the node caches take (live heap with the default cache minus the live heap
// of the same app with a one-node cache, built first: the process-wide
// address cache then counts against the default, not for it).
func TestIAVLCacheSizing(t *testing.T) {
	if !*iavlSizing {
		t.Skip("builds two 100,000-operator apps; run with -args -iavl.sizing")
	}
	const operators = 100_000
	size := iavlCacheSize()
	heapNone, _, _ := sizingRun(t, operators, 1, false)
	heapFull, leaves, nsLeaves := sizingRun(t, operators, size, true)

	names := make([]string, 0, len(leaves))
	total, cached := 0, 0
	for n, l := range leaves {
		names = append(names, n)
		total += 2*l - 1
		cached += min(2*l-1, size)
	}
	sort.Slice(names, func(i, j int) bool { return leaves[names[i]] > leaves[names[j]] })
	for _, n := range names {
		if leaves[n] > 1000 {
			fmt.Printf("store %-14s %8d leaves %8d nodes\n", n, leaves[n], 2*leaves[n]-1)
		}
	}
	prefixes := make([]int, 0, len(nsLeaves))
	for p := range nsLeaves {
		prefixes = append(prefixes, int(p))
	}
	sort.Ints(prefixes)
	for _, p := range prefixes {
		fmt.Printf("%s prefix %2d: %8d leaves\n", nstypes.ModuleName, p, nsLeaves[byte(p)])
	}
	cache := int64(heapFull) - int64(heapNone)
	fmt.Printf("iavl-cache-size %d: %d nodes in all stores, %d of them fit the caches; live heap %.0f MiB with it, %.0f MiB with a 1-node cache: the caches take %.0f MiB (%.0f bytes per cached node)\n",
		size, total, cached, mib(heapFull), mib(heapNone), float64(cache)/(1<<20), float64(cache)/float64(cached))

	nsNodes := 2*leaves[nstypes.StoreKey] - 1
	require.GreaterOrEqual(t, size, nsNodes,
		"iavl-cache-size %d is smaller than the %s tree at %d operators (%d nodes)", size, nstypes.ModuleName, operators, nsNodes)
}

// sizingRun builds the boundary benchmark's app with the given IAVL cache,
// runs two attested boundaries, and returns the live heap (with the app still
// reachable) and, if count, the leaves of every store and of x/nodeselection
// by key prefix (counted after the heap is read: the iteration reads the tree).
func sizingRun(t *testing.T, operators, cache int, count bool) (uint64, map[string]int, map[byte]int) {
	t.Helper()
	old := *iavlCache
	*iavlCache = cache
	defer func() { *iavlCache = old }()
	ta := newApp(t, setup{operators: operators})
	nextBoundary(ta)
	for i := 0; i < 2; i++ {
		writeAllAttestations(t, ta, 10)
		nextBoundary(ta)
	}
	heap := liveHeap()
	if !count {
		runtime.KeepAlive(ta)
		return heap, nil, nil
	}
	leaves, ns := countLeaves(t, ta)
	return heap, leaves, ns
}

// countLeaves counts the keys of every store of the committed state, and of
// x/nodeselection by the first byte of the key (the collection prefix).
func countLeaves(t *testing.T, ta *apptesting.TestApp) (map[string]int, map[byte]int) {
	t.Helper()
	rs, ok := ta.CommitMultiStore().(*rootmulti.Store)
	require.True(t, ok, "the app's multistore is not a rootmulti.Store")
	leaves := map[string]int{}
	ns := map[byte]int{}
	for name, key := range rs.StoreKeysByName() {
		it := rs.GetKVStore(key).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			leaves[name]++
			if name == nstypes.StoreKey {
				ns[it.Key()[0]]++
			}
		}
		require.NoError(t, it.Close())
	}
	return leaves, ns
}

// liveHeap is the heap in use after two collections.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
