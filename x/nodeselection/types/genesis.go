package types

import (
	"fmt"

	"cosmossdk.io/core/address"
)

// DefaultGenesis is a fresh chain: default params, no operators, first NFT op-1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:          DefaultParams(),
		NextNftSeq:      1,
		NextQueueSeq:    1,
		NextUnbondingId: 1,
		NextViolationId: 1,
	}
}

// Validate checks the genesis state without a store: params, addresses,
// uniqueness of owners, NFTs, queue positions and unbonding ids.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	owners := map[string]bool{}
	nfts := map[string]bool{}
	seqs := map[uint64]bool{}
	for _, op := range gs.Operators {
		if _, err := ac.StringToBytes(op.Owner); err != nil {
			return ErrInvalidGenesis.Wrapf("operator owner %q: %s", op.Owner, err)
		}
		if owners[op.Owner] {
			return ErrInvalidGenesis.Wrapf("operator %s listed twice", op.Owner)
		}
		owners[op.Owner] = true
		if op.NftId == "" || nfts[op.NftId] {
			return ErrInvalidGenesis.Wrapf("operator %s: nft_id %q empty or used twice", op.Owner, op.NftId)
		}
		nfts[op.NftId] = true
		if op.QueueSeq != 0 {
			if seqs[op.QueueSeq] {
				return ErrInvalidGenesis.Wrapf("operator %s: queue_seq %d used twice", op.Owner, op.QueueSeq)
			}
			seqs[op.QueueSeq] = true
			if gs.NextQueueSeq != 0 && op.QueueSeq >= gs.NextQueueSeq {
				return ErrInvalidGenesis.Wrapf("operator %s: queue_seq %d not below next_queue_seq %d", op.Owner, op.QueueSeq, gs.NextQueueSeq)
			}
		}
		if op.Stake.IsNil() || op.Stake.IsNegative() {
			return ErrInvalidGenesis.Wrapf("operator %s: stake must not be negative", op.Owner)
		}
		if err := ValidateEndpoint(op.Endpoint); err != nil {
			return ErrInvalidGenesis.Wrapf("operator %s: %s", op.Owner, err)
		}
		if err := ValidateRegion(op.Region); err != nil {
			return ErrInvalidGenesis.Wrapf("operator %s: %s", op.Owner, err)
		}
		if op.PendingSigner != "" && (op.PendingSigner == op.Owner || op.PendingSigner == op.Signer) {
			return ErrInvalidGenesis.Wrapf("operator %s: pending_signer %s must differ from owner and signer", op.Owner, op.PendingSigner)
		}
		for _, a := range []string{op.Signer, op.PayoutAddress, op.PendingSigner} {
			if a == "" {
				continue // defaults to the owner
			}
			if _, err := ac.StringToBytes(a); err != nil {
				return ErrInvalidGenesis.Wrapf("operator %s: address %q: %s", op.Owner, a, err)
			}
		}
	}
	if err := validateNodeIdentities(gs.Operators); err != nil {
		return err
	}
	ids := map[uint64]bool{}
	for _, u := range gs.Unbondings {
		if ids[u.Id] {
			return ErrInvalidGenesis.Wrapf("unbonding id %d used twice", u.Id)
		}
		ids[u.Id] = true
		if _, err := ac.StringToBytes(u.Owner); err != nil {
			return ErrInvalidGenesis.Wrapf("unbonding %d owner %q: %s", u.Id, u.Owner, err)
		}
		if u.Amount.IsNil() || !u.Amount.IsPositive() {
			return ErrInvalidGenesis.Wrapf("unbonding %d amount must be positive", u.Id)
		}
		if gs.NextUnbondingId != 0 && u.Id >= gs.NextUnbondingId {
			return ErrInvalidGenesis.Wrapf("unbonding id %d not below next_unbonding_id %d", u.Id, gs.NextUnbondingId)
		}
	}
	if cs := gs.CycleState; cs != nil {
		for _, set := range [][]Member{cs.Current, cs.Next} {
			seen := map[string]bool{}
			for _, m := range set {
				if seen[m.Owner] {
					return ErrInvalidGenesis.Wrapf("cycle_state: %s seated twice", m.Owner)
				}
				seen[m.Owner] = true
				if !owners[m.Owner] {
					return ErrInvalidGenesis.Wrapf("cycle_state: member %s is not an operator", m.Owner)
				}
			}
		}
	}
	vids := map[uint64]bool{}
	for _, v := range gs.Violations {
		if vids[v.Id] {
			return ErrInvalidGenesis.Wrapf("violation id %d used twice", v.Id)
		}
		vids[v.Id] = true
		if _, err := ac.StringToBytes(v.Owner); err != nil {
			return ErrInvalidGenesis.Wrapf("violation %d owner %q: %s", v.Id, v.Owner, err)
		}
		if gs.NextViolationId != 0 && v.Id >= gs.NextViolationId {
			return ErrInvalidGenesis.Wrapf("violation id %d not below next_violation_id %d", v.Id, gs.NextViolationId)
		}
	}
	for _, a := range gs.Attestations {
		if _, err := ac.StringToBytes(a.Attester); err != nil {
			return ErrInvalidGenesis.Wrapf("attestation of cycle %d: attester %q: %s", a.Cycle, a.Attester, err)
		}
	}
	for _, p := range gs.Performances {
		if _, err := ac.StringToBytes(p.Operator); err != nil {
			return ErrInvalidGenesis.Wrapf("performance of cycle %d: operator %q: %s", p.Cycle, p.Operator, err)
		}
	}
	cycles := map[uint64]bool{}
	for _, r := range gs.CycleHistory {
		if cycles[r.Cycle] {
			return fmt.Errorf("cycle_history: cycle %d listed twice: %w", r.Cycle, ErrInvalidGenesis)
		}
		cycles[r.Cycle] = true
	}
	return ValidateVotes(&gs, func(s string) error { _, err := ac.StringToBytes(s); return err })
}
