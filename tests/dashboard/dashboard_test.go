package dashboard

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/dashboard"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const cycle = 8 * time.Second

// chain is the running test chain the pages are read against.
type chain struct {
	nw       *testchain.Network
	node     *testchain.Node
	api      int
	base     string // http://127.0.0.1:<api>/dashboard/
	shots    string
	proposal string
	units    map[string]denomUnit // bank denom metadata: base -> display unit
	bond     string
}

// TestDashboardInBrowser runs a one-validator chain with 8s cycles and 12 demo
// operators (the real binary), funds the pool, puts a rewards proposal in its
// voting period, and drives every dashboard page in headless Chromium.
func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: runs a real chain and Chromium (skipped with -short)")
	}
	// ARRANGE
	b := newBrowser(t) // fails here when the browser is missing
	bin := testchain.Binary(t)
	nw := testchain.NewNetwork(t, bin, 1, "--cycle-duration", cycle.String(), "--payout-period", (10 * cycle).String(),
		"--voting-period", "10m", "--operators", "12")
	setAuctionPeriod(t, nw.Nodes[0].Home, auctionPeriod)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("node log tail:\n%s", nw.Nodes[0].LogTail(3000))
		}
	})
	nw.StartAll(t)
	c := &chain{nw: nw, node: nw.Nodes[0], api: nw.Nodes[0].APIPort(), shots: screenshotDir(t)}
	c.base = fmt.Sprintf("http://127.0.0.1:%d/dashboard/", c.api)
	c.units = denomUnits(t, c.api)
	var nsp struct {
		Params struct {
			BondDenom string `json:"bond_denom"`
		} `json:"params"`
	}
	rest(t, c.api, "/xmtp/nodeselection/v1/params", &nsp)
	c.bond = nsp.Params.BondDenom
	c.node.Tx(t, c.node.Home, "payer", "rewards", "fund-reward-pool", "50000000000uusdc")
	c.proposal = c.submitRewardsProposal(t)
	testchain.WaitFor(t, "a settled cycle whose cap excess reached the treasury", 40*cycle, func() bool {
		var b struct {
			Buckets []struct {
				Coins []coin `json:"coins"`
			} `json:"buckets"`
		}
		rest(t, c.api, "/xmtp/treasury/v1/buckets", &b)
		return len(b.Buckets) > 0 && len(b.Buckets[0].Coins) > 0
	})

	for _, page := range []struct {
		name string
		run  func(*testing.T, *browser)
	}{
		{"network", c.testNetwork},
		{"operators", c.testOperators},
		{"operator", c.testOperator},
		{"names", c.testNames},
		{"treasury", c.testTreasury},
		{"units", c.testUnits},
		{"audit", c.testAudit},
		{"governance", c.testGovernance},
	} {
		t.Run(page.name, func(t *testing.T) {
			b.takeErrors()
			page.run(t, b)
			t.Logf("screenshot %s", b.screenshot(t, c.shots, page.name))
			require.Empty(t, b.takeErrors(), "console errors on the %s page", page.name)
		})
	}
	t.Run("deploy", c.testDeploy)
}

// screenshotDir is $XMTPD_SCREENSHOTS when set, else the test's artifact
// directory (kept with go test -artifacts).
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("XMTPD_SCREENSHOTS"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		return d
	}
	return t.ArtifactDir()
}

// open navigates to a page and waits until it has rendered.
func (c *chain) open(t *testing.T, b *browser, hash, page string) {
	t.Helper()
	b.do(t, "open "+hash, chromedp.Navigate(c.base+hash),
		chromedp.WaitVisible(chromedp.CSS(`main[data-page="`+page+`"]`)))
}

func (c *chain) activeSet(t *testing.T) activeSet {
	var as activeSet
	rest(t, c.api, "/xmtp/nodeselection/v1/active_set", &as)
	return as
}

func (c *chain) testNetwork(t *testing.T, b *browser) {
	// ACT
	c.open(t, b, "#/network", "network")

	// ASSERT: the serving set and the cycle are the REST answer's.
	eventually(t, "current set and cycle shown", 3*cycle, func() string {
		as := c.activeSet(t)
		shown := eval[[]string](t, b, `[...document.querySelectorAll('#current-set tbody tr[data-owner]')].map(r => r.dataset.owner)`)
		cyc := eval[string](t, b, `document.getElementById('cycle').textContent`)
		if !slices.Equal(shown, owners(as.Current)) || cyc != as.Cycle {
			return fmt.Sprintf("page cycle %s set %v, REST cycle %s set %v", cyc, shown, as.Cycle, owners(as.Current))
		}
		return ""
	})
	// Region code and country name of every member, from the chain's own table.
	rows := eval[[][]string](t, b, `[...document.querySelectorAll('#current-set tbody tr[data-owner]')].map(r =>
		[r.dataset.owner, r.querySelector('[data-col=region]').textContent, r.querySelector('[data-col=country]').textContent])`)
	require.NotEmpty(t, rows)
	regions := dashboard.Regions()
	for _, r := range rows {
		var op struct {
			Operator struct {
				Region string `json:"region"`
			} `json:"operator"`
		}
		rest(t, c.api, "/xmtp/nodeselection/v1/operator/"+r[0], &op)
		require.Equal(t, op.Operator.Region, r[1], "region of %s", r[0])
		require.Equal(t, regions[op.Operator.Region], r[2], "country of %s", r[0])
		require.NotEmpty(t, r[2])
	}

	// ASSERT: the timeline's first predicted cycle is the announced next set.
	eventually(t, "timeline shows the next set", 3*cycle, func() string {
		as := c.activeSet(t)
		cur, _ := strconv.ParseUint(as.Cycle, 10, 64)
		shown := eval[[]string](t, b, fmt.Sprintf(`[...document.querySelectorAll('#timeline td[data-cycle="%d"][data-member="1"]')].map(td => td.parentElement.dataset.owner)`, cur+1))
		want := owners(as.Next)
		slices.Sort(shown)
		slices.Sort(want)
		if len(want) == 0 || !slices.Equal(shown, want) {
			return fmt.Sprintf("timeline cycle %d shows %v, REST next is %v", cur+1, shown, want)
		}
		return ""
	})

	// ACT: wait for a boundary without reloading. ASSERT: the page follows.
	before := eval[string](t, b, `document.getElementById('cycle').textContent`)
	renders := eval[string](t, b, `document.querySelector('main').dataset.renders`)
	testchain.WaitFor(t, "the next boundary", 3*cycle, func() bool { return c.activeSet(t).Cycle != before })
	eventually(t, "page shows the new cycle", 2*cycle, func() string {
		now := c.activeSet(t).Cycle
		cyc := eval[string](t, b, `document.getElementById('cycle').textContent`)
		if cyc != now {
			return fmt.Sprintf("page shows cycle %s (was %s), REST %s", cyc, before, now)
		}
		return ""
	})
	require.NotEqual(t, renders, eval[string](t, b, `document.querySelector('main').dataset.renders`), "re-rendered in place")
}

func (c *chain) testOperators(t *testing.T, b *browser) {
	var ops struct {
		Operators []struct {
			Owner  string `json:"owner"`
			Status string `json:"status"`
			Stake  string `json:"stake"`
			Credit string `json:"credit"`
		} `json:"operators"`
	}
	rest(t, c.api, "/xmtp/nodeselection/v1/operators?pagination.limit=1000", &ops)
	c.open(t, b, "#/operators", "operators")
	shown := eval[[]string](t, b, `[...document.querySelectorAll('#operators tbody tr[data-owner]')].map(r => r.dataset.owner + ' ' + r.querySelector('[data-col=stake]').textContent + ' ' + r.querySelector('[data-col=credit]').textContent)`)
	var want []string
	for _, o := range ops.Operators {
		want = append(want, o.Owner+" "+displayAmount(c.units, o.Stake, c.bond)+" "+plainDec(o.Credit))
	}
	require.ElementsMatch(t, want, shown)
	// The genesis operators bond min_stake, 100000000000uxmtp: 100,000 XMTP.
	require.Contains(t, shown, ops.Operators[0].Owner+" 100,000 XMTP "+plainDec(ops.Operators[0].Credit))

	// ACT: filter by one owner. ASSERT: only its row is visible.
	target := ops.Operators[3].Owner
	b.do(t, "type a filter", chromedp.SendKeys(chromedp.CSS("#filter-text"), target))
	visible := eval[[]string](t, b, `[...document.querySelectorAll('#operators tbody tr[data-owner]')].filter(r => !r.hidden).map(r => r.dataset.owner)`)
	require.Equal(t, []string{target}, visible)
	// The filter input has a label.
	require.Equal(t, "filter-text", eval[string](t, b, `document.querySelector('label[for=filter-text]').htmlFor`))
	eval[bool](t, b, `(() => { const i = document.getElementById('filter-text'); i.value = ''; i.dispatchEvent(new Event('input')); i.blur(); return true; })()`)
	require.Equal(t, len(ops.Operators), eval[int](t, b, `[...document.querySelectorAll('#operators tbody tr[data-owner]')].filter(r => !r.hidden).length`))
}

func (c *chain) testOperator(t *testing.T, b *browser) {
	owner := c.activeSet(t).Current[0].Owner
	var rp struct {
		Params struct {
			RewardDenom string `json:"reward_denom"`
		} `json:"params"`
	}
	rest(t, c.api, "/xmtp/rewards/v1/params", &rp)
	c.open(t, b, "#/operator/"+owner, "operator")
	eventually(t, "payable, arrears and cap headroom shown", 3*cycle, func() string {
		var e struct {
			Account struct {
				Payable string `json:"payable"`
				Arrears string `json:"arrears"`
			} `json:"account"`
			CapHeadroom string `json:"cap_headroom"`
			WithholdBps int    `json:"withhold_bps"`
		}
		rest(t, c.api, "/xmtp/rewards/v1/earnings/"+owner, &e)
		got := eval[[]string](t, b, `['payable','arrears','cap-headroom'].map(id => document.getElementById(id).textContent)`)
		want := []string{displayAmount(c.units, e.Account.Payable, rp.Params.RewardDenom), displayAmount(c.units, e.Account.Arrears, rp.Params.RewardDenom),
			displayAmount(c.units, e.CapHeadroom, rp.Params.RewardDenom)}
		if !slices.Equal(got, want) {
			return fmt.Sprintf("page %v, REST %v", got, want)
		}
		return ""
	})
	require.NotEqual(t, "0.00 USDC", eval[string](t, b, `document.getElementById('payable').textContent`), "the funded settlement credited the member")
	// Both charts are drawn by Chart.js.
	require.Equal(t, 2, eval[int](t, b, `[...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length`))
}

func (c *chain) testTreasury(t *testing.T, b *browser) {
	c.open(t, b, "#/treasury", "treasury")
	eventually(t, "bucket balances shown", 3*cycle, func() string {
		var bk struct {
			Buckets []struct {
				Bucket string `json:"bucket"`
				Coins  []coin `json:"coins"`
			} `json:"buckets"`
		}
		rest(t, c.api, "/xmtp/treasury/v1/buckets", &bk)
		for _, x := range bk.Buckets {
			name := x.Bucket[len("BUCKET_"):]
			got := eval[string](t, b, `document.querySelector('#buckets tr[data-bucket="`+name+`"] [data-col=balance]').textContent`)
			if want := coinsText(c.units, x.Coins); got != want {
				return fmt.Sprintf("bucket %s: page %q, REST %q", name, got, want)
			}
		}
		return ""
	})
	require.Equal(t, 1, eval[int](t, b, `document.querySelectorAll('canvas').length`))
	c.checkAuction(t, b)
}

func (c *chain) testAudit(t *testing.T, b *browser) {
	c.open(t, b, "#/audit", "audit")
	cycles := eval[[]string](t, b, `[...document.querySelectorAll('#audit tbody tr[data-cycle]')].map(r => r.dataset.cycle)`)
	require.NotEmpty(t, cycles)
	for _, cy := range cycles {
		var a map[string]json.RawMessage
		rest(t, c.api, "/xmtp/rewards/v1/audit/"+cy, &a)
		var match bool
		require.NoError(t, json.Unmarshal(a["match"], &match))
		shown := eval[string](t, b, `document.querySelector('#audit tr[data-cycle="`+cy+`"] [data-check=match]').dataset.ok`)
		require.Equal(t, map[bool]string{true: "1", false: "0"}[match], shown, "cycle %s", cy)
	}
	cli := eval[string](t, b, `document.getElementById('audit-cli').textContent`)
	require.Equal(t, fmt.Sprintf("xmtpd q rewards audit --from %s --to %s", cycles[len(cycles)-1], cycles[0]), cli)
}

func (c *chain) testGovernance(t *testing.T, b *browser) {
	c.open(t, b, "#/governance", "governance")
	title := eval[string](t, b, `document.querySelector('article[data-proposal="`+c.proposal+`"] h3').textContent`)
	require.Contains(t, title, "Proposal "+c.proposal)
	// When a budget awaited settlement at render time, the comparison lists
	// exactly the operators of the REST simulation (the page re-renders every
	// few seconds: a boundary between the render and the REST read is waited out).
	eventually(t, "the comparison lists the simulated members", 3*cycle, func() string {
		rows := eval[[]string](t, b, `[...document.querySelectorAll('#sim-`+c.proposal+` tbody tr[data-owner]')].map(r => r.dataset.owner)`)
		if len(rows) == 0 {
			return ""
		}
		var sim struct {
			Current struct {
				Members []member `json:"members"`
			} `json:"current"`
		}
		rest(t, c.api, "/xmtp/rewards/v1/simulate_proposal/"+c.proposal, &sim)
		want := owners(sim.Current.Members)
		slices.Sort(want)
		slices.Sort(rows)
		if !slices.Equal(want, rows) {
			return fmt.Sprintf("page %v, REST %v", rows, want)
		}
		return ""
	})
}
