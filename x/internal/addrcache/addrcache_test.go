package addrcache

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// Every answer equals an uncached decode, for strings seen before, new ones,
// invalid ones and after the cache started over; a caller that writes into
// the returned bytes does not change what the next caller gets.
func TestDecodeMatchesUncached(t *testing.T) {
	c := New(8)
	r := rand.New(rand.NewSource(1))
	var pool []string
	for i := 0; i < 20; i++ {
		bz := make([]byte, 20)
		r.Read(bz)
		s, err := bech32.ConvertAndEncode("xmtp", bz)
		require.NoError(t, err)
		pool = append(pool, s)
	}
	pool = append(pool, "xmtp1invalid", "", pool[0][:len(pool[0])-1]+"q")
	for i := 0; i < 2000; i++ {
		s := pool[r.Intn(len(pool))]
		hrp, bz, err := c.Decode(s)
		wantHrp, wantBz, wantErr := bech32.DecodeAndConvert(s)
		if wantErr != nil {
			require.Error(t, err, s)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, wantHrp, hrp)
		require.Equal(t, wantBz, bz)
		bz[0] ^= 0xff // the caller's copy
		require.LessOrEqual(t, c.Len(), 8)
	}
}
