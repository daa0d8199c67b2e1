package types_test

import (
	"bytes"
	"math/big"
	"net/url"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// FuzzValidateEndpoint: never panics; an accepted endpoint is an https URL of
// at most 256 bytes with a host.
func FuzzValidateEndpoint(f *testing.F) {
	for _, s := range []string{"https://node.xmtp.network", "https://a.b:443", "http://x.y", "https://", "https://[::1]:8443",
		"https://user@host.io", "https://h.io/path?q#f", "javascript:alert(1)", strings.Repeat("a", 300), "https://h.io:99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if types.ValidateEndpoint(s) != nil {
			return
		}
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "https" || u.Host == "" || len(s) > 256 {
			t.Fatalf("accepted endpoint %q", s)
		}
	})
}

// FuzzValidateRegion: never panics; an accepted region is a known ISO code.
func FuzzValidateRegion(f *testing.F) {
	for _, s := range []string{"SK", "sk", "XX", "", "DEU", "S\u212a", "ÄÖ", "US "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if types.ValidateRegion(s) != nil {
			return
		}
		if _, ok := types.RegionName(s); !ok || len(s) != 2 {
			t.Fatalf("accepted region %q", s)
		}
	})
}

// FuzzNodeSelectionParamsValidate: never panics; accepted params are usable.
func FuzzNodeSelectionParamsValidate(f *testing.F) {
	valid := func(matured, prune uint32) {
		f.Add(int64(12*time.Hour), uint32(10), uint32(2000), int64(100_000_000_000), "uxmtp", int64(time.Hour), int32(1), "0.1", "0.01",
			uint32(9500), uint32(3000), uint32(6000), uint32(9000), uint32(1000), int32(1), uint32(1000), matured, prune)
	}
	valid(100, 100)
	valid(100, 0) // only max_prune_per_block is unusable
	valid(0, 100) // only max_matured_per_block is unusable
	f.Add(int64(0), uint32(0), uint32(0), int64(-1), "", int64(-1), int32(9), "2", "-1", uint32(10001), uint32(9000), uint32(6000), uint32(3000), uint32(10001), int32(7), uint32(0), uint32(0), uint32(0))
	f.Fuzz(func(t *testing.T, cycle int64, size, turnover uint32, minStake int64, denom string, dur int64, strategy int32,
		credInit, credStep string, minUptime, w0, w1, w2, slash uint32, dest int32, scan, matured, prune uint32) {
		p := types.Params{
			CycleDuration: time.Duration(cycle), ActiveSetSize: size, MaxDailyTurnoverBps: turnover, MinStake: math.NewInt(minStake),
			BondDenom: denom, WaitingPeriod: time.Duration(dur), UnbondingPeriod: time.Duration(dur), JailDuration: time.Duration(dur),
			PenaltyWindow: time.Duration(dur), RecordRetention: time.Duration(dur), Strategy: types.Strategy(strategy), MinUptimeBps: minUptime,
			WithholdBps: []uint32{w0, w1, w2}, SlashBps: slash, SlashDestination: types.SlashDestination(dest),
			MaxQueueScan: scan, MaxMaturedPerBlock: matured, MaxPrunePerBlock: prune,
		}
		p.CreditInitial, _ = math.LegacyNewDecFromStr(credInit)
		p.CreditStep, _ = math.LegacyNewDecFromStr(credStep)
		if p.Validate() != nil {
			return
		}
		if p.CycleDuration < time.Second || p.ActiveSetSize == 0 || !p.MinStake.IsPositive() || p.SlashBps > 10000 ||
			p.MinUptimeBps > 10000 || w0 > w1 || w1 > w2 || w2 > 10000 || p.MaxQueueScan == 0 || p.MaxMaturedPerBlock == 0 || p.MaxPrunePerBlock == 0 {
			t.Fatalf("Validate accepted unusable params %+v", p)
		}
		_ = types.RotationBudget(p.ActiveSetSize, p.MaxDailyTurnoverBps, p.CycleDuration) // must not panic
	})
}

// FuzzDrawWeighted: the WEIGHTED draw never panics, is reproducible, returns
// at most want distinct candidates, never one in skip or of zero weight.
func FuzzDrawWeighted(f *testing.F) {
	f.Add([]byte("weights"), []byte{0xab, 0xcd}, uint64(7), uint8(3), uint8(0b101))
	f.Add([]byte{0, 0, 0, 0, 255, 255}, []byte{}, uint64(0), uint8(10), uint8(0))
	f.Add(bytes.Repeat([]byte{0xff}, 64), []byte("hash"), ^uint64(0), uint8(255), uint8(255))
	f.Fuzz(func(t *testing.T, weights, hash []byte, cycle uint64, want, skipMask uint8) {
		var cands []types.Candidate
		skip := map[string]bool{}
		for i := 0; i+1 < len(weights) && len(cands) < 40; i += 2 {
			w := new(big.Int).SetBytes(weights[i : i+2])
			if weights[i]&0x80 != 0 {
				w.Lsh(w, 200) // huge stakes
			}
			owner := string(rune('a' + len(cands)))
			cands = append(cands, types.Candidate{Owner: owner, QueueSeq: uint64(len(cands) + 1), Weight: math.NewIntFromBigInt(w)})
			if len(cands) <= 8 && skipMask&(1<<(len(cands)-1)) != 0 {
				skip[owner] = true
			}
		}
		got := types.DrawWeighted(cands, skip, int(want%16), hash, cycle, 0)
		again := types.DrawWeighted(cands, skip, int(want%16), hash, cycle, 0)
		if len(got) != len(again) {
			t.Fatal("draw is not reproducible")
		}
		if len(got) > int(want%16) {
			t.Fatalf("drew %d, wanted at most %d", len(got), want%16)
		}
		seen := map[string]bool{}
		for i, c := range got {
			if again[i].Owner != c.Owner {
				t.Fatal("draw is not reproducible")
			}
			if seen[c.Owner] || skip[c.Owner] || !c.Weight.IsPositive() {
				t.Fatalf("bad pick %+v (seen %v, skipped %v)", c, seen[c.Owner], skip[c.Owner])
			}
			seen[c.Owner] = true
		}
		eligible := 0
		for _, c := range cands {
			if !skip[c.Owner] && c.Weight.IsPositive() {
				eligible++
			}
		}
		if len(got) != min(eligible, int(want%16)) {
			t.Fatalf("drew %d of %d eligible, wanted %d", len(got), eligible, want%16)
		}
	})
}
