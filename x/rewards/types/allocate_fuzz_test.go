package types_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// bigFrom makes a non-negative amount of up to 2^256-1 from fuzz input.
func bigFrom(lo uint64, hi uint8) math.Int {
	v := new(big.Int).SetUint64(lo)
	v.Lsh(v, uint(hi))
	if v.BitLen() > 256 {
		v.SetBit(v, 0, 1)
		v.Rsh(v, uint(v.BitLen()-256))
	}
	return math.NewIntFromBigInt(v)
}

// FuzzAllocate checks, for arbitrary inputs, that Allocate never panics and
// that every accepted allocation conserves money (budget + backstop used =
// credited + withheld + cap excess + dust + carried), credits nobody a
// negative amount and respects the profit cap.
func FuzzAllocate(f *testing.F) {
	f.Add(uint64(1_000_000_000), uint8(0), uint64(0), uint8(0), uint8(3), uint64(12*3600), uint64(30*24*3600), uint64(1_000_000_000), uint16(250), uint32(0), uint32(3000), uint64(10), true, uint64(0))
	f.Add(uint64(0), uint8(0), uint64(5), uint8(0), uint8(10), uint64(1), uint64(1), uint64(1), uint16(0), uint32(10000), uint32(10000), uint64(1<<40), false, uint64(99))
	f.Add(^uint64(0), uint8(192), ^uint64(0), uint8(192), uint8(7), uint64(1<<40), uint64(1), ^uint64(0), uint16(65535), uint32(123), uint32(9999), ^uint64(0), true, ^uint64(0))
	f.Fuzz(func(t *testing.T, budget uint64, bShift uint8, backstop uint64, sShift uint8, members uint8, dur, period, basePay uint64,
		capMilli uint16, uptime, withhold uint32, work uint64, backstopOn bool, seed uint64) {
		p := types.DefaultParams()
		p.BasePay = math.NewIntFromUint64(basePay)
		p.ProfitCap = math.LegacyOneDec().Add(math.LegacyNewDecWithPrec(int64(capMilli), 3))
		p.PayoutPeriod = time.Duration(period%(1<<40)+1) * time.Second
		p.VariableCostPerUnit = math.LegacyNewDecWithPrec(int64(seed%1_000_000), 3)
		p.BasePayBackstop = backstopOn
		in := types.AllocationInput{
			Version: types.AlgorithmV1 + uint32(seed%2), Params: p, Duration: time.Duration(dur%(1<<40)) * time.Second,
			Budget: bigFrom(budget, bShift), Backstop: bigFrom(backstop, sShift),
		}
		for i := 0; i < int(members%20); i++ {
			s := seed + uint64(i)*0x9e3779b97f4a7c15
			in.Members = append(in.Members, types.MemberInput{
				Owner: fmt.Sprintf("op%d", i), UptimeBps: uptime % 10001, WorkUnits: work >> (i % 64),
				WithholdBps: (withhold + uint32(i)*1000) % 10001,
				Arrears:     math.NewIntFromUint64(s % 1_000_000_000), PeriodCosts: math.NewIntFromUint64(s % 7_000_000_000),
				PeriodEarnings: math.NewIntFromUint64(s % 9_000_000_000),
			})
		}
		if in.Version == types.AlgorithmV2 && members%3 == 0 && len(in.Members) > 1 {
			last := &in.Members[len(in.Members)-1]
			last.Creditor = true // creditors follow the members
		}
		shortfall, err := types.Shortfall(in)
		if err != nil {
			// Only input validation may refuse; it never raises ErrConservation.
			if errors.Is(err, types.ErrConservation) {
				t.Fatalf("shortfall: %v", err)
			}
			return
		}
		if in.Backstop.GT(shortfall) {
			in.Backstop = shortfall // the keeper never draws more than the shortfall
		}
		out, err := types.Allocate(in)
		if errors.Is(err, types.ErrConservation) {
			t.Fatalf("Allocate's own conservation check failed: %v", err)
		}
		if err != nil {
			t.Fatalf("inputs accepted by Shortfall refused by Allocate: %v", err)
		}
		src := in.Budget.Add(out.BackstopUsed)
		dst := out.Credited.Add(out.Withheld).Add(out.CapExcess).Add(out.Dust).Add(out.Carried)
		if !src.Equal(dst) {
			t.Fatalf("not conserved: budget %s + backstop %s = %s, outputs %s", in.Budget, out.BackstopUsed, src, dst)
		}
		if out.BackstopUsed.GT(in.Backstop) {
			t.Fatalf("used backstop %s above the %s drawn", out.BackstopUsed, in.Backstop)
		}
		for i, m := range out.Members {
			for _, v := range []math.Int{m.Credited, m.Withheld, m.CapExcess, m.Bonus, m.CostsPaid, m.ArrearsPaid, m.ArrearsAfter} {
				if v.IsNegative() {
					t.Fatalf("member %d has a negative amount: %+v", i, m)
				}
			}
			capped := p.ProfitCap.MulInt(m.PeriodCostsAfter).TruncateInt()
			if m.Bonus.IsPositive() && m.PeriodEarningsAfter.GT(capped) {
				t.Fatalf("member %d earns %s above the cap %s with a bonus of %s", i, m.PeriodEarningsAfter, capped, m.Bonus)
			}
		}
	})
}

// FuzzRewardsParamsValidate checks that Validate never panics and that every
// accepted parameter set is usable.
func FuzzRewardsParamsValidate(f *testing.F) {
	f.Add("uusdc", int64(1_000_000_000), "0", "1.25", int64(720*3600), int64(1), uint32(50))
	f.Add("", int64(-1), "-1", "0.5", int64(0), int64(0), uint32(0))
	f.Add("x", int64(0), "1e400", "abc", int64(-5), int64(1<<62), uint32(1<<31))
	f.Fuzz(func(t *testing.T, denom string, basePay int64, varCost, profitCap string, payout, retention int64, prune uint32) {
		p := types.Params{RewardDenom: denom, BasePay: math.NewInt(basePay), PayoutPeriod: time.Duration(payout),
			RecordRetention: time.Duration(retention), MaxPrunePerBlock: prune,
			AlgorithmVersion: 1 + prune%3, MaxWorkUnits: uint64(prune), MaxCreditorsPerCycle: prune, MaxPayoutsPerBlock: prune}
		p.VariableCostPerUnit, _ = math.LegacyNewDecFromStr(varCost)
		p.ProfitCap, _ = math.LegacyNewDecFromStr(profitCap)
		if err := p.Validate(); err != nil {
			return
		}
		if p.ProfitCap.LT(math.LegacyOneDec()) || p.BasePay.IsNegative() || p.PayoutPeriod < time.Second || p.MaxPrunePerBlock == 0 ||
			p.AlgorithmVersion < 1 || p.AlgorithmVersion > 2 || p.MaxWorkUnits == 0 || p.MaxPayoutsPerBlock == 0 {
			t.Fatalf("Validate accepted unusable params %+v", p)
		}
	})
}
