package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// CheckInvariants verifies the module's invariants and describes the first
// broken one: escrow balance = Σ stakes + Σ unbonding; current and next sets
// without duplicates, within active_set_size, of registered operators; the
// queue and the operators' queue_seq agree; the attestation and
// violations-by-time indexes match what they index.
func (k *Keeper) CheckInvariants(ctx context.Context) error {
	params, err := k.Params().Get(ctx)
	if err != nil {
		return err
	}
	stakes, bonded := math.ZeroInt(), math.ZeroInt()
	queued := 0
	if err := k.Operators().Walk(ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
		stakes = stakes.Add(op.Stake)
		if op.QueueSeq != 0 {
			queued++
			owner, err := k.Queue().Get(ctx, op.QueueSeq)
			if err != nil || owner != op.Owner {
				return true, types.ErrInvariantBroken.Wrapf("queue: operator %s has queue_seq %d but the queue holds %q there", op.Owner, op.QueueSeq, owner)
			}
		}
		return false, nil
	}); err != nil {
		return err
	}
	unbonding := math.ZeroInt()
	if err := k.Unbondings().Walk(ctx, nil, func(_ UnbondingKey, u types.UnbondingEntry) (bool, error) {
		unbonding = unbonding.Add(u.Amount)
		return false, nil
	}); err != nil {
		return err
	}
	votes, voteUnbonding, err := k.checkVoteInvariants(ctx)
	if err != nil {
		return err
	}
	bonded = stakes.Add(unbonding).Add(votes).Add(voteUnbonding)
	escrow := k.bk.GetBalance(ctx, k.ak.GetModuleAddress(types.ModuleName), params.BondDenom)
	if d := params.BondDenom; !escrow.Amount.Equal(bonded) {
		return types.ErrInvariantBroken.Wrapf("escrow: module account holds %s but stakes %s%s + unbonding %s%s + votes %s%s + vote unbondings %s%s = %s%s",
			escrow, stakes, d, unbonding, d, votes, d, voteUnbonding, d, bonded, d)
	}
	queueLen := 0
	if err := k.Queue().Walk(ctx, nil, func(uint64, string) (bool, error) { queueLen++; return false, nil }); err != nil {
		return err
	}
	if queueLen != queued {
		return types.ErrInvariantBroken.Wrapf("queue: %d entries but %d operators have a queue_seq", queueLen, queued)
	}
	state, err := k.CycleState().Get(ctx)
	if err != nil {
		return err
	}
	size := state.ActiveSetSize
	if size == 0 {
		size = params.ActiveSetSize
	}
	for name, set := range map[string][]types.Member{"current": state.Current, "next": state.Next} {
		if len(set) > int(size) {
			return types.ErrInvariantBroken.Wrapf("%s set has %d members; active_set_size is %d", name, len(set), size)
		}
		seen := map[string]bool{}
		for _, m := range set {
			if seen[m.Owner] {
				return types.ErrInvariantBroken.Wrapf("%s set holds %s twice", name, m.Owner)
			}
			seen[m.Owner] = true
			addr, err := k.addr(m.Owner)
			if err != nil {
				return types.ErrInvariantBroken.Wrapf("%s set member %q: %s", name, m.Owner, err)
			}
			if has, err := k.Operators().Has(ctx, addr); err != nil {
				return err
			} else if !has {
				return types.ErrInvariantBroken.Wrapf("%s set member %s is not a registered operator", name, m.Owner)
			}
		}
	}
	if err := k.checkAttestIndex(ctx, state); err != nil {
		return err
	}
	return k.checkViolationIndexes(ctx)
}

// checkAttestIndex: the attestation index holds exactly the attestable
// cycle's members (the cycle record of state.AttestCycle) and nothing else.
func (k *Keeper) checkAttestIndex(ctx context.Context, state types.CycleState) error {
	cycle, open, err := k.attestableCycle(ctx)
	if err != nil {
		return err
	}
	if open != state.AttestOpen || (open && cycle != state.AttestCycle) {
		return types.ErrInvariantBroken.Wrapf("attestation index: attestable cycle %d (open %t) but the cycle state says %d (open %t)",
			cycle, open, state.AttestCycle, state.AttestOpen)
	}
	want := map[string]bool{}
	if open {
		rec, err := k.CycleHistory().Get(ctx, cycle)
		if err != nil {
			return err
		}
		want = ownerSet(rec.Members)
	}
	n := 0
	if err := k.AttestMembers().Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		n++
		if owner := k.addrString(key.K2()); key.K1() != cycle || !want[owner] {
			return true, types.ErrInvariantBroken.Wrapf("attestation index holds (%d, %s), not a member of the attestable cycle %d", key.K1(), owner, cycle)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(want) {
		return types.ErrInvariantBroken.Wrapf("attestation index holds %d members; cycle %d had %d", n, cycle, len(want))
	}
	return nil
}
