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

// SubmitAttestation stores an operator's observations of the other members of
// the cycle that ended at the last transition (docs/protocol.md#attestation-and-settled-performance).
func (s msgServer) SubmitAttestation(ctx context.Context, msg *types.MsgSubmitAttestation) (*types.MsgSubmitAttestationResponse, error) {
	k := s.k
	m := *msg
	m.Observations = append([]types.Observation(nil), msg.Observations...)
	k.canonicalize(&m.Signer)
	for i := range m.Observations {
		k.canonicalize(&m.Observations[i].Operator)
	}
	msg = &m
	if _, err := k.addr(msg.Signer); err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("signer %q: %s", msg.Signer, err)
	}
	// The attestable cycle and its members come from a small index kept by
	// the boundary (attest_index.go): the work of one attestation does not
	// grow with the active set.
	attestable, open, err := k.attestableCycle(ctx)
	if err != nil {
		return nil, err
	}
	if !open {
		return nil, types.ErrWrongCycle.Wrapf("cycle %d: no cycle has ended yet; attestations open after the first boundary", msg.Cycle)
	}
	if msg.Cycle != attestable {
		return nil, types.ErrWrongCycle.Wrapf("cycle %d: only cycle %d (the one that ended at the last boundary) can be attested now", msg.Cycle, attestable)
	}
	attester, attesterAddr, err := k.resolveAttester(ctx, msg.Cycle, msg.Signer)
	if err != nil {
		return nil, err
	}
	key := collections.Join(msg.Cycle, attesterAddr)
	if has, err := k.Attestations().Has(ctx, key); err != nil {
		return nil, err
	} else if has {
		return nil, types.ErrDuplicateAttestation.Wrapf("operator %s already attested cycle %d; one submission per cycle", attester, msg.Cycle)
	}
	seen := map[string]bool{}
	att := types.Attestation{Cycle: msg.Cycle, Attester: attester}
	for i, o := range msg.Observations {
		if o.UptimeBps > types.MaxUptimeBps {
			return nil, types.ErrInvalidObservation.Wrapf("observations[%d]: uptime_bps %d is above %d", i, o.UptimeBps, types.MaxUptimeBps)
		}
		if _, served, err := k.servedAttestable(ctx, msg.Cycle, o.Operator); err != nil {
			return nil, err
		} else if !served {
			return nil, types.ErrNotMember.Wrapf("observations[%d]: %s did not serve cycle %d; only its members can be observed", i, o.Operator, msg.Cycle)
		}
		if seen[o.Operator] {
			return nil, types.ErrInvalidObservation.Wrapf("observations[%d]: %s observed twice", i, o.Operator)
		}
		seen[o.Operator] = true
		if o.Operator == attester {
			continue // self-observations are ignored
		}
		att.Observations = append(att.Observations, o)
	}
	if err := k.SetAttestation(ctx, key, att); err != nil {
		return nil, err
	}
	n := uint32(len(att.Observations))
	ev := &types.EventAttestationSubmitted{Cycle: msg.Cycle, Attester: attester, Signer: msg.Signer, Observations: n}
	return &types.MsgSubmitAttestationResponse{Attester: attester, Counted: n}, events.Emit(ctx, ev)
}

// resolveAttester returns the member of the attestable cycle that signer
// speaks for: the member it owns, else the one member whose signer key it is.
// The member must still be registered and hold its NFT. It reads the signer's
// own record or the signer index, never every member's record.
func (k *Keeper) resolveAttester(ctx context.Context, cycle uint64, signer string) (string, sdk.AccAddress, error) {
	addr, served, err := k.servedAttestable(ctx, cycle, signer)
	if err != nil {
		return "", nil, err
	}
	if served {
		op, err := k.Operators().Get(ctx, addr)
		if err == nil {
			return signer, addr, k.checkHolder(ctx, addr, signer, op.NftId)
		} else if !errors.Is(err, collections.ErrNotFound) {
			return "", nil, err
		}
		// The owner's record was deleted: it may still sign for another member.
	}
	iter, err := k.Operators().Indexes.Signer.MatchExact(ctx, signer)
	if err != nil {
		return "", nil, err
	}
	owners, err := iter.PrimaryKeys()
	if err != nil {
		return "", nil, err
	}
	var bySigner []sdk.AccAddress
	for _, owner := range owners {
		ok, err := k.AttestMembers().Has(ctx, collections.Join(cycle, owner))
		if err != nil {
			return "", nil, err
		}
		if ok {
			bySigner = append(bySigner, owner)
		}
	}
	switch len(bySigner) {
	case 0:
		return "", nil, types.ErrNotMember.Wrapf("%s is neither the owner nor the signer key of an operator that served the cycle", signer)
	case 1:
		owner := bySigner[0]
		ownerStr := k.addrString(owner)
		op, err := k.Operators().Get(ctx, owner)
		if err != nil {
			return "", nil, err
		}
		return ownerStr, owner, k.checkHolder(ctx, owner, ownerStr, op.NftId)
	default:
		names := make([]string, len(bySigner))
		for i, o := range bySigner {
			names[i] = k.addrString(o)
		}
		return "", nil, types.ErrAmbiguousSigner.Wrapf("%s is the signer key of %d members (%v); send from the owner key", signer, len(bySigner), names)
	}
}

// settlePerformance settles cycle (docs/protocol.md#attestation-and-settled-performance): performance records from
// the attestations, downtime violations, credit, and the penalties in force
// for the members (windows that ended are closed), then deletes the
// attestations. Work is proportional to the cycle's members and their
// observations.
func (k *Keeper) settlePerformance(ctx context.Context, params types.Params, cycle uint64, now time.Time) error {
	rec, err := k.CycleHistory().Get(ctx, cycle)
	if err != nil {
		return err
	}
	iter, err := k.Attestations().Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](cycle))
	if err != nil {
		return err
	}
	kvs, err := iter.KeyValues()
	if err != nil {
		return err
	}
	atts := make([]types.Attestation, 0, len(kvs))
	for _, kv := range kvs {
		atts = append(atts, kv.Value)
		if err := k.RemoveAttestation(ctx, kv.Key); err != nil {
			return err
		}
	}
	res := types.SettlePerformance(cycle, owners(rec.Members), atts, params.MinUptimeBps)
	res.Summary.End = rec.End
	down := map[string]bool{}
	for _, o := range res.Summary.Downtime {
		down[o] = true
	}
	for _, p := range res.Records {
		addr, err := k.addr(p.Operator)
		if err != nil {
			return err
		}
		if err := k.SetPerformance(ctx, collections.Join(cycle, addr), p); err != nil {
			return err
		}
		op, err := k.Operators().Get(ctx, addr)
		if errors.Is(err, collections.ErrNotFound) {
			continue // record deleted after its bond was paid back
		} else if err != nil {
			return err
		}
		if err := k.closeWindow(ctx, addr, &op, now); err != nil {
			return err
		}
		if p.UptimeBps >= params.MinUptimeBps && !down[p.Operator] {
			op.Credit = types.RaiseCredit(op.Credit, params.CreditStep)
		}
		if err := k.SetOperator(ctx, addr, op); err != nil {
			return err
		}
		if down[p.Operator] {
			evidence := "settled uptime below min_uptime_bps"
			if _, err := k.recordViolation(ctx, params, addr, types.VIOLATION_KIND_DOWNTIME, evidence, cycle); err != nil {
				return err
			}
		}
	}
	if err := k.SetSettledCycle(ctx, cycle, res.Summary); err != nil {
		return err
	}
	return events.Emit(ctx, &types.EventPerformanceSettled{
		Cycle: cycle, Attested: res.Summary.Attested, Members: res.Summary.Members, Submitters: res.Summary.Submitters,
		MedianUptimeBps: res.Summary.MedianUptimeBps, Outage: res.Summary.Outage,
	})
}

// Performance implements the x/rewards PerformanceSource: the settled
// performance of owner in cycle; uptime 10000, work 0, not attested when no
// record exists (not settled, pruned, or not a member).
func (k *Keeper) Performance(ctx context.Context, cycle uint64, owner string) (uint32, uint64, bool, error) {
	addr, err := k.addr(owner)
	if err != nil {
		return 0, 0, false, err
	}
	p, err := k.Performances().Get(ctx, collections.Join(cycle, addr))
	if errors.Is(err, collections.ErrNotFound) {
		return types.MaxUptimeBps, 0, false, nil
	} else if err != nil {
		return 0, 0, false, err
	}
	return p.UptimeBps, p.WorkUnits, p.Attested, nil
}

// prunePerformance deletes the performance records of settled cycles whose
// end is older than retention, oldest cycle first, at most limit records
// per block.
func (k *Keeper) prunePerformance(ctx context.Context, now time.Time, retention time.Duration, limit int) error {
	budget := limit
	for budget > 0 {
		iter, err := k.SettledCycles().Iterate(ctx, nil)
		if err != nil {
			return err
		}
		if !iter.Valid() {
			iter.Close()
			return nil
		}
		sc, err := iter.Value()
		iter.Close()
		if err != nil {
			return err
		}
		if sc.End.Add(retention).After(now) {
			return nil
		}
		piter, err := k.Performances().Iterate(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](sc.Cycle))
		if err != nil {
			return err
		}
		var keys []collections.Pair[uint64, sdk.AccAddress]
		for ; piter.Valid() && len(keys) < budget; piter.Next() {
			key, err := piter.Key()
			if err != nil {
				piter.Close()
				return err
			}
			keys = append(keys, key)
		}
		more := piter.Valid()
		piter.Close()
		for _, key := range keys {
			if err := k.RemovePerformance(ctx, key); err != nil {
				return err
			}
		}
		budget -= len(keys)
		if more {
			return nil
		}
		if err := k.RemoveSettledCycle(ctx, sc.Cycle); err != nil {
			return err
		}
		if len(keys) == 0 {
			budget-- // an empty cycle's summary counts against the per-block bound too
		}
	}
	return nil
}
