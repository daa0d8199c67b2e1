package types_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// paramFields are the names a rejection must mention (SPEC 7: the message
// names the field).
var paramFields = []string{"buyback_burn_bps", "staking_rewards_bps", "ecosystem_bps", "burn_denom",
	"record_retention", "max_prune_per_block", "auction_period", "min_bid_increment_bps", "auction_extension"}

// spec7Accepts is SPEC 7 and 13 written out independently of Validate: bps
// at most 10000 and the buckets summing to 10000, a valid denom, durations
// at least 1s (auction_period and auction_extension may be 0 = off), sizes
// at least 1.
func spec7Accepts(p types.Params) bool {
	const full = 10000
	bucketsOK := p.BuybackBurnBps <= full && p.StakingRewardsBps <= full && p.EcosystemBps <= full &&
		uint64(p.BuybackBurnBps)+uint64(p.StakingRewardsBps)+uint64(p.EcosystemBps) == full
	offOrSecond := func(d time.Duration) bool { return d == 0 || d >= time.Second }
	return bucketsOK && sdk.ValidateDenom(p.BurnDenom) == nil &&
		p.RecordRetention >= time.Second && p.MaxPrunePerBlock >= 1 &&
		offOrSecond(p.AuctionPeriod) && p.MinBidIncrementBps <= full && offOrSecond(p.AuctionExtension)
}

// FuzzTreasuryParamsValidate: never panics; Validate agrees with SPEC 7/13; a
// rejection names a field; accepted params split any total exactly with no
// bucket negative, raise a bid by more than nothing and at most 100%, open
// auctions that last at least 1s and end after the block that opens them, and
// extend an auction only to at least 1s after the bid that extends it.
func FuzzTreasuryParamsValidate(f *testing.F) {
	day, minute := int64(24*time.Hour), int64(time.Minute)
	f.Add(uint32(4000), uint32(3000), uint32(3000), true, "uxmtp", int64(1_000_000_007), int64(730*day), uint32(100), int64(7*day), uint32(100), int64(10*minute), int64(1000), int64(3*day), int64(-5*minute))
	f.Add(uint32(10001), uint32(0), uint32(0), false, "", int64(0), int64(0), uint32(0), int64(-1), uint32(10001), int64(-1), int64(0), int64(0), int64(0))
	f.Add(^uint32(0), uint32(1), ^uint32(0), false, "x", int64(-1), int64(-1), uint32(1), int64(0), ^uint32(0), int64(0), int64(-1), int64(-1), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(time.Second-1), uint32(0), int64(0), int64(1), int64(0), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(time.Second), uint32(10000), int64(time.Second), int64(1), int64(9*day), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(time.Hour), uint32(10000), int64(time.Millisecond), int64(7), int64(0), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(time.Hour), uint32(10001), int64(time.Hour), int64(1), int64(0), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(time.Hour), uint32(0), int64(-time.Minute), int64(1), int64(0), int64(-1))
	f.Add(uint32(10000), uint32(0), uint32(0), false, "uxmtp", int64(5), int64(time.Second), uint32(1), int64(-time.Hour), uint32(0), int64(0), int64(1), int64(0), int64(-1))
	f.Fuzz(func(t *testing.T, bb, sr, eco uint32, viaDistr bool, denom string, total, retention int64, maxPrune uint32,
		period int64, incBps uint32, ext, highest, sinceEnd, bidBeforeEnd int64) {
		p := types.Params{BuybackBurnBps: bb, StakingRewardsBps: sr, EcosystemBps: eco, StakersViaDistribution: viaDistr,
			BurnDenom: denom, RecordRetention: time.Duration(retention), MaxPrunePerBlock: maxPrune,
			AuctionPeriod: time.Duration(period), MinBidIncrementBps: incBps, AuctionExtension: time.Duration(ext)}
		err := p.Validate()
		if want := spec7Accepts(p); (err == nil) != want {
			t.Fatalf("Validate(%+v) = %v, SPEC 7 accepts: %v", p, err, want)
		}
		if err != nil {
			if !errors.Is(err, types.ErrInvalidParams) || !mentionsAField(err.Error()) {
				t.Fatalf("rejection %q names no field", err)
			}
			return
		}
		checkSplit(t, p, nonNegative(total))
		checkIncrement(t, math.NewInt(nonNegative(highest)), incBps)
		checkWindowAndExtension(t, p, time.Duration(nonNegative(sinceEnd)%int64(30*24*time.Hour)), time.Duration(nonNegative(bidBeforeEnd)))
	})
}

func nonNegative(v int64) int64 {
	if v < 0 {
		return -(v + 1)
	}
	return v
}

func mentionsAField(msg string) bool {
	for _, name := range paramFields {
		if strings.Contains(msg, name) {
			return true
		}
	}
	return false
}

func checkSplit(t *testing.T, p types.Params, total int64) {
	amt := math.NewInt(total)
	s := types.SplitTotal(amt, p)
	if s.BuybackBurn.IsNegative() || s.StakingRewards.IsNegative() || s.Ecosystem.IsNegative() ||
		!s.BuybackBurn.Add(s.StakingRewards).Add(s.Ecosystem).Equal(amt) {
		t.Fatalf("split of %s under %+v is %+v", amt, p, s)
	}
}

// checkIncrement: the next bid is above the highest and at most double it (or one more).
func checkIncrement(t *testing.T, highest math.Int, bps uint32) {
	next := types.MinNextBid(highest, bps)
	if !next.GT(highest) || next.GT(math.MaxInt(highest.MulRaw(2), highest.AddRaw(1))) {
		t.Fatalf("MinNextBid(%s, %d) = %s: not in (highest, max(2*highest, highest+1)]", highest, bps, next)
	}
}

// checkWindowAndExtension: an auction opened sinceEnd after the previous
// scheduled end lasts auction_period (>= 1s) and ends after the opening block;
// a bid bidBeforeEnd before its end never moves the end earlier, and a moved
// end is auction_extension (>= 1s) after the bid.
func checkWindowAndExtension(t *testing.T, p types.Params, sinceEnd, bidBeforeEnd time.Duration) {
	prevEnd := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if p.AuctionPeriod == 0 {
		return
	}
	now := prevEnd.Add(sinceEnd)
	start, end := types.AuctionWindow(prevEnd, true, p.AuctionPeriod, now)
	if d := end.Sub(start); d != p.AuctionPeriod || d < time.Second || !end.After(now) || start.After(now) {
		t.Fatalf("window [%s, %s] at %s for period %s", start, end, now, p.AuctionPeriod)
	}
	bidTime := end.Add(-(bidBeforeEnd%end.Sub(start) + 1))
	moved, ok := types.SoftCloseEnd(end, bidTime, p.AuctionExtension)
	switch {
	case moved.Before(end):
		t.Fatalf("a bid at %s moved the end %s earlier to %s", bidTime, end, moved)
	case ok && (moved.Sub(bidTime) != p.AuctionExtension || moved.Sub(bidTime) < time.Second):
		t.Fatalf("extension to %s after a bid at %s under auction_extension %s", moved, bidTime, p.AuctionExtension)
	case !ok && (moved != end || (p.AuctionExtension > 0 && end.Sub(bidTime) < p.AuctionExtension)):
		t.Fatalf("a bid %s before the end under auction_extension %s did not extend", end.Sub(bidTime), p.AuctionExtension)
	}
}
