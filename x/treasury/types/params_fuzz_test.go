package types_test

import (
	"time"

	"testing"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// FuzzTreasuryParamsValidate: never panics; accepted params split any total
// exactly, with no bucket negative.
func FuzzTreasuryParamsValidate(f *testing.F) {
	f.Add(uint32(4000), uint32(3000), uint32(3000), true, "uxmtp", int64(1_000_000_007))
	f.Add(uint32(10001), uint32(0), uint32(0), false, "", int64(0))
	f.Add(^uint32(0), uint32(1), ^uint32(0), false, "x", int64(-1))
	f.Fuzz(func(t *testing.T, bb, sr, eco uint32, viaDistr bool, denom string, total int64) {
		p := types.Params{BuybackBurnBps: bb, StakingRewardsBps: sr, EcosystemBps: eco, StakersViaDistribution: viaDistr, BurnDenom: denom, RecordRetention: time.Hour, MaxPrunePerBlock: 1}
		if p.Validate() != nil {
			return
		}
		if total < 0 {
			total = -(total + 1)
		}
		amt := math.NewInt(total)
		s := types.SplitTotal(amt, p)
		if s.BuybackBurn.IsNegative() || s.StakingRewards.IsNegative() || s.Ecosystem.IsNegative() ||
			!s.BuybackBurn.Add(s.StakingRewards).Add(s.Ecosystem).Equal(amt) {
			t.Fatalf("split of %s under %+v is %+v", amt, p, s)
		}
	})
}
