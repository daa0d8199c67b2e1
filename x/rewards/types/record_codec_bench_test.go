package types_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// A settled record of a 10-member active set, with amounts of the size a
// month of settlements gives (uusdc, tens of thousands of USDC per period).
func tenMemberRecord() types.CycleRecord {
	at := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	r := types.CycleRecord{
		Cycle: 1234, Start: at.Add(-12 * time.Hour), End: at, Duration: 12 * time.Hour, AlgorithmVersion: 2,
		Params: types.DefaultParams(), Budget: math.NewInt(123_456_789_012), Backstop: math.ZeroInt(),
		TotalCredited: math.NewInt(98_765_432_109), TotalWithheld: math.NewInt(1_234_567), TotalCapExcess: math.NewInt(7_654_321),
		Dust: math.NewInt(7), Carried: math.ZeroInt(), Attested: true, Period: 20, SettledAt: at, SettledHeight: 812_345,
	}
	for i := int64(1); i <= 10; i++ {
		n := func(v int64) math.Int { return math.NewInt(v * i) }
		r.Members = append(r.Members, types.MemberRecord{
			Owner: "xmtp1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrujsuw", UptimeBps: 9_990, WorkUnits: 123_456,
			ArrearsBefore: math.ZeroInt(), PeriodCostsBefore: n(16_438_356_164), PeriodEarningsBefore: n(17_438_356_164),
			Fixed: n(16_438_356), Variable: n(123_456), ArrearsPaid: math.ZeroInt(), CostsPaid: n(16_561_812),
			Bonus: n(4_123_456), CapExcess: math.ZeroInt(), Withheld: math.ZeroInt(), Credited: n(20_685_268),
			ArrearsAfter: math.ZeroInt(), PeriodCostsAfter: n(16_454_918), PeriodEarningsAfter: n(17_459_041_432),
		})
	}
	return r
}

// BenchmarkRecordCodec is what Query/CycleRecords does per record besides
// the store read: decode the stored bytes, encode them again for the answer
// (docs/benchmarks.md, queries: the floor of CycleRecords per record).
func BenchmarkRecordCodec(b *testing.B) {
	rec := tenMemberRecord()
	bz, err := rec.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"decode", func() error { var x types.CycleRecord; return x.Unmarshal(bz) }},
		{"encode", func() error { _, err := rec.Marshal(); return err }},
		{"member_decode_encode", func() error {
			var m types.MemberRecord
			mb, _ := rec.Members[3].Marshal()
			if err := m.Unmarshal(mb); err != nil {
				return err
			}
			_, err := m.Marshal()
			return err
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(bz)), "record_bytes")
			for i := 0; i < b.N; i++ {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
