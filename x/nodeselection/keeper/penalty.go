package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// recordViolation records a violation of owner in cycle at the block time and
// applies the escalation of docs/protocol.md#violations-and-penalties: the window restarts, the count decides
// the withholding, credit falls back to credit_initial, and from the 4th
// violation in the window the bond is slashed and the operator jailed.
func (k *Keeper) recordViolation(ctx context.Context, params types.Params, owner sdk.AccAddress, kind types.ViolationKind, evidence string, cycle uint64) (uint64, error) {
	op, err := k.Operators().Get(ctx, owner)
	if err != nil {
		return 0, err
	}
	now := sdkNow(ctx)
	if op.Penalty.Violations > 0 {
		if err := k.RemovePenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
			return 0, err
		}
	}
	op.Penalty = types.NextPenalty(op.Penalty, now, params)
	op.Credit = params.CreditInitial
	if err := k.AddPenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
		return 0, err
	}
	id, err := k.NextViolationID(ctx)
	if err != nil {
		return 0, err
	}
	v := types.Violation{Id: id, Owner: op.Owner, Kind: kind, Cycle: cycle, Time: now, Evidence: evidence, PenaltyCount: op.Penalty.Violations}
	if err := k.SetViolation(ctx, collections.Join(owner, id), v); err != nil {
		return 0, err
	}
	if err := events.Emit(ctx, &types.EventViolationRecorded{
		Owner: op.Owner, ViolationId: id, Kind: kind, Cycle: cycle, Count: op.Penalty.Violations,
		WithholdBps: op.Penalty.WithholdBps, WindowEnd: op.Penalty.WindowEnd,
	}); err != nil {
		return 0, err
	}
	if op.Penalty.Violations >= types.SlashThreshold {
		if err := k.slash(ctx, params, owner, &op, cycle); err != nil {
			return 0, err
		}
		if err := k.jail(ctx, params, owner, &op, now); err != nil {
			return 0, err
		}
	}
	return id, k.SetOperator(ctx, owner, op)
}

// slash takes slash_bps of the stake and of every unbonding entry of owner
// (floor of each) and burns it or sends it to x/treasury (category SLASH).
func (k *Keeper) slash(ctx context.Context, params types.Params, owner sdk.AccAddress, op *types.Operator, cycle uint64) error {
	fromStake := types.SlashAmount(op.Stake, params.SlashBps)
	op.Stake = op.Stake.Sub(fromStake)
	fromUnbonding := math.ZeroInt()
	it, err := k.Unbondings().Indexes.Owner.MatchExact(ctx, owner)
	if err != nil {
		return err
	}
	keys, err := it.PrimaryKeys()
	it.Close()
	if err != nil {
		return err
	}
	for _, key := range keys {
		u, err := k.Unbondings().Get(ctx, key)
		if err != nil {
			return err
		}
		cut := types.SlashAmount(u.Amount, params.SlashBps)
		if cut.IsZero() {
			continue
		}
		fromUnbonding = fromUnbonding.Add(cut)
		u.Amount = u.Amount.Sub(cut)
		if u.Amount.IsZero() {
			err = k.RemoveUnbonding(ctx, key)
		} else {
			err = k.SetUnbonding(ctx, key, u)
		}
		if err != nil {
			return err
		}
	}
	total := fromStake.Add(fromUnbonding)
	if total.IsZero() {
		return nil
	}
	coins := sdk.NewCoins(sdk.NewCoin(params.BondDenom, total))
	switch params.SlashDestination {
	case types.SLASH_DESTINATION_TREASURY:
		if k.tk == nil {
			return types.ErrInvalidParams.Wrap("slash_destination is TREASURY but no treasury keeper is wired")
		}
		parts := []treasurytypes.ExcessPart{{Category: treasurytypes.CATEGORY_SLASH, Amount: total}}
		if err := k.tk.HandleExcess(ctx, types.ModuleName, cycle, params.BondDenom, parts); err != nil {
			return err
		}
	default:
		if err := k.bk.BurnCoins(ctx, types.ModuleName, coins); err != nil {
			return err
		}
	}
	return events.Emit(ctx, &types.EventOperatorSlashed{
		Owner: op.Owner, Amount: coins.String(), FromStake: fromStake.String(), FromUnbonding: fromUnbonding.String(),
		Destination: params.SlashDestination,
	})
}

// jail takes the operator out of the queue and marks it JAILED until
// now + jail_duration; it leaves the sets at the next boundary. A LEAVING
// operator is not jailed (it is already out of the queue and unbonding).
func (k *Keeper) jail(ctx context.Context, params types.Params, owner sdk.AccAddress, op *types.Operator, now time.Time) error {
	if op.Status == types.OPERATOR_STATUS_LEAVING {
		return nil
	}
	if op.QueueSeq != 0 {
		if err := k.Dequeue(ctx, op.QueueSeq); err != nil {
			return err
		}
		op.QueueSeq = 0
	}
	if op.Status == types.OPERATOR_STATUS_WAITING {
		if err := k.RemoveWaiting(ctx, collections.Join(op.EligibleAt.UnixNano(), owner)); err != nil {
			return err
		}
	}
	op.Status = types.OPERATOR_STATUS_JAILED
	op.JailedUntil = now.Add(params.JailDuration)
	return events.Emit(ctx, &types.EventOperatorJailed{Owner: op.Owner, JailedUntil: op.JailedUntil})
}

// closeWindow ends op's penalty window when it ended at or before now: count
// and withholding go back to zero. The caller stores op.
func (k *Keeper) closeWindow(ctx context.Context, owner sdk.AccAddress, op *types.Operator, now time.Time) error {
	if op.Penalty.Violations == 0 || now.Before(op.Penalty.WindowEnd) {
		return nil
	}
	if err := k.RemovePenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), owner)); err != nil {
		return err
	}
	op.Penalty = types.PenaltyState{}
	return events.Emit(ctx, &types.EventPenaltyWindowEnded{Owner: op.Owner})
}

// endPenaltyWindows closes the penalty windows that ended at or before now,
// earliest first, at most limit per block. Settlement also closes the windows
// of the members it settles, so a backlog never changes what is withheld.
func (k *Keeper) endPenaltyWindows(ctx context.Context, now time.Time, limit uint32) error {
	keys, err := dueKeys(ctx, k.PenaltyEnds(), now, limit)
	if err != nil {
		return err
	}
	for _, key := range keys {
		op, err := k.Operators().Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			if err := k.RemovePenaltyEnd(ctx, key); err != nil {
				return err
			}
			continue
		} else if err != nil {
			return err
		}
		if op.Penalty.Violations == 0 || op.Penalty.WindowEnd.UnixNano() != key.K1() {
			if err := k.RemovePenaltyEnd(ctx, key); err != nil { // stale entry
				return err
			}
			continue
		}
		if err := k.closeWindow(ctx, key.K2(), &op, now); err != nil {
			return err
		}
		if err := k.SetOperator(ctx, key.K2(), op); err != nil {
			return err
		}
	}
	return nil
}
