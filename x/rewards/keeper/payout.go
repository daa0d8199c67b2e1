package keeper

import (
	"context"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// payout sends every payable balance of the period's payees to their payout
// address, resets the period trackers and writes a payout record. Cost is
// proportional to the payees of the period (operators credited in it plus
// earlier failed transfers), never to all operators or records. A failed
// transfer keeps the balance payable, emits EventPayoutFailed and never halts.
func (k *Keeper) payout(ctx context.Context, params types.Params, prog *types.ProgressState, boundary time.Time) error {
	iter, err := k.Payees.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	payees, err := iter.Keys()
	if err != nil {
		return err
	}
	rec := types.PayoutRecord{
		Id: prog.NextPayoutId, Period: prog.Period, PeriodStart: prog.PeriodStart, Time: boundary,
		TotalSent: math.ZeroInt(), TotalFailed: math.ZeroInt(),
	}
	var keep []sdk.AccAddress
	for _, owner := range payees {
		acct, err := k.getAccount(ctx, owner)
		if err != nil {
			return err
		}
		acct.PeriodCosts, acct.PeriodEarnings = math.ZeroInt(), math.ZeroInt()
		if acct.Payable.IsPositive() {
			entry := k.send(ctx, params.RewardDenom, prog.Period, owner, acct.Payable)
			if entry.Sent {
				rec.TotalSent = rec.TotalSent.Add(entry.Amount)
				acct.Payable = math.ZeroInt()
			} else {
				rec.TotalFailed = rec.TotalFailed.Add(entry.Amount)
				keep = append(keep, owner)
			}
			rec.Entries = append(rec.Entries, entry)
		}
		if err := k.setAccount(ctx, owner, acct); err != nil {
			return err
		}
	}
	if err := k.Payees.Clear(ctx, nil); err != nil {
		return err
	}
	for _, owner := range keep {
		if err := k.Payees.Set(ctx, owner); err != nil {
			return err
		}
	}
	if err := k.Payouts.Set(ctx, rec.Id, rec); err != nil {
		return err
	}
	if err := emit(ctx, &types.EventPayoutCompleted{
		Id: rec.Id, Period: rec.Period, Operators: uint32(len(payees)), TotalSent: rec.TotalSent, TotalFailed: rec.TotalFailed,
	}); err != nil {
		return err
	}
	prog.NextPayoutId++
	prog.Period++
	prog.PeriodStart = boundary
	return nil
}

// send transfers one payable balance in a cached context so that a failure
// leaves no partial state; it reports the outcome and emits its event.
func (k *Keeper) send(ctx context.Context, denom string, period uint64, owner sdk.AccAddress, amt math.Int) types.PayoutEntry {
	addr := owner
	if op, err := k.nsk.GetOperator(ctx, owner); err == nil && op.PayoutAddress != "" {
		if a, err := sdk.AccAddressFromBech32(op.PayoutAddress); err == nil {
			addr = a
		}
	}
	entry := types.PayoutEntry{Owner: owner.String(), Address: addr.String(), Amount: amt}
	coins := sdk.NewCoins(sdk.NewCoin(denom, amt))
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cache, write := sdkCtx.CacheContext()
	err := k.bk.SendCoinsFromModuleToAccount(cache, types.ModuleName, addr, coins)
	if err != nil {
		entry.Error = err.Error()
		_ = emit(ctx, &types.EventPayoutFailed{Period: period, Owner: entry.Owner, Address: entry.Address, Amount: coins.String(), Reason: entry.Error})
		return entry
	}
	write()
	entry.Sent = true
	_ = emit(ctx, &types.EventPayoutSent{Period: period, Owner: entry.Owner, Address: entry.Address, Amount: coins.String()})
	return entry
}
