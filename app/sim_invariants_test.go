package app_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// simChecker runs at every commit of a simulation (BaseApp's Precommiter, on
// the block's final state): the invariants of docs/protocol.md#genesis-upgrades-and-invariants, the conservation of every
// newly settled cycle, the audit of its record, and two global money checks:
// the USDC supply never changes (nothing in xmtpd may mint or burn it) and the
// bond-denom supply never grows (there is no mint module; only burns).
type simChecker struct {
	mu  sync.Mutex
	tb  testing.TB
	app *app.XmtpApp

	err         error
	blocks      int
	usdcSupply  math.Int
	bondSupply  math.Int
	lastCycle   uint64
	transitions int
	lastRecord  uint64
	settled     int
	attested    int
	payouts     int
	lastTime    time.Time
	attests     map[string]bool
	perfAttest  map[string]bool
}

func (c *simChecker) check(ctx sdk.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return
	}
	if err := c.checkBlock(ctx); err != nil {
		c.err = fmt.Errorf("height %d (%s): %w", ctx.BlockHeight(), ctx.BlockTime().UTC().Format(time.RFC3339), err)
		c.tb.Errorf("simulation invariant broken at %v", c.err)
		panic(c.err)
	}
	c.blocks++
	c.lastTime = ctx.BlockTime()
}

func (c *simChecker) checkBlock(ctx sdk.Context) error {
	a := c.app
	if err := a.CheckInvariants(ctx); err != nil {
		return err
	}
	usdc := a.BankKeeper.GetSupply(ctx, app.RewardDenom).Amount
	nsParams, err := a.NodeSelectionKeeper.Params().Get(ctx)
	if err != nil {
		return err
	}
	bond := a.BankKeeper.GetSupply(ctx, nsParams.BondDenom).Amount
	if c.usdcSupply.IsNil() {
		c.usdcSupply, c.bondSupply = usdc, bond
	}
	if !usdc.Equal(c.usdcSupply) {
		return fmt.Errorf("%s supply changed from %s to %s: money created or destroyed", app.RewardDenom, c.usdcSupply, usdc)
	}
	if bond.GT(c.bondSupply) {
		return fmt.Errorf("%s supply grew from %s to %s", nsParams.BondDenom, c.bondSupply, bond)
	}
	c.bondSupply = bond
	sum := math.ZeroInt()
	a.BankKeeper.IterateAllBalances(ctx, func(_ sdk.AccAddress, coin sdk.Coin) bool {
		if coin.Denom == app.RewardDenom {
			sum = sum.Add(coin.Amount)
		}
		return false
	})
	if !sum.Equal(usdc) {
		return fmt.Errorf("balances of %s sum to %s, supply is %s", app.RewardDenom, sum, usdc)
	}

	cs, err := a.NodeSelectionKeeper.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	if cs.Cycle < c.lastCycle {
		return fmt.Errorf("cycle went back from %d to %d", c.lastCycle, cs.Cycle)
	}
	if cs.Cycle != c.lastCycle {
		c.transitions++
		c.lastCycle = cs.Cycle
	}
	c.countAttestations(ctx)
	return c.checkRecords(ctx)
}

// countAttestations counts the distinct attestations submitted and the
// operator-cycles settled as attested, for the summary.
func (c *simChecker) countAttestations(ctx sdk.Context) {
	if c.attests == nil {
		c.attests, c.perfAttest = map[string]bool{}, map[string]bool{}
	}
	k := c.app.NodeSelectionKeeper
	_ = k.Attestations().Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], _ nstypes.Attestation) (bool, error) {
		c.attests[fmt.Sprint(key.K1(), key.K2())] = true
		return false, nil
	})
	_ = k.Performances().Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], p nstypes.Performance) (bool, error) {
		if p.Attested {
			c.perfAttest[fmt.Sprint(key.K1(), key.K2())] = true
		}
		return false, nil
	})
}

// checkRecords verifies every cycle record settled since the last block.
func (c *simChecker) checkRecords(ctx sdk.Context) error {
	k := c.app.RewardsKeeper
	var recs []rewardstypes.CycleRecord
	err := k.CycleRecords.Walk(ctx, nil, func(cycle uint64, r rewardstypes.CycleRecord) (bool, error) {
		if c.settled == 0 || cycle > c.lastRecord {
			recs = append(recs, r)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := conserved(r); err != nil {
			return fmt.Errorf("cycle %d: %w", r.Cycle, err)
		}
		if err := c.matchesPerformance(ctx, r); err != nil {
			return fmt.Errorf("cycle %d: %w", r.Cycle, err)
		}
		res, err := k.Audit(ctx, r.Cycle)
		if err != nil {
			return err
		}
		if !res.Match {
			return fmt.Errorf("audit of cycle %d does not match: %v", r.Cycle, res.Differences)
		}
		c.settled++
		if r.Attested {
			c.attested++
		}
		c.lastRecord = r.Cycle
	}
	n := 0
	if err := k.Payouts.Walk(ctx, nil, func(uint64, rewardstypes.PayoutRecord) (bool, error) { n++; return false, nil }); err != nil {
		return err
	}
	if n > c.payouts {
		c.payouts = n
	}
	return nil
}

// matchesPerformance checks that x/rewards paid cycle r on the performance
// x/nodeselection settled from the attestations (docs/protocol.md#attestation-and-settled-performance: the stored
// performance record is the input to rewards).
func (c *simChecker) matchesPerformance(ctx sdk.Context, r rewardstypes.CycleRecord) error {
	all := len(r.Members) > 0
	for _, m := range r.Members {
		if m.Creditor {
			continue // a former member paid its arrears (allocation v2): not a member of the cycle
		}
		owner, err := sdk.AccAddressFromBech32(m.Owner)
		if err != nil {
			return err
		}
		p, err := c.app.NodeSelectionKeeper.Performances().Get(ctx, collections.Join(r.Cycle, owner))
		if err != nil {
			return fmt.Errorf("member %s has no settled performance: %w", m.Owner, err)
		}
		if p.UptimeBps != m.UptimeBps || p.WorkUnits != m.WorkUnits {
			return fmt.Errorf("member %s paid on uptime %d work %d, settled performance is uptime %d work %d",
				m.Owner, m.UptimeBps, m.WorkUnits, p.UptimeBps, p.WorkUnits)
		}
		all = all && p.Attested
	}
	if all != r.Attested {
		return fmt.Errorf("record says attested=%v, the settled performance says %v", r.Attested, all)
	}
	return nil
}

// conserved checks docs/protocol.md#allocation-v1: R + backstop = Σ credited + Σ withheld + Σ cap
// excess + dust (+ the budget carried back to the pool when nobody served),
// and that the member lines add up to the totals.
func conserved(r rewardstypes.CycleRecord) error {
	in := r.Budget.Add(r.Backstop)
	out := r.TotalCredited.Add(r.TotalWithheld).Add(r.TotalCapExcess).Add(r.Dust).Add(r.Carried)
	if !in.Equal(out) {
		return fmt.Errorf("budget %s + backstop %s = %s, but credited %s + withheld %s + cap excess %s + dust %s + carried %s = %s",
			r.Budget, r.Backstop, in, r.TotalCredited, r.TotalWithheld, r.TotalCapExcess, r.Dust, r.Carried, out)
	}
	cred, with, capx := math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	for _, m := range r.Members {
		for _, v := range []math.Int{m.Credited, m.Withheld, m.CapExcess, m.Bonus, m.CostsPaid, m.ArrearsPaid} {
			if v.IsNegative() {
				return fmt.Errorf("member %s has a negative amount: %+v", m.Owner, m)
			}
		}
		if !m.CostsPaid.Add(m.ArrearsPaid).Add(m.Bonus).Sub(m.Withheld).Equal(m.Credited) {
			return fmt.Errorf("member %s: costs %s + arrears %s + bonus %s - withheld %s != credited %s",
				m.Owner, m.CostsPaid, m.ArrearsPaid, m.Bonus, m.Withheld, m.Credited)
		}
		cred, with, capx = cred.Add(m.Credited), with.Add(m.Withheld), capx.Add(m.CapExcess)
	}
	if !cred.Equal(r.TotalCredited) || !with.Equal(r.TotalWithheld) || !capx.Equal(r.TotalCapExcess) {
		return fmt.Errorf("member sums credited %s withheld %s cap %s differ from totals %s %s %s",
			cred, with, capx, r.TotalCredited, r.TotalWithheld, r.TotalCapExcess)
	}
	return nil
}

func (c *simChecker) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("blocks checked %d, cycle transitions %d (last cycle %d), cycles settled %d (fully attested %d), "+
		"attestations %d, attested operator-cycles %d, payouts %d",
		c.blocks, c.transitions, c.lastCycle, c.settled, c.attested, len(c.attests), len(c.perfAttest), c.payouts)
}
