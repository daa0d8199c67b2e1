package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RecordViolation records a violation against a registered operator (authority).
func (s msgServer) RecordViolation(ctx context.Context, msg *types.MsgRecordViolation) (*types.MsgRecordViolationResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Owner)
	msg = &m
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), k.authority, msg.Authority); err != nil {
		return nil, err
	}
	owner, err := k.addr(msg.Owner)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("owner %q: %s", msg.Owner, err)
	}
	if _, ok := types.ViolationKind_name[int32(msg.Kind)]; !ok || msg.Kind == types.VIOLATION_KIND_UNSPECIFIED {
		return nil, types.ErrInvalidViolation.Wrapf("kind %s is invalid; allowed: VIOLATION_KIND_DOWNTIME, VIOLATION_KIND_KEY_MISMATCH, VIOLATION_KIND_OUTDATED_VERSION, VIOLATION_KIND_MISCONDUCT", msg.Kind)
	}
	if has, err := k.Operators().Has(ctx, owner); err != nil {
		return nil, err
	} else if !has {
		return nil, types.ErrNotRegistered.Wrapf("owner %s is not a registered operator", msg.Owner)
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return nil, err
	}
	id, err := k.recordViolation(ctx, params, owner, msg.Kind, msg.Evidence, state.Cycle)
	if err != nil {
		return nil, err
	}
	return &types.MsgRecordViolationResponse{ViolationId: id}, nil
}

// ExcuseViolation marks a violation excused and recomputes the operator's
// count and withholding from its remaining violations. A slash or jail that
// already happened is not undone.
func (s msgServer) ExcuseViolation(ctx context.Context, msg *types.MsgExcuseViolation) (*types.MsgExcuseViolationResponse, error) {
	k := s.k
	if err := sdk.ValidateAuthority(sdk.UnwrapSDKContext(ctx), k.authority, msg.Authority); err != nil {
		return nil, err
	}
	owner, err := k.addr(msg.Owner)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("owner %q: %s", msg.Owner, err)
	}
	key := collections.Join(owner, msg.ViolationId)
	v, err := k.Violations().Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrViolationNotFound.Wrapf("operator %s has no violation %d", msg.Owner, msg.ViolationId)
	} else if err != nil {
		return nil, err
	}
	if v.Excused {
		return nil, types.ErrInvalidViolation.Wrapf("violation %d of %s is already excused", msg.ViolationId, msg.Owner)
	}
	v.Excused = true
	if err := k.SetViolation(ctx, key, v); err != nil {
		return nil, err
	}
	ev := &types.EventViolationExcused{Owner: msg.Owner, ViolationId: msg.ViolationId}
	op, err := k.Operators().Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return &types.MsgExcuseViolationResponse{}, events.Emit(ctx, ev)
	} else if err != nil {
		return nil, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	iter, err := k.Violations().Iterate(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner))
	if err != nil {
		return nil, err
	}
	vs, err := iter.Values()
	if err != nil {
		return nil, err
	}
	if op.Penalty.Violations > 0 {
		if err := k.RemovePenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
			return nil, err
		}
	}
	op.Penalty = types.ReplayPenalty(vs, sdkNow(ctx), params)
	if op.Penalty.Violations > 0 {
		if err := k.AddPenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
			return nil, err
		}
	}
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	ev.Count, ev.WithholdBps = op.Penalty.Violations, op.Penalty.WithholdBps
	return &types.MsgExcuseViolationResponse{}, events.Emit(ctx, ev)
}

// Unjail returns a jailed operator, after jail_duration and with stake >=
// min_stake, to the end of the queue with a fresh waiting period.
func (s msgServer) Unjail(ctx context.Context, msg *types.MsgUnjail) (*types.MsgUnjailResponse, error) {
	k := s.k
	owner, op, err := k.operatorTx(ctx, msg.Owner)
	if err != nil {
		return nil, err
	}
	if op.Status != types.OPERATOR_STATUS_JAILED {
		return nil, types.ErrNotJailed.Wrapf("operator %s has status %s; only OPERATOR_STATUS_JAILED can unjail", msg.Owner, op.Status)
	}
	now := sdkNow(ctx)
	if now.Before(op.JailedUntil) {
		return nil, types.ErrStillJailed.Wrapf("operator %s is jailed until %s", msg.Owner, op.JailedUntil.UTC().Format(time.RFC3339))
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	if op.Stake.LT(params.MinStake) {
		return nil, types.ErrStakeBelowMin.Wrapf("stake %s%s is below min_stake %s; add stake first", op.Stake, params.BondDenom, params.MinStakeCoin())
	}
	seq, err := k.NextQueueSeq(ctx)
	if err != nil {
		return nil, err
	}
	op.QueueSeq = seq
	op.Status = types.OPERATOR_STATUS_WAITING
	op.EligibleAt = now.Add(params.WaitingPeriod)
	op.JailedUntil = time.Time{}
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	if err := k.Enqueue(ctx, seq, op.Owner); err != nil {
		return nil, err
	}
	if err := k.AddWaiting(ctx, collections.Join(op.EligibleAt.UnixNano(), owner)); err != nil {
		return nil, err
	}
	ev := &types.EventOperatorUnjailed{Owner: op.Owner, QueueSeq: seq, EligibleAt: op.EligibleAt}
	return &types.MsgUnjailResponse{QueueSeq: seq}, events.Emit(ctx, ev)
}
