package types_test

import (
	"os"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeStateTableListsEveryPrefix: the state table of the module README
// names exactly the store prefixes declared in keys.go (a row "a–b" covers a
// range), so a new collection cannot go undocumented.
func TestReadmeStateTableListsEveryPrefix(t *testing.T) {
	// ARRANGE
	keys, err := os.ReadFile("keys.go")
	require.NoError(t, err)
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)

	// ACT
	declared := map[int]bool{}
	for _, m := range regexp.MustCompile(`collections\.NewPrefix\((\d+)\)`).FindAllSubmatch(keys, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		require.False(t, declared[n], "prefix %d declared twice in keys.go", n)
		declared[n] = true
	}
	documented := map[int]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (\d+)(?:–(\d+))? \|`).FindAllSubmatch(readme, -1) {
		from, _ := strconv.Atoi(string(m[1]))
		to := from
		if len(m[2]) > 0 {
			to, _ = strconv.Atoi(string(m[2]))
		}
		for n := from; n <= to; n++ {
			documented[n] = true
		}
	}

	// ASSERT
	require.NotEmpty(t, declared)
	require.Equal(t, sorted(declared), sorted(documented), "README state table vs keys.go prefixes")
}

func sorted(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}
