package system

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// num decodes a uint64 that JSON carries as a string or a number.
type num uint64

func (n *num) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseUint(strings.Trim(string(b), `"`), 10, 64)
	*n = num(v)
	return err
}

// dur decodes a protobuf duration ("10s").
type dur time.Duration

func (d *dur) UnmarshalJSON(b []byte) error {
	v, err := time.ParseDuration(strings.Trim(string(b), `"`))
	*d = dur(v)
	return err
}

type member struct {
	Owner      string `json:"owner"`
	SinceCycle num    `json:"since_cycle"`
}

type activeSet struct {
	Cycle        num       `json:"cycle"`
	CycleStart   time.Time `json:"cycle_start"`
	NextBoundary time.Time `json:"next_boundary"`
	Current      []member  `json:"current"`
	Next         []member  `json:"next"`
}

type nsCycleRecord struct {
	Cycle   num       `json:"cycle"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Members []member  `json:"members"`
}

type memberRecord struct {
	Owner    string      `json:"owner"`
	Credited sdkmath.Int `json:"credited"`
}

type rewardRecord struct {
	Cycle          num            `json:"cycle"`
	Duration       dur            `json:"duration"`
	Budget         sdkmath.Int    `json:"budget"`
	Backstop       sdkmath.Int    `json:"backstop"`
	TotalCredited  sdkmath.Int    `json:"total_credited"`
	TotalWithheld  sdkmath.Int    `json:"total_withheld"`
	TotalCapExcess sdkmath.Int    `json:"total_cap_excess"`
	Dust           sdkmath.Int    `json:"dust"`
	Carried        sdkmath.Int    `json:"carried"`
	Members        []memberRecord `json:"members"`
}

type payoutRecord struct {
	ID      num `json:"id"`
	Period  num `json:"period"`
	Entries []struct {
		Owner   string      `json:"owner"`
		Address string      `json:"address"`
		Amount  sdkmath.Int `json:"amount"`
		Sent    bool        `json:"sent"`
	} `json:"entries"`
}

// at returns the --height flag for a query at height h (latest when 0).
func at(h int64) []string {
	if h == 0 {
		return nil
	}
	return []string{"--height", fmt.Sprint(h)}
}

func activeSetAt(t testing.TB, n *testchain.Node, h int64) activeSet {
	t.Helper()
	var as activeSet
	n.Query(t, &as, append([]string{"nodeselection", "active-set"}, at(h)...)...)
	return as
}

func cycleHistory(t testing.TB, n *testchain.Node, c uint64) nsCycleRecord {
	t.Helper()
	var res struct {
		Record nsCycleRecord `json:"record"`
	}
	n.Query(t, &res, "nodeselection", "cycle-history", fmt.Sprint(c))
	return res.Record
}

func rewardRecords(t testing.TB, n *testchain.Node, h int64) map[uint64]rewardRecord {
	t.Helper()
	var res struct {
		Records []rewardRecord `json:"records"`
	}
	n.Query(t, &res, append([]string{"rewards", "cycle-records", "--page-limit", "1000"}, at(h)...)...)
	out := map[uint64]rewardRecord{}
	for _, r := range res.Records {
		if _, dup := out[uint64(r.Cycle)]; dup {
			t.Fatalf("cycle %d has two records", r.Cycle)
		}
		out[uint64(r.Cycle)] = r
	}
	return out
}

func payouts(t testing.TB, n *testchain.Node, h int64) []payoutRecord {
	t.Helper()
	var res struct {
		Payouts []payoutRecord `json:"payouts"`
	}
	n.Query(t, &res, append([]string{"rewards", "payouts", "--page-limit", "1000"}, at(h)...)...)
	return res.Payouts
}

func usdcBalance(t testing.TB, n *testchain.Node, addr string, h int64) sdkmath.Int {
	t.Helper()
	var res struct {
		Balance struct {
			Amount sdkmath.Int `json:"amount"`
		} `json:"balance"`
	}
	n.Query(t, &res, append([]string{"bank", "balance", addr, "uusdc"}, at(h)...)...)
	if res.Balance.Amount.IsNil() {
		return sdkmath.ZeroInt()
	}
	return res.Balance.Amount
}

func payable(t testing.TB, n *testchain.Node, owner string, h int64) sdkmath.Int {
	t.Helper()
	var res struct {
		Account struct {
			Payable sdkmath.Int `json:"payable"`
		} `json:"account"`
	}
	n.Query(t, &res, append([]string{"rewards", "earnings", owner}, at(h)...)...)
	if res.Account.Payable.IsNil() {
		return sdkmath.ZeroInt()
	}
	return res.Account.Payable
}

// owners returns the owner addresses of a set of members.
func owners(ms []member) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		out[m.Owner] = true
	}
	return out
}

// setChanges counts the members of b that are not in a.
func setChanges(a, b []member) int {
	in := owners(a)
	n := 0
	for _, m := range b {
		if !in[m.Owner] {
			n++
		}
	}
	return n
}
