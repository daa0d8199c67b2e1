// Package addrcache memoises the bech32 decoding of address strings that a
// module wrote to its own store (queue entries, attestation signers): the
// same few thousand strings are decoded again at every boundary and schedule
// refresh. Decoding is a pure function of the string, so a cached entry can
// never be stale; the cache is bounded and callers get their own copy.
package addrcache

import (
	"sync"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// maxEntries bounds the memory (about 150 bytes an entry); when full the
// cache starts over.
const maxEntries = 1 << 17

// Cache maps a bech32 string to its human-readable part and bytes.
type Cache struct {
	mu      sync.RWMutex
	entries map[string]entry
	max     int
}

type entry struct {
	hrp string
	bz  []byte
}

// New returns a cache of at most max entries (maxEntries when max <= 0).
func New(max int) *Cache {
	if max <= 0 {
		max = maxEntries
	}
	return &Cache{entries: map[string]entry{}, max: max}
}

// Decode is bech32.DecodeAndConvert(s), served from the cache when s was
// decoded before. Errors are not cached. The returned bytes are a copy.
func (c *Cache) Decode(s string) (string, []byte, error) {
	c.mu.RLock()
	e, ok := c.entries[s]
	c.mu.RUnlock()
	if !ok {
		hrp, bz, err := bech32.DecodeAndConvert(s)
		if err != nil {
			return "", nil, err
		}
		e = entry{hrp: hrp, bz: bz}
		c.mu.Lock()
		if len(c.entries) >= c.max {
			c.entries = map[string]entry{}
		}
		c.entries[s] = e
		c.mu.Unlock()
	}
	return e.hrp, append([]byte(nil), e.bz...), nil
}

// Len is the number of cached strings.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}
