package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// addPayee adds owner to the payees of period (idempotent).
func (k *Keeper) addPayee(ctx context.Context, period uint64, owner sdk.AccAddress) error {
	return k.Payees.Set(ctx, collections.Join(period, owner))
}

// startPayout rolls the period over at a payout boundary (docs/protocol.md): it writes
// an incomplete payout record for the period that ended and starts the next
// period (trackers reset lazily: an account's trackers of an earlier period
// read as zero). The transfers are sent by ContinuePayout in the x/rewards
// BeginBlocker, which runs after x/nodeselection's in the same block, so the
// boundary block sends the first max_payouts_per_block and no block more.
func (k *Keeper) startPayout(ctx context.Context, params types.Params, prog *types.ProgressState, boundary time.Time) error {
	rec := types.PayoutRecord{
		Id: prog.NextPayoutId, Period: prog.Period, PeriodStart: prog.PeriodStart, Time: boundary,
		TotalSent: math.ZeroInt(), TotalFailed: math.ZeroInt(),
	}
	prog.NextPayoutId++
	prog.Period++
	prog.PeriodStart = boundary
	prog.PayoutPending = true
	return k.Payouts.Set(ctx, rec.Id, rec)
}

// ContinuePayout sends the next max_payouts_per_block transfers of a payout in
// progress (BeginBlocker); nothing when none is.
func (k *Keeper) ContinuePayout(ctx context.Context) error {
	prog, err := k.getProgress(ctx)
	if err != nil || !prog.PayoutPending {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	rec, err := k.Payouts.Get(ctx, prog.NextPayoutId-1)
	if err != nil {
		return err
	}
	if err := k.continuePayout(ctx, params, &prog, rec); err != nil {
		return err
	}
	return k.Progress.Set(ctx, prog)
}

// continuePayout sends up to max_payouts_per_block payees of the periods
// before the running one, oldest period first (then by address). A failed
// transfer keeps the balance payable and moves the payee to the running
// period (paid at the next payout). When none is left the record is complete.
// Work per block is bounded by max_payouts_per_block, whatever the payees.
func (k *Keeper) continuePayout(ctx context.Context, params types.Params, prog *types.ProgressState, rec types.PayoutRecord) error {
	rng := new(collections.Range[collections.Pair[uint64, sdk.AccAddress]]).EndExclusive(collections.Join(prog.Period, sdk.AccAddress{}))
	iter, err := k.Payees.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	var batch []collections.Pair[uint64, sdk.AccAddress]
	for ; iter.Valid() && len(batch) <= int(params.MaxPayoutsPerBlock); iter.Next() {
		key, err := iter.Key()
		if err != nil {
			iter.Close()
			return err
		}
		batch = append(batch, key)
	}
	iter.Close()
	done := len(batch) <= int(params.MaxPayoutsPerBlock)
	if !done {
		batch = batch[:params.MaxPayoutsPerBlock]
	}
	for _, key := range batch {
		if err := k.payOne(ctx, params, prog, &rec, key); err != nil {
			return err
		}
	}
	if done {
		rec.Complete, rec.CompletedAt = true, sdk.UnwrapSDKContext(ctx).BlockTime()
		prog.PayoutPending = false
		if err := events.Emit(ctx, &types.EventPayoutCompleted{
			Id: rec.Id, Period: rec.Period, Operators: rec.EntryCount, TotalSent: rec.TotalSent, TotalFailed: rec.TotalFailed,
		}); err != nil {
			return err
		}
	}
	return k.Payouts.Set(ctx, rec.Id, rec)
}

// payOne visits one payee of the pending payout: its old-period trackers are
// cleared and a positive payable is sent, recorded as an entry of rec.
func (k *Keeper) payOne(ctx context.Context, params types.Params, prog *types.ProgressState, rec *types.PayoutRecord, key collections.Pair[uint64, sdk.AccAddress]) error {
	owner := key.K2()
	if err := k.Payees.Remove(ctx, key); err != nil {
		return err
	}
	acct, err := k.getAccount(ctx, owner)
	if err != nil {
		return err
	}
	if acct.Period < prog.Period {
		acct.PeriodCosts, acct.PeriodEarnings, acct.Period = math.ZeroInt(), math.ZeroInt(), prog.Period
	}
	if acct.Payable.IsPositive() {
		entry := k.send(ctx, params.RewardDenom, rec.Period, owner, acct)
		if entry.Sent {
			rec.TotalSent = rec.TotalSent.Add(entry.Amount)
			acct.Payable = math.ZeroInt()
		} else {
			rec.TotalFailed = rec.TotalFailed.Add(entry.Amount)
			if err := k.addPayee(ctx, prog.Period, owner); err != nil {
				return err
			}
		}
		if err := k.setPayoutEntry(ctx, rec, owner, entry); err != nil {
			return err
		}
	}
	return k.setAccount(ctx, owner, acct)
}

// sendPending pays owner's share of a payout still in progress before the
// settlement credits it again, so a payout entry is exactly the payable of
// its period. Cost: one lookup per credited member.
func (k *Keeper) sendPending(ctx context.Context, owner sdk.AccAddress, acct *types.OperatorAccount, prog *types.ProgressState) error {
	if !prog.PayoutPending || prog.Period == 0 {
		return nil
	}
	key := collections.Join(prog.Period-1, owner)
	if has, err := k.Payees.Has(ctx, key); err != nil || !has {
		return err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	rec, err := k.Payouts.Get(ctx, prog.NextPayoutId-1)
	if err != nil {
		return err
	}
	if err := k.payOne(ctx, params, prog, &rec, key); err != nil {
		return err
	}
	if err := k.Payouts.Set(ctx, rec.Id, rec); err != nil {
		return err
	}
	fresh, err := k.getAccount(ctx, owner)
	*acct = fresh
	return err
}

// setPayoutEntry writes owner's entry of rec and counts it in
// rec.EntryCount when it is new: the completing block reads the counter, not
// the entries, so its work does not grow with the payees.
func (k *Keeper) setPayoutEntry(ctx context.Context, rec *types.PayoutRecord, owner sdk.AccAddress, entry types.PayoutEntry) error {
	key := collections.Join(rec.Id, owner)
	has, err := k.PayoutEntries.Has(ctx, key)
	if err != nil {
		return err
	}
	if !has {
		rec.EntryCount++
	}
	return k.PayoutEntries.Set(ctx, key, entry)
}

// payoutAddress is the operator's payout address, else the one remembered in
// its account (record deleted after unbonding), else the owner.
func (k *Keeper) payoutAddress(ctx context.Context, owner sdk.AccAddress, acct types.OperatorAccount) sdk.AccAddress {
	if op, err := k.nsk.GetOperator(ctx, owner); err == nil && op.PayoutAddress != "" {
		if a, err := sdk.AccAddressFromBech32(op.PayoutAddress); err == nil {
			return a
		}
	}
	if a, err := sdk.AccAddressFromBech32(acct.PayoutAddress); err == nil && acct.PayoutAddress != "" {
		return a
	}
	return owner
}

// send transfers one payable balance in a cached context so that a failure
// leaves no partial state; it reports the outcome and emits its event.
func (k *Keeper) send(ctx context.Context, denom string, period uint64, owner sdk.AccAddress, acct types.OperatorAccount) types.PayoutEntry {
	amt := acct.Payable
	addr := k.payoutAddress(ctx, owner, acct)
	entry := types.PayoutEntry{Owner: owner.String(), Address: addr.String(), Amount: amt}
	coins := sdk.NewCoins(sdk.NewCoin(denom, amt))
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cache, write := sdkCtx.CacheContext()
	err := k.bk.SendCoinsFromModuleToAccount(cache, types.ModuleName, addr, coins)
	if err != nil {
		entry.Error = err.Error()
		_ = events.Emit(ctx, &types.EventPayoutFailed{Period: period, Owner: entry.Owner, Address: entry.Address, Amount: coins.String(), Reason: entry.Error})
		return entry
	}
	write()
	entry.Sent = true
	_ = events.Emit(ctx, &types.EventPayoutSent{Period: period, Owner: entry.Owner, Address: entry.Address, Amount: coins.String()})
	return entry
}
