package types

import (
	"time"

	"cosmossdk.io/math"
)

// AlgorithmV1 is the allocation of docs/protocol.md#allocation-v1, steps 1-8. A changed formula gets
// a new version; old versions stay callable so that stored cycles stay auditable.
const AlgorithmV1 uint32 = 1

// AlgorithmV2 is the allocation with the v2 rules (docs/protocol.md): base pay is the only guaranteed
// tier, variable costs are paid from the budget only and clamped, creditors.
const AlgorithmV2 uint32 = 2

// CurrentAlgorithmVersion is the default of param algorithm_version.
const CurrentAlgorithmVersion = AlgorithmV2

// MemberInput is what Allocate needs to know about one member of the cycle.
type MemberInput struct {
	Owner          string
	UptimeBps      uint32
	WorkUnits      uint64
	WithholdBps    uint32
	Arrears        math.Int // owed from earlier cycles
	PeriodCosts    math.Int // C_i before this cycle
	PeriodEarnings math.Int // E_i before this cycle
	// Creditor marks a non-member paid its arrears (v2 only): no fixed,
	// variable or bonus, trackers unchanged. Creditors follow the members.
	Creditor bool
}

// AllocationInput is every input of the allocation of one settled cycle.
type AllocationInput struct {
	Version  uint32
	Params   Params
	Duration time.Duration
	Budget   math.Int // R
	// Backstop is what the keeper drew from the treasury for this cycle. Allocate
	// uses at most Shortfall(in) of it; the keeper draws exactly Shortfall(in),
	// or less when the ECOSYSTEM bucket is short, so all of it is used.
	Backstop math.Int
	Members  []MemberInput
}

// MemberOutput is the allocation to one member.
type MemberOutput struct {
	Owner               string
	Fixed               math.Int
	Variable            math.Int
	ArrearsPaid         math.Int
	CostsPaid           math.Int // part of this cycle's fixed+variable paid
	Bonus               math.Int
	CapExcess           math.Int
	Withheld            math.Int
	Credited            math.Int
	ArrearsAfter        math.Int
	PeriodCostsAfter    math.Int
	PeriodEarningsAfter math.Int
}

// AllocationOutput is the result of Allocate: what the keeper applies.
type AllocationOutput struct {
	Members      []MemberOutput
	BackstopUsed math.Int
	Credited     math.Int
	Withheld     math.Int
	CapExcess    math.Int
	Dust         math.Int
	Carried      math.Int // budget returned to the pool (no members)
}

// Allocate computes the allocation of one settled cycle with the algorithm
// version named in the input. It has no store access.
func Allocate(in AllocationInput) (AllocationOutput, error) {
	switch in.Version {
	case AlgorithmV1:
		return allocateV1(in)
	case AlgorithmV2:
		return allocateV2(in)
	default:
		return AllocationOutput{}, unknownVersion(in.Version)
	}
}

func unknownVersion(v uint32) error {
	return ErrUnknownAlgorithm.Wrapf("algorithm version %d; known: %d, %d", v, AlgorithmV1, AlgorithmV2)
}

// Shortfall is what the treasury backstop should cover for this input: the
// costs owed (arrears plus this cycle's costs) above the budget, or zero when
// base_pay_backstop is off or there are no members.
func Shortfall(in AllocationInput) (math.Int, error) {
	switch in.Version {
	case AlgorithmV1:
	case AlgorithmV2:
		return shortfallV2(in)
	default:
		return math.Int{}, unknownVersion(in.Version)
	}
	if err := validateInput(in); err != nil {
		return math.Int{}, err
	}
	if !in.Params.BasePayBackstop || len(in.Members) == 0 {
		return math.ZeroInt(), nil
	}
	owed := math.ZeroInt()
	fixed := fixedCost(in.Params, in.Duration)
	for _, m := range in.Members {
		owed = owed.Add(m.Arrears).Add(fixed).Add(variableCost(in.Params, m.WorkUnits))
	}
	if owed.LTE(in.Budget) {
		return math.ZeroInt(), nil
	}
	return owed.Sub(in.Budget), nil
}

// fixedCost is step 1: floor(base_pay * D / payout_period).
func fixedCost(p Params, d time.Duration) math.Int {
	return p.BasePay.Mul(math.NewInt(int64(d))).Quo(math.NewInt(int64(p.PayoutPeriod)))
}

// variableCost is step 2: floor(work_units * variable_cost_per_unit).
func variableCost(p Params, work uint64) math.Int {
	return p.VariableCostPerUnit.MulInt(math.NewIntFromUint64(work)).TruncateInt()
}

// payProRata pays each owed amount in full when funds suffice, else
// floor(owed_i * funds / Σowed). It returns the payments and what is left.
func payProRata(owed []math.Int, funds math.Int) ([]math.Int, math.Int) {
	total := math.ZeroInt()
	for _, o := range owed {
		total = total.Add(o)
	}
	paid := make([]math.Int, len(owed))
	if funds.GTE(total) {
		copy(paid, owed)
		return paid, funds.Sub(total)
	}
	left := funds
	for i, o := range owed {
		paid[i] = o.Mul(funds).Quo(total)
		left = left.Sub(paid[i])
	}
	return paid, left
}

func validateInput(in AllocationInput) error {
	if err := in.Params.Validate(); err != nil {
		return err
	}
	if in.Duration < 0 {
		return ErrInvalidAmount.Wrapf("duration %s must be >= 0", in.Duration)
	}
	if in.Budget.IsNil() || in.Budget.IsNegative() {
		return ErrInvalidAmount.Wrapf("budget %s must be >= 0", in.Budget)
	}
	if in.Backstop.IsNil() || in.Backstop.IsNegative() {
		return ErrInvalidAmount.Wrapf("backstop %s must be >= 0", in.Backstop)
	}
	seen := make(map[string]struct{}, len(in.Members))
	for _, m := range in.Members {
		if _, dup := seen[m.Owner]; dup {
			return ErrInvalidAmount.Wrapf("member %s appears twice", m.Owner)
		}
		seen[m.Owner] = struct{}{}
		if m.UptimeBps > 10000 || m.WithholdBps > 10000 {
			return ErrInvalidAmount.Wrapf("member %s: uptime_bps %d and withhold_bps %d must be <= 10000", m.Owner, m.UptimeBps, m.WithholdBps)
		}
		if m.Creditor && in.Version != AlgorithmV2 {
			return ErrInvalidAmount.Wrapf("member %s: creditors exist only in algorithm version %d", m.Owner, AlgorithmV2)
		}
		for _, v := range []math.Int{m.Arrears, m.PeriodCosts, m.PeriodEarnings} {
			if v.IsNil() || v.IsNegative() {
				return ErrInvalidAmount.Wrapf("member %s: arrears, period costs and earnings must be >= 0", m.Owner)
			}
		}
	}
	return nil
}
