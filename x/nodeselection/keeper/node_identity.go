package keeper

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/cosmos/gogoproto/proto"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Node identity (SPEC 14, docs/protocol.md "Node registry"): node ids,
// monikers, node signing keys with their proof of possession, and the
// announced rotation of a key. The message handlers call checkMoniker and
// checkNodeKey before any write, then setNodeKey on the record they store.

// nodeID is the node id of an operator record (0 for an NFT id that is not op-n).
func nodeID(op types.Operator) uint32 {
	id, _ := types.NodeIDFromNFT(op.NftId)
	return id
}

// checkMoniker validates a moniker that owner wants and checks that no other
// operator uses it (compared by types.MonikerKey).
func (k *Keeper) checkMoniker(ctx context.Context, owner sdk.AccAddress, moniker string) error {
	if err := types.ValidateMoniker(moniker); err != nil {
		return err
	}
	holder, found, err := k.Operators.Indexes.Node.Moniker.Holder(ctx, types.MonikerKey(moniker))
	if err != nil {
		return err
	}
	if found && !holder.Equals(owner) {
		return types.ErrMonikerTaken.Wrapf("moniker %q is used by operator %s (monikers are unique ignoring ASCII case)", moniker, k.addrString(holder))
	}
	return nil
}

// checkNodeKey checks a signing key and its proof given by owner (canonical
// bech32 ownerStr) for node id: both or neither, a compressed secp256k1 key,
// a proof over this chain's id, owner and node id, and a key no other
// operator holds in force or pending.
func (k *Keeper) checkNodeKey(ctx context.Context, owner sdk.AccAddress, ownerStr string, id uint32, key, proof []byte) error {
	switch {
	case len(key) == 0 && len(proof) == 0:
		return nil
	case len(key) == 0:
		return types.ErrInvalidNodeKey.Wrap("key_proof given without signing_public_key")
	case len(proof) == 0:
		return types.ErrInvalidKeyProof.Wrap("signing_public_key needs a key_proof (xmtpd operator node-key-proof makes one)")
	}
	if err := types.VerifyNodeKeyProof(sdk.UnwrapSDKContext(ctx).ChainID(), ownerStr, id, key, proof); err != nil {
		return err
	}
	holder, found, err := k.Operators.Indexes.Node.NodeKey.Holder(ctx, hex.EncodeToString(key))
	if err != nil {
		return err
	}
	if found && !holder.Equals(owner) {
		return types.ErrNodeKeyTaken.Wrapf("signing_public_key %x is held or pending by operator %s", key, k.addrString(holder))
	}
	return nil
}

// updateNodeIdentity checks the moniker and node key a message gives
// (either may be empty: unchanged) and applies them to op; it writes
// nothing, so a rejected message changes nothing. It returns the node events
// to emit once op is stored.
func (k *Keeper) updateNodeIdentity(ctx context.Context, owner sdk.AccAddress, op *types.Operator, moniker string, key, proof []byte) ([]proto.Message, error) {
	if moniker == "" && len(key) == 0 && len(proof) == 0 {
		return nil, nil
	}
	if moniker != "" {
		if err := k.checkMoniker(ctx, owner, moniker); err != nil {
			return nil, err
		}
	}
	id, err := types.NodeIDFromNFT(op.NftId)
	if err != nil {
		return nil, types.ErrInvalidNodeKey.Wrapf("node id: %s", err)
	}
	if err := k.checkNodeKey(ctx, owner, op.Owner, id, key, proof); err != nil {
		return nil, err
	}
	if moniker != "" {
		op.Moniker = moniker
	}
	return k.setNodeKey(ctx, op, key)
}

// emitAll emits events in order.
func emitAll(ctx context.Context, evs []proto.Message) error {
	for _, ev := range evs {
		if err := events.Emit(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

// inSets reports whether owner is in the current or the next set.
func inSets(state types.CycleState, owner string) bool {
	for _, set := range [][]types.Member{state.Current, state.Next} {
		for _, m := range set {
			if m.Owner == owner {
				return true
			}
		}
	}
	return false
}

// setNodeKey gives op the checked key (docs/protocol.md "Node registry"):
//   - the key in force again: cancels a pending rotation;
//   - the pending key again: nothing changes;
//   - no key in force yet, or the operator in neither the current nor the
//     next set: in force at once (a pending rotation is dropped);
//   - otherwise announced: pending from now, in force from cycle + 2 (the
//     boundary after next), replacing an earlier pending key.
//
// It changes op only; the caller stores it, then emits the returned events.
func (k *Keeper) setNodeKey(ctx context.Context, op *types.Operator, key []byte) ([]proto.Message, error) {
	id := nodeID(*op)
	switch {
	case len(key) == 0, bytes.Equal(key, op.PendingSigningPublicKey):
		return nil, nil
	case bytes.Equal(key, op.SigningPublicKey):
		if len(op.PendingSigningPublicKey) == 0 {
			return nil, nil
		}
		op.PendingSigningPublicKey, op.EffectiveCycle = nil, 0
		return []proto.Message{&types.EventNodeKeyAnnounced{NodeId: id, Owner: op.Owner}}, nil
	}
	state, err := k.CycleState.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if len(op.SigningPublicKey) == 0 || !inSets(state, op.Owner) {
		op.SigningPublicKey, op.PendingSigningPublicKey, op.EffectiveCycle = key, nil, 0
		return []proto.Message{&types.EventNodeKeyChanged{NodeId: id, Owner: op.Owner, SigningPublicKey: hex.EncodeToString(key)}}, nil
	}
	op.PendingSigningPublicKey, op.EffectiveCycle = key, state.Cycle+2
	return []proto.Message{&types.EventNodeKeyAnnounced{NodeId: id, Owner: op.Owner,
		PendingSigningPublicKey: hex.EncodeToString(key), EffectiveCycle: op.EffectiveCycle}}, nil
}

// applyAnnouncedKeys puts in force, at the boundary that starts cycle, every
// rotation announced for it (or for a cycle a halt skipped). Rotations are
// announced only by members of the current or next set, each for the cycle
// after next, so the work is bounded by twice the set sizes.
func (k *Keeper) applyAnnouncedKeys(ctx context.Context, cycle uint64) error {
	rng := new(collections.Range[collections.Pair[uint64, sdk.AccAddress]]).
		EndExclusive(collections.PairPrefix[uint64, sdk.AccAddress](cycle + 1))
	due, err := k.Operators.Indexes.Node.Pending.set.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	keys, err := due.Keys()
	if err != nil {
		return err
	}
	for _, key := range keys {
		op, err := k.Operators.Get(ctx, key.K2())
		if err != nil {
			return err
		}
		op.SigningPublicKey, op.PendingSigningPublicKey, op.EffectiveCycle = op.PendingSigningPublicKey, nil, 0
		if err := k.Operators.Set(ctx, key.K2(), op); err != nil {
			return err
		}
		if err := events.Emit(ctx, &types.EventNodeKeyChanged{NodeId: nodeID(op), Owner: op.Owner,
			SigningPublicKey: hex.EncodeToString(op.SigningPublicKey)}); err != nil {
			return err
		}
	}
	return nil
}

// emitCanonicalChanges emits EventNodeCanonicalChanged for each node whose
// is_canonical (current set) or is_next (next set) flag differs between two
// cycle states: work bounded by the set sizes.
func (k *Keeper) emitCanonicalChanges(ctx context.Context, before, after types.CycleState) error {
	flags := func(s types.CycleState) map[string][2]bool {
		out := map[string][2]bool{}
		for i, set := range [][]types.Member{s.Current, s.Next} {
			for _, m := range set {
				f := out[m.Owner]
				f[i] = true
				out[m.Owner] = f
			}
		}
		return out
	}
	was, now := flags(before), flags(after)
	var owners []string // in set order, so events are deterministic
	seen := map[string]bool{}
	for _, s := range []types.CycleState{before, after} {
		for _, set := range [][]types.Member{s.Current, s.Next} {
			for _, m := range set {
				if !seen[m.Owner] {
					seen[m.Owner] = true
					owners = append(owners, m.Owner)
				}
			}
		}
	}
	for _, o := range owners {
		if was[o] == now[o] {
			continue
		}
		addr, err := k.addr(o)
		if err != nil {
			return err
		}
		op, err := k.Operators.Get(ctx, addr)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return err
		}
		ev := &types.EventNodeCanonicalChanged{NodeId: nodeID(op), Owner: o, IsCanonical: now[o][0], IsNext: now[o][1], Cycle: after.Cycle}
		if err := events.Emit(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

// isValidConfig: a key in force, a valid endpoint, not jailed or leaving.
func isValidConfig(op types.Operator) bool {
	return len(op.SigningPublicKey) > 0 && types.ValidateEndpoint(op.Endpoint) == nil &&
		op.Status != types.OPERATOR_STATUS_JAILED && op.Status != types.OPERATOR_STATUS_LEAVING
}

// NodeOf is the registry entry of an operator record for a cycle state.
func NodeOf(op types.Operator, state types.CycleState) types.Node {
	n := types.Node{
		NodeId: nodeID(op), Owner: op.Owner, Moniker: op.Moniker, SigningPublicKey: op.SigningPublicKey,
		PendingSigningPublicKey: op.PendingSigningPublicKey, EffectiveCycle: op.EffectiveCycle,
		HttpAddress: op.Endpoint, IsValidConfig: isValidConfig(op), Status: op.Status,
	}
	for _, m := range state.Current {
		n.IsCanonical = n.IsCanonical || m.Owner == op.Owner
	}
	for _, m := range state.Next {
		n.IsNext = n.IsNext || m.Owner == op.Owner
	}
	return n
}
