package app

import (
	"errors"
	"math/big"
	"strings"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cast"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// The xmtpd gauges. They are computed at scrape time from the last committed
// state (a query context), never in BeginBlocker or EndBlocker, so scraping
// costs the consensus path nothing. The node serves them with the SDK's own
// metrics at the API server's /metrics?format=prometheus when app.toml has
// [telemetry] enabled = true and [api] enable = true.
var (
	descCycle         = prometheus.NewDesc("xmtpd_cycle_number", "Current x/nodeselection cycle.", nil, nil)
	descNextBoundary  = prometheus.NewDesc("xmtpd_cycle_next_boundary_seconds", "Unix time of the next scheduled cycle boundary.", nil, nil)
	descActiveSet     = prometheus.NewDesc("xmtpd_active_set_size", "Members of the serving (current) and announced (next) sets.", []string{"set"}, nil)
	descSeats         = prometheus.NewDesc("xmtpd_active_set_seats", "The active_set_size parameter.", nil, nil)
	descQueue         = prometheus.NewDesc("xmtpd_queue_length", "Entries in the rotation queue.", nil, nil)
	descOperators     = prometheus.NewDesc("xmtpd_operators", "Registered operators by status.", []string{"status"}, nil)
	descPool          = prometheus.NewDesc("xmtpd_rewards_pool", "Reward pool in reward_denom micro-units: unassigned, and budgets of ended cycles awaiting settlement.", []string{"part", "denom"}, nil)
	descPayable       = prometheus.NewDesc("xmtpd_rewards_payable", "Sum of operators' payable balances and arrears, in reward_denom micro-units.", []string{"part", "denom"}, nil)
	descLastSettled   = prometheus.NewDesc("xmtpd_rewards_last_settled_cycle", "Last settled cycle.", nil, nil)
	descSettled       = prometheus.NewDesc("xmtpd_rewards_settled", "Totals of the last settled cycle, in reward_denom micro-units.", []string{"part", "denom"}, nil)
	descPayouts       = prometheus.NewDesc("xmtpd_rewards_payouts", "Payout records written so far.", nil, nil)
	descTreasury      = prometheus.NewDesc("xmtpd_treasury_bucket", "Treasury bucket balances, in micro-units.", []string{"bucket", "denom"}, nil)
	descViolations    = prometheus.NewDesc("xmtpd_violations_recorded", "Violations recorded so far (every kind, excused ones included).", nil, nil)
	descSettledAttest = prometheus.NewDesc("xmtpd_attestation_last_settled_cycle", "Last cycle whose attestations were settled.", nil, nil)
	descDowntime      = prometheus.NewDesc("xmtpd_downtime_last_settled", "Members that committed a downtime violation in the last settled attestation cycle; outage is 1 when the whole set was down (no violations).", []string{"kind"}, nil)
	descLastPayout    = prometheus.NewDesc("xmtpd_rewards_last_payout", "Last payout record: amounts sent and failed (reward_denom micro-units) and failed entries.", []string{"part", "denom"}, nil)
	descHeight        = prometheus.NewDesc("xmtpd_state_height", "Height of the committed state the xmtpd gauges were read from.", nil, nil)
	descScrapeFailure = prometheus.NewDesc("xmtpd_telemetry_read_errors", "Sections of state the collector could not read on this scrape.", nil, nil)
)

// registerTelemetry installs the xmtpd collector in the default Prometheus
// registry when [telemetry] is enabled; it is a no-op otherwise (and in tests).
func (app *XmtpApp) registerTelemetry(appOpts servertypes.AppOptions) {
	if !cast.ToBool(appOpts.Get("telemetry.enabled")) {
		return
	}
	err := prometheus.Register(stateCollector{app: app})
	var already prometheus.AlreadyRegisteredError
	if err != nil && !errors.As(err, &already) {
		panic(err)
	}
}

// stateCollector reads the committed state on every scrape.
type stateCollector struct{ app *XmtpApp }

// Describe implements prometheus.Collector.
func (c stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descCycle, descNextBoundary, descActiveSet, descSeats, descQueue, descOperators,
		descPool, descPayable, descLastSettled, descSettled, descPayouts, descTreasury, descHeight, descScrapeFailure,
		descViolations, descSettledAttest, descDowntime, descLastPayout} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, err := c.app.CreateQueryContextWithCheckHeader(0, false, false)
	if err != nil {
		return // no committed block yet
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(descHeight, float64(ctx.BlockHeight()))
	failures := 0
	for _, section := range []func(sdk.Context, func(*prometheus.Desc, float64, ...string)) error{
		c.collectCycle, c.collectOperators, c.collectRewards, c.collectTreasury, c.collectDuties, c.collectLastPayout,
	} {
		if err := section(ctx, gauge); err != nil {
			failures++
		}
	}
	gauge(descScrapeFailure, float64(failures))
}

func (c stateCollector) collectCycle(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	k := c.app.NodeSelectionKeeper
	params, err := k.Params().Get(ctx)
	if err != nil {
		return err
	}
	gauge(descSeats, float64(params.ActiveSetSize))
	st, err := k.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	gauge(descCycle, float64(st.Cycle))
	gauge(descNextBoundary, float64(st.NextBoundary.Unix()))
	gauge(descActiveSet, float64(len(st.Current)), "current")
	gauge(descActiveSet, float64(len(st.Next)), "next")
	n := 0
	err = k.Queue().Walk(ctx, nil, func(uint64, string) (bool, error) { n++; return false, nil })
	gauge(descQueue, float64(n))
	return err
}

func (c stateCollector) collectOperators(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	// Counted from the status index (keys only), never by decoding records.
	for v, name := range nstypes.OperatorStatus_name {
		if v == 0 {
			continue
		}
		it, err := c.app.NodeSelectionKeeper.Operators().Indexes.Status.MatchExact(ctx, v)
		if err != nil {
			return err
		}
		n := 0
		for ; it.Valid(); it.Next() {
			n++
		}
		it.Close()
		gauge(descOperators, float64(n), strings.TrimPrefix(name, "OPERATOR_STATUS_"))
	}
	return nil
}

func (c stateCollector) collectRewards(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	k := c.app.RewardsKeeper
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	denom := params.RewardDenom
	unassigned, err := k.UnassignedPool.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	gauge(descPool, intFloat(unassigned), "unassigned", denom)
	budgets := math.ZeroInt()
	if err := k.Budgets.Walk(ctx, nil, func(_ uint64, amt math.Int) (bool, error) {
		budgets = budgets.Add(amt)
		return false, nil
	}); err != nil {
		return err
	}
	gauge(descPool, intFloat(budgets), "budgets", denom)
	payable, arrears := math.ZeroInt(), math.ZeroInt()
	if err := k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, a rewardstypes.OperatorAccount) (bool, error) {
		payable, arrears = payable.Add(orZero(a.Payable)), arrears.Add(orZero(a.Arrears))
		return false, nil
	}); err != nil {
		return err
	}
	gauge(descPayable, intFloat(payable), "payable", denom)
	gauge(descPayable, intFloat(arrears), "arrears", denom)
	progress, err := k.Progress.Get(ctx)
	if err != nil {
		return err
	}
	if progress.NextPayoutId > 0 {
		gauge(descPayouts, float64(progress.NextPayoutId)) // ids start at 0
	}
	if !progress.SettledAny {
		return nil
	}
	gauge(descLastSettled, float64(progress.LastSettledCycle))
	rec, err := k.CycleRecords.Get(ctx, progress.LastSettledCycle)
	if err != nil {
		return err
	}
	for part, v := range map[string]math.Int{
		"budget": rec.Budget, "backstop": rec.Backstop, "credited": rec.TotalCredited,
		"withheld": rec.TotalWithheld, "cap_excess": rec.TotalCapExcess, "dust": rec.Dust,
	} {
		gauge(descSettled, intFloat(v), part, denom)
	}
	return nil
}

func (c stateCollector) collectTreasury(ctx sdk.Context, gauge func(*prometheus.Desc, float64, ...string)) error {
	return c.app.TreasuryKeeper.Buckets.Walk(ctx, nil, func(key collections.Pair[int32, string], amt math.Int) (bool, error) {
		name := strings.TrimPrefix(treasurytypes.Bucket_name[key.K1()], "BUCKET_")
		gauge(descTreasury, intFloat(amt), name, key.K2())
		return false, nil
	})
}

func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}

// intFloat converts an amount to a float for monitoring (not for accounting).
func intFloat(i math.Int) float64 {
	if i.IsNil() {
		return 0
	}
	f, _ := new(big.Float).SetInt(i.BigInt()).Float64()
	return f
}
