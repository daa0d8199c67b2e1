package keeper_test

import (
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

type scanned struct {
	seq   uint64
	owner string
}

// The rotation source serves repeated queue scans from memory; whatever the
// order of the scans and where they stop, it must return exactly what a walk
// of the store returns.
func TestQueueScansFromMemoryMatchTheStore(t *testing.T) {
	// ARRANGE: 40 queued operators with gaps (every 7th deregistered).
	f, owners := genesisWithOperators(t, 40, nil)
	for i := 0; i < len(owners); i += 7 {
		_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(owners[i])})
		require.NoError(t, err)
	}
	params, err := f.k.GetParams(f.ctx)
	require.NoError(t, err)
	src := keeper.NewSourceForTest(f.ctx, f.k, params, f.ctx.BlockTime())
	r := rand.New(rand.NewSource(7))

	for i := 0; i < 300; i++ {
		from := uint64(r.Intn(45))
		limit := 1 + r.Intn(50)

		// ACT
		var got []scanned
		require.NoError(t, src.ScanQueue(from, func(seq uint64, owner string) (bool, error) {
			got = append(got, scanned{seq, owner})
			return len(got) == limit, nil
		}))

		// ASSERT
		var want []scanned
		require.NoError(t, f.k.Queue().Walk(f.ctx, new(collections.Range[uint64]).StartInclusive(from), func(seq uint64, owner string) (bool, error) {
			want = append(want, scanned{seq, owner})
			return len(want) == limit, nil
		}))
		require.Equal(t, want, got, "scan %d from %d limit %d", i, from, limit)
	}
}
