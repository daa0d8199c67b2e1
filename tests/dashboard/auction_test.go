package dashboard

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// auctionPeriod is the burn auction period of the browser test's chain, so
// an auction sells the treasury's cap excess while the test runs.
const auctionPeriod = 30 * time.Second

// setAuctionPeriod edits x/treasury auction_period in a home's genesis, and
// shortens the soft close (auction_extension, default 10 minutes) to 5 s so
// that a bid near the end of a 30 s auction delays its sale by seconds.
func setAuctionPeriod(t *testing.T, home string, d time.Duration) {
	t.Helper()
	path := filepath.Join(home, "config", "genesis.json")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var g map[string]any
	require.NoError(t, json.Unmarshal(b, &g))
	params := g["app_state"].(map[string]any)["treasury"].(map[string]any)["params"].(map[string]any)
	params["auction_period"] = fmt.Sprintf("%ds", int(d.Seconds()))
	params["auction_extension"] = "5s"
	b, err = json.MarshalIndent(g, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// plainDec is how the dashboard prints a LegacyDec: trailing zeros dropped.
func plainDec(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// isoTime is how the dashboard prints a timestamp (JavaScript toISOString,
// whole seconds without ".000").
func isoTime(ts string) string {
	tm, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return ts
	}
	return strings.Replace(tm.UTC().Format("2006-01-02T15:04:05.000Z"), ".000Z", "Z", 1)
}

type auction struct {
	ID            string `json:"id"`
	Lot           []coin `json:"lot"`
	EndTime       string `json:"end_time"`
	HighestBidder string `json:"highest_bidder"`
	HighestBid    coin   `json:"highest_bid"`
	Outcome       string `json:"outcome"`
	Burned        coin   `json:"burned"`
}

func (c *chain) openAuction(t *testing.T) (auction, coin, bool) {
	var r struct {
		Open       bool    `json:"open"`
		Auction    auction `json:"auction"`
		MinNextBid coin    `json:"min_next_bid"`
	}
	rest(t, c.api, "/xmtp/treasury/v1/auction", &r)
	return r.Auction, r.MinNextBid, r.Open
}

func (c *chain) closedAuctions(t *testing.T) []auction {
	var r struct {
		Auctions []auction `json:"auctions"`
	}
	rest(t, c.api, "/xmtp/treasury/v1/auctions?pagination.reverse=true&pagination.limit=1000", &r)
	return r.Auctions
}

// checkAuction bids on the open auction (it sells the cap excess the
// treasury received) and checks the treasury page shows its lot, highest
// bid and end, then what the closed auctions burned.
func (c *chain) checkAuction(t *testing.T, b *browser) {
	var a auction
	var minBid coin
	testchain.WaitFor(t, "an open auction with a lot and 10s left", 3*auctionPeriod, func() bool {
		var open bool
		a, minBid, open = c.openAuction(t)
		end, err := time.Parse(time.RFC3339Nano, a.EndTime)
		return open && len(a.Lot) > 0 && err == nil && time.Until(end) > 10*time.Second
	})
	bid, ok := new(big.Int).SetString(minBid.Amount, 10)
	if !ok || bid.Cmp(big.NewInt(1_000_000)) < 0 {
		bid = big.NewInt(1_000_000)
	}
	c.node.Tx(t, c.node.Home, "payer", "treasury", "bid", bid.String()+c.bond)

	eventually(t, "the open auction shown", 3*cycle, func() string {
		a, _, _ = c.openAuction(t)
		got := eval[[]string](t, b, `['auction-id','auction-lot','auction-bid','auction-end'].map(id => document.getElementById(id).textContent)`)
		want := []string{"#" + a.ID + " open", coinsText(c.units, a.Lot), displayAmount(c.units, a.HighestBid.Amount, a.HighestBid.Denom), isoTime(a.EndTime)}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			return fmt.Sprintf("page %q, REST %q", got, want)
		}
		return ""
	})
	require.Equal(t, displayAmount(c.units, bid.String(), c.bond), eval[string](t, b, `document.getElementById('auction-bid').textContent`))

	// ACT: the auction ends. ASSERT: the bid is burned and counted.
	sold := a.ID
	testchain.WaitFor(t, "auction "+sold+" closed", 2*auctionPeriod, func() bool {
		for _, x := range c.closedAuctions(t) {
			if x.ID == sold {
				return true
			}
		}
		return false
	})
	eventually(t, "burned so far shown", 3*cycle, func() string {
		total := new(big.Int)
		closed := c.closedAuctions(t)
		for _, x := range closed {
			if x.Burned.Denom == c.bond {
				n, _ := new(big.Int).SetString(x.Burned.Amount, 10)
				total.Add(total, n)
			}
		}
		got := eval[string](t, b, `document.getElementById('auction-burned').textContent`)
		if want := displayAmount(c.units, total.String(), c.bond); got != want || total.Sign() == 0 {
			return fmt.Sprintf("page %q, REST sum of %d closed auctions %s", got, len(closed), want)
		}
		outcome := eval[string](t, b, `(document.querySelector('#auctions tr[data-auction="`+sold+`"]') || {}).textContent || ''`)
		if !strings.Contains(outcome, "SOLD") {
			return fmt.Sprintf("closed auction %s row %q", sold, outcome)
		}
		return ""
	})
}

// testUnits checks the page's formatting of amounts and credit against
// literal expectations.
func (c *chain) testUnits(t *testing.T, b *browser) {
	c.open(t, b, "#/treasury", "treasury")
	for expr, want := range map[string]string{
		`display("1000000000", "uusdc")`:    "1,000.00 USDC",
		`display("100000000000", "uxmtp")`:  "100,000 XMTP",
		`display("1", "uxmtp")`:             "0.000001 XMTP",
		`display("22500000", "uusdc")`:      "22.50 USDC",
		`display("-1234567", "uusdc")`:      "-1.234567 USDC",
		`display("7", "ibc/ABC")`:           "7 ibc/ABC",
		`plainDec("1.250000000000000000")`:  "1.25",
		`plainDec("12.000000000000000000")`: "12",
		`plainDec("0.000000000000000000")`:  "0",
		`plainDec("-0.500000000000000000")`: "-0.5",
	} {
		require.Equal(t, want, eval[string](t, b, expr), expr)
	}
}

// TestDisplayAmount pins the test's own formatter to the examples of the
// dashboard's display rule.
func TestDisplayAmount(t *testing.T) {
	units := map[string]denomUnit{"uusdc": {"USDC", 6}, "uxmtp": {"XMTP", 6}}
	for _, tc := range []struct{ amount, denom, want string }{
		{"1000000000", "uusdc", "1,000.00 USDC"},
		{"100000000000", "uxmtp", "100,000 XMTP"},
		{"1", "uxmtp", "0.000001 XMTP"},
		{"0", "uusdc", "0.00 USDC"},
		{"1234567891", "uxmtp", "1,234.567891 XMTP"},
		{"5", "ibc/X", "5 ibc/X"},
	} {
		require.Equal(t, tc.want, displayAmount(units, tc.amount, tc.denom))
	}
	require.Equal(t, "1.25", plainDec("1.250000000000000000"))
}
