package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

const day = 24 * time.Hour

func (f *fixture) violate(owner sdk.AccAddress) uint64 {
	resp, err := f.msg.RecordViolation(f.ctx, &types.MsgRecordViolation{Authority: f.authority, Owner: f.str(owner),
		Kind: types.VIOLATION_KIND_MISCONDUCT, Evidence: "test"})
	require.NoError(f.t, err)
	return resp.ViolationId
}

// Each violation restarts the 90-day window; a window that ends with no new
// violation resets count and withholding (closed by the BeginBlocker).
func TestPenaltyWindowRestartAndReset(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	t0 := genesisTime.Add(time.Hour)
	f.at(t0)

	// ACT / ASSERT: 1st at t0, 2nd at t0+89d (inside) -> count 2, window to t0+179d.
	f.violate(ops[5])
	require.Equal(t, types.PenaltyState{Violations: 1, WindowEnd: t0.Add(90 * day), WithholdBps: 3000}, f.operator(ops[5]).Penalty)
	f.at(t0.Add(89 * day))
	f.violate(ops[5])
	require.Equal(t, types.PenaltyState{Violations: 2, WindowEnd: t0.Add(179 * day), WithholdBps: 6000}, f.operator(ops[5]).Penalty)

	f.at(t0.Add(179*day - time.Second))
	require.Equal(t, uint32(6000), f.operator(ops[5]).Penalty.WithholdBps, "window still running")
	f.at(t0.Add(179 * day))
	require.Equal(t, types.PenaltyState{}, f.operator(ops[5]).Penalty, "window ended: count 0, withholding 0")
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventPenaltyWindowEnded")

	f.violate(ops[5])
	require.Equal(t, uint32(1), f.operator(ops[5]).Penalty.Violations, "a new window starts at 1")
}

// Excusing a violation removes it from the count: 2 -> 1 (withholding 3000,
// window from the remaining one), then 1 -> 0.
func TestExcuseViolationRecomputesPenalty(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	t0 := genesisTime.Add(time.Hour)
	f.at(t0)
	first := f.violate(ops[5])
	f.at(t0.Add(10 * day))
	second := f.violate(ops[5])

	// ACT
	_, err := f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[5]), ViolationId: second})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.PenaltyState{Violations: 1, WindowEnd: t0.Add(90 * day), WithholdBps: 3000}, f.operator(ops[5]).Penalty)
	_, err = f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[5]), ViolationId: second})
	require.ErrorIs(t, err, types.ErrInvalidViolation, "already excused")
	_, err = f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[5]), ViolationId: 77})
	require.ErrorIs(t, err, types.ErrViolationNotFound)
	_, err = f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.str(ops[0]), Owner: f.str(ops[5]), ViolationId: first})
	require.Error(t, err, "only the authority")

	_, err = f.msg.ExcuseViolation(f.ctx, &types.MsgExcuseViolation{Authority: f.authority, Owner: f.str(ops[5]), ViolationId: first})
	require.NoError(t, err)
	require.Equal(t, types.PenaltyState{}, f.operator(ops[5]).Penalty)
	v, err := f.q.Violations(f.ctx, &types.QueryViolationsRequest{Owner: f.str(ops[5])})
	require.NoError(t, err)
	require.True(t, v.Violations[0].Excused && v.Violations[1].Excused)

	// the next violation is a 1st again (3000), not a 3rd
	f.violate(ops[5])
	require.Equal(t, uint32(3000), f.operator(ops[5]).Penalty.WithholdBps)
}

// 4th violation: 10% of stake and of every unbonding entry slashed (burned),
// jailed for 7 days and out of the queue; unjail needs the time to pass and
// stake >= min_stake; then the operator is at the end of the queue, WAITING.
func TestFourthViolationSlashesJailsAndUnjailRules(t *testing.T) {
	// ARRANGE: op6 (not seated) has stake 1e11.
	f, ops := dutiesFixture(t, nil)
	t0 := genesisTime.Add(time.Hour)
	f.at(t0)
	supply := f.bank.GetSupply(f.ctx, bond).Amount
	for i := 0; i < 3; i++ {
		f.violate(ops[5])
	}
	require.Equal(t, types.OPERATOR_STATUS_ELIGIBLE, f.operator(ops[5]).Status)

	// ACT
	f.violate(ops[5])

	// ASSERT
	op := f.operator(ops[5])
	require.Equal(t, types.OPERATOR_STATUS_JAILED, op.Status)
	require.Equal(t, math.NewInt(90_000_000_000), op.Stake)
	require.Equal(t, uint64(0), op.QueueSeq)
	require.Equal(t, t0.Add(7*day), op.JailedUntil)
	require.Equal(t, uint32(9000), op.Penalty.WithholdBps)
	require.Equal(t, supply.Sub(math.NewInt(10_000_000_000)), f.bank.GetSupply(f.ctx, bond).Amount, "burned")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventOperatorJailed")
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventOperatorSlashed")

	unjail := func() error {
		_, err := f.msg.Unjail(f.ctx, &types.MsgUnjail{Owner: f.str(ops[5])})
		return err
	}
	_, err := f.msg.Unjail(f.ctx, &types.MsgUnjail{Owner: f.str(ops[0])})
	require.ErrorIs(t, err, types.ErrNotJailed)
	f.at(t0.Add(7*day - time.Second))
	require.ErrorIs(t, unjail(), types.ErrStillJailed)
	f.at(t0.Add(7 * day))
	require.ErrorIs(t, unjail(), types.ErrStakeBelowMin, "9e10 < 1e11")
	f.fund(ops[5], 10_000_000_000)
	_, err = f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(ops[5]), Amount: sdk.NewInt64Coin(bond, 10_000_000_000)})
	require.NoError(t, err)
	next, err := f.k.QueueSeq().Peek(f.ctx)
	require.NoError(t, err)
	require.NoError(t, unjail())
	op = f.operator(ops[5])
	require.Equal(t, types.OPERATOR_STATUS_WAITING, op.Status)
	require.Equal(t, next, op.QueueSeq, "end of the queue")
	require.Equal(t, f.ctx.BlockTime().Add(24*time.Hour), op.EligibleAt, "fresh waiting period")
	owner, err := f.k.Queue().Get(f.ctx, next)
	require.NoError(t, err)
	require.Equal(t, f.str(ops[5]), owner)
}

// Slashing reaches unbonding entries: a deregistered operator (1e11
// unbonding) slashed at its 4th violation keeps 9e10 unbonding; it is not
// jailed (it is leaving).
func TestSlashReachesUnbondingEntries(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(ops[5])})
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		f.violate(ops[5])
	}

	// ACT
	f.violate(ops[5])

	// ASSERT
	u, err := f.q.Unbondings(f.ctx, &types.QueryUnbondingsRequest{Owner: f.str(ops[5])})
	require.NoError(t, err)
	require.Len(t, u.Entries, 1)
	require.Equal(t, math.NewInt(90_000_000_000), u.Entries[0].Amount)
	require.Equal(t, types.OPERATOR_STATUS_LEAVING, f.operator(ops[5]).Status)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// A jailed member keeps serving its cycle and leaves the set at the next boundary.
func TestJailedMemberLeavesAtNextBoundary(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, nil)
	for i := 0; i < 4; i++ {
		f.violate(ops[0])
	}
	require.Contains(t, memberOwners(f.state().Current), f.str(ops[0]))

	// ACT
	f.boundary(1)

	// ASSERT
	require.NotContains(t, memberOwners(f.state().Current), f.str(ops[0]))
	require.NotContains(t, memberOwners(f.state().Next), f.str(ops[0]))
	require.Equal(t, types.OPERATOR_STATUS_JAILED, f.operator(ops[0]).Status)
}

// Credit: +credit_step per settled cycle served at or above min_uptime
// (unattested cycles count as 10000), capped at 1, back to credit_initial on
// a violation. With step 0.5: 0.1 -> 0.6 -> 1 (not 1.1) -> 0.1.
func TestCreditRisesCapsAndResets(t *testing.T) {
	// ARRANGE
	f, ops := dutiesFixture(t, func(p *types.Params) {
		p.CreditStep = math.LegacyNewDecWithPrec(5, 1)
		p.MaxDailyTurnoverBps = 0 // op1 keeps its seat
	})
	// ACT / ASSERT
	f.boundary(1) // cycle 0 ends; nothing settled yet
	require.Equal(t, "0.100000000000000000", f.operator(ops[0]).Credit.String())
	f.boundary(2) // settles cycle 0
	require.Equal(t, "0.600000000000000000", f.operator(ops[0]).Credit.String())
	require.Equal(t, "0.100000000000000000", f.operator(ops[5]).Credit.String(), "did not serve")
	f.boundary(3)
	require.Equal(t, "1.000000000000000000", f.operator(ops[0]).Credit.String(), "capped at 1")
	f.violate(ops[0])
	require.Equal(t, "0.100000000000000000", f.operator(ops[0]).Credit.String())
}

// Only the authority records violations, of a valid kind, against registered operators.
func TestRecordViolationRules(t *testing.T) {
	f, ops := dutiesFixture(t, nil)
	before := f.snapshot()
	_, err := f.msg.RecordViolation(f.ctx, &types.MsgRecordViolation{Authority: f.str(ops[0]), Owner: f.str(ops[1]), Kind: types.VIOLATION_KIND_MISCONDUCT})
	require.Error(t, err)
	_, err = f.msg.RecordViolation(f.ctx, &types.MsgRecordViolation{Authority: f.authority, Owner: f.str(ops[1])})
	require.ErrorIs(t, err, types.ErrInvalidViolation)
	_, err = f.msg.RecordViolation(f.ctx, &types.MsgRecordViolation{Authority: f.authority, Owner: f.str(addr(77)), Kind: types.VIOLATION_KIND_KEY_MISMATCH})
	require.ErrorIs(t, err, types.ErrNotRegistered)
	require.Equal(t, before, f.snapshot())
}
