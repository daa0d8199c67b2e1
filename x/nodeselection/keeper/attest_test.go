package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// dutiesFixture starts 6 genesis operators with 4 seats: op1..op4 serve cycle 0.
func dutiesFixture(t *testing.T, mutate func(*types.Params)) (*fixture, []sdk.AccAddress) {
	f, owners := genesisWithOperators(t, 6, func(p *types.Params) {
		p.ActiveSetSize = 4
		if mutate != nil {
			mutate(p)
		}
	})
	require.Equal(t, []string{f.str(owners[0]), f.str(owners[1]), f.str(owners[2]), f.str(owners[3])}, memberOwners(f.state().Current))
	return f, owners
}

func memberOwners(ms []types.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Owner
	}
	return out
}

// obs builds observations of the given owners, all with uptime u and work w.
func (f *fixture) obs(u uint32, w uint64, owners ...sdk.AccAddress) []types.Observation {
	var out []types.Observation
	for _, o := range owners {
		out = append(out, types.Observation{Operator: f.str(o), UptimeBps: u, WorkUnits: w})
	}
	return out
}

func (f *fixture) attest(signer sdk.AccAddress, cycle uint64, o []types.Observation) error {
	_, err := f.msg.SubmitAttestation(f.ctx, &types.MsgSubmitAttestation{Signer: f.str(signer), Cycle: cycle, Observations: o})
	return err
}

func TestSubmitAttestationRules(t *testing.T) {
	// ARRANGE: cycle 1 is running, cycle 0 (op1..op4) can be attested.
	f, ops := dutiesFixture(t, nil)
	require.ErrorIs(t, f.attest(ops[0], 0, f.obs(10000, 1, ops[1])), types.ErrWrongCycle, "before the first boundary")
	f.boundary(1)
	hot := addr(99)
	f.setSigner(ops[4], hot)
	good := f.obs(10000, 5, ops[1], ops[2])
	cases := []struct {
		name   string
		signer sdk.AccAddress
		cycle  uint64
		obs    []types.Observation
		err    error
		text   string
	}{
		{"current cycle (future)", ops[0], 1, good, types.ErrWrongCycle, "only cycle 0"},
		{"later cycle", ops[0], 5, good, types.ErrWrongCycle, "only cycle 0"},
		{"non-member attester", ops[5], 0, good, types.ErrNotMember, "neither the owner nor the signer key"},
		{"signer key of a non-member operator", hot, 0, good, types.ErrNotMember, "neither the owner nor the signer key"},
		{"observes a non-member", ops[0], 0, f.obs(10000, 5, ops[1], ops[4]), types.ErrNotMember, "did not serve cycle 0"},
		{"uptime above 10000", ops[0], 0, f.obs(10001, 5, ops[1]), types.ErrInvalidObservation, "uptime_bps 10001 is above 10000"},
		{"operator observed twice", ops[0], 0, f.obs(10000, 5, ops[1], ops[1]), types.ErrInvalidObservation, "observed twice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			// ACT
			err := f.attest(tc.signer, tc.cycle, tc.obs)
			// ASSERT
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.text)
			require.Equal(t, before, f.snapshot(), "nothing stored")
		})
	}

	// A valid one is stored once; the duplicate is rejected and changes nothing.
	require.NoError(t, f.attest(ops[0], 0, good))
	before := f.snapshot()
	require.ErrorIs(t, f.attest(ops[0], 0, good), types.ErrDuplicateAttestation)
	require.Equal(t, before, f.snapshot())

	// After the next boundary cycle 0 is too old.
	f.boundary(2)
	require.ErrorIs(t, f.attest(ops[1], 0, good), types.ErrWrongCycle)
}

// The signer key attests for its own operator only; a rotated-out key no
// longer does; self-observations are dropped from what is stored.
func TestSubmitAttestationBySignerKey(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	key, newKey := addr(90), addr(91)
	f.setSigner(ops[1], key)
	f.boundary(1)

	// ACT
	resp, err := f.msg.SubmitAttestation(f.ctx, &types.MsgSubmitAttestation{Signer: f.str(key), Cycle: 0,
		Observations: f.obs(9000, 3, ops[0], ops[1], ops[2])})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, f.str(ops[1]), resp.Attester)
	require.Equal(t, uint32(2), resp.Counted, "self-observation ignored")
	f.setSigner(ops[2], newKey)
	f.setSigner(ops[2], addr(92))
	require.ErrorIs(t, f.attest(newKey, 0, f.obs(10000, 1, ops[0])), types.ErrNotMember, "old signer key")
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventAttestationSubmitted")
}

// Settlement at the boundary ending cycle 1: lower medians per member, the
// downtime violation of op4 (observed 0 by all three), no violation for the
// others, credit +0.01 for members at or above min_uptime, records queryable.
//
//	op1 observed by op2 (work 8), op3 (6): works [6, 8] -> 6
//	op2 observed by op1 (7), op3 (4):      [4, 7] -> 4
//	op3 observed by op1 (9), op2 (5):      [5, 9] -> 5
//	op4 observed 0 by op1, op2, op3:       uptime 0 -> violation
//	cycle median of uptimes [0, 10000, 10000, 10000] -> 10000 >= 9500: no outage
func TestSettlementRecordsMediansViolationsAndCredit(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	f.boundary(1)
	o := func(op sdk.AccAddress, u uint32, w uint64) types.Observation {
		return types.Observation{Operator: f.str(op), UptimeBps: u, WorkUnits: w}
	}
	require.NoError(t, f.attest(ops[0], 0, []types.Observation{o(ops[1], 10000, 7), o(ops[2], 10000, 9), o(ops[3], 0, 0)}))
	require.NoError(t, f.attest(ops[1], 0, []types.Observation{o(ops[0], 10000, 8), o(ops[2], 10000, 5), o(ops[3], 0, 0)}))
	require.NoError(t, f.attest(ops[2], 0, []types.Observation{o(ops[0], 10000, 6), o(ops[1], 10000, 4), o(ops[3], 0, 0)}))

	// ACT
	f.boundary(2)

	// ASSERT
	perf := func(op sdk.AccAddress) types.Performance {
		r, err := f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(op), FromCycle: 0, ToCycle: 0})
		require.NoError(t, err)
		require.Len(t, r.Performances, 1)
		return r.Performances[0]
	}
	require.Equal(t, types.Performance{Cycle: 0, Operator: f.str(ops[0]), UptimeBps: 10000, WorkUnits: 6, Attested: true, Observations: 2}, perf(ops[0]))
	require.Equal(t, uint64(4), perf(ops[1]).WorkUnits)
	require.Equal(t, uint64(5), perf(ops[2]).WorkUnits)
	require.Equal(t, types.Performance{Cycle: 0, Operator: f.str(ops[3]), UptimeBps: 0, WorkUnits: 0, Attested: true, Observations: 3}, perf(ops[3]))
	uptime, work, attested, err := f.k.Performance(f.ctx, 0, f.str(ops[1]))
	require.NoError(t, err)
	require.Equal(t, []any{uint32(10000), uint64(4), true}, []any{uptime, work, attested}, "PerformanceSource")

	v, err := f.q.Violations(f.ctx, &types.QueryViolationsRequest{Owner: f.str(ops[3])})
	require.NoError(t, err)
	require.Len(t, v.Violations, 1)
	require.Equal(t, types.VIOLATION_KIND_DOWNTIME, v.Violations[0].Kind)
	require.Equal(t, uint64(0), v.Violations[0].Cycle)
	require.Equal(t, uint32(3000), v.Penalty.WithholdBps)
	for _, op := range ops[:3] {
		v, err := f.q.Violations(f.ctx, &types.QueryViolationsRequest{Owner: f.str(op)})
		require.NoError(t, err)
		require.Empty(t, v.Violations)
	}
	require.Equal(t, "0.110000000000000000", f.operator(ops[0]).Credit.String())
	require.Equal(t, "0.100000000000000000", f.operator(ops[3]).Credit.String(), "violation resets credit")
	sc, err := f.k.SettledCycles().Get(f.ctx, 0)
	require.NoError(t, err)
	require.Equal(t, uint32(10000), sc.MedianUptimeBps)
	require.Equal(t, uint32(3), sc.Submitters)
	n, err := f.k.Attestations().Iterate(f.ctx, nil)
	require.NoError(t, err)
	require.False(t, n.Valid(), "attestations deleted after settlement")
	n.Close()
}

// Everybody down: the cycle median 3000 is below 9500, a network outage,
// so nobody gets a violation; uptimes are still recorded.
func TestSettlementOutageExemption(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	f.boundary(1)
	for i := 0; i < 4; i++ {
		var others []sdk.AccAddress
		for j := 0; j < 4; j++ {
			if j != i {
				others = append(others, ops[j])
			}
		}
		require.NoError(t, f.attest(ops[i], 0, f.obs(3000, 1, others...)))
	}

	// ACT
	f.boundary(2)

	// ASSERT
	for _, op := range ops[:4] {
		v, err := f.q.Violations(f.ctx, &types.QueryViolationsRequest{Owner: f.str(op)})
		require.NoError(t, err)
		require.Empty(t, v.Violations)
		r, err := f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(op)})
		require.NoError(t, err)
		require.Equal(t, uint32(3000), r.Performances[0].UptimeBps)
	}
	sc, err := f.k.SettledCycles().Get(f.ctx, 0)
	require.NoError(t, err)
	require.True(t, sc.Outage)
}

// Two of four submit (not more than half): not attested, uptime 10000 and
// work 0 for all, no violation even for the member both saw at 0.
func TestSettlementWithoutQuorum(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	f.boundary(1)
	require.NoError(t, f.attest(ops[0], 0, f.obs(0, 50, ops[3])))
	require.NoError(t, f.attest(ops[1], 0, f.obs(0, 50, ops[3])))

	// ACT
	f.boundary(2)

	// ASSERT
	r, err := f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(ops[3])})
	require.NoError(t, err)
	require.Equal(t, types.Performance{Cycle: 0, Operator: f.str(ops[3]), UptimeBps: 10000}, r.Performances[0])
	v, err := f.q.Violations(f.ctx, &types.QueryViolationsRequest{Owner: f.str(ops[3])})
	require.NoError(t, err)
	require.Empty(t, v.Violations)
}

// Performance query range rules: at most 1000 cycles, to >= from.
func TestPerformanceQueryRange(t *testing.T) {
	f, ops := dutiesFixture(t, nil)
	_, err := f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(ops[0]), FromCycle: 0, ToCycle: 1000})
	require.ErrorIs(t, err, types.ErrInvalidCycleRange)
	_, err = f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(ops[0]), FromCycle: 5, ToCycle: 4})
	require.ErrorIs(t, err, types.ErrInvalidCycleRange)
	_, err = f.q.Performance(f.ctx, &types.QueryPerformanceRequest{Owner: f.str(ops[0]), FromCycle: 0, ToCycle: 999})
	require.NoError(t, err)
}
