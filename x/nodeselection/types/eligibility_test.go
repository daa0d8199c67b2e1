package types_test

import (
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// EligibleIgnoringNFT and the NFT together say what IneligibleReason says,
// for every status, time, stake, key and require_node_key.
func TestEligibleIgnoringNFTMatchesReason(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		p := types.DefaultParams()
		p.MinStake = math.NewInt(1000)
		p.RequireNodeKey = r.Intn(2) == 0
		op := types.Operator{
			Status:     types.OperatorStatus(r.Intn(8)),
			EligibleAt: now.Add(time.Duration(r.Intn(5)-2) * time.Nanosecond),
			Stake:      math.NewInt(int64(998 + r.Intn(5))),
			NftId:      "op-1",
		}
		if r.Intn(2) == 0 {
			op.SigningPublicKey = []byte{2, 1}
		}
		holds := r.Intn(2) == 0
		want := types.IneligibleReason(op, holds, now, p) == ""
		require.Equal(t, want, types.EligibleIgnoringNFT(op, now, p) && holds, "%+v holds=%v require=%v", op, holds, p.RequireNodeKey)
	}
}
