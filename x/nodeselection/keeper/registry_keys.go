package keeper

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The node registry (SPEC 14) keeps four more indexes of the operator
// records, part of the registry group: by node signing key (in force and
// pending), by moniker, by node id, and the announced rotations by the cycle
// they take effect. They are indexes of the Operators map, so every write or
// removal of a record keeps them right, genesis import rebuilds them, and a
// deleted record frees its keys and moniker.

// NodeIndexes are the registry's indexes of the operator records.
type NodeIndexes struct {
	// NodeKey maps a node signing key (lower-case hex), in force or pending,
	// to the one owner that holds it.
	NodeKey *uniqueKeysIndex[string]
	// Moniker maps types.MonikerKey(moniker) to the one owner that uses it.
	Moniker *uniqueKeysIndex[string]
	// NodeID maps a node id to its owner, in numeric order (Query/Nodes).
	NodeID *uniqueKeysIndex[uint32]
	// Pending holds (effective_cycle, owner) of every announced rotation.
	Pending *pendingIndex
}

func newNodeIndexes(sb *collections.SchemaBuilder) NodeIndexes {
	return NodeIndexes{
		NodeKey: newUniqueKeysIndex(sb, types.OperatorsByNodeKeyKey, "operators_by_node_key", collections.StringKey, operatorNodeKeys, types.ErrNodeKeyTaken, "signing key"),
		Moniker: newUniqueKeysIndex(sb, types.OperatorsByMonikerKey, "operators_by_moniker", collections.StringKey, operatorMonikerKeys, types.ErrMonikerTaken, "moniker"),
		NodeID:  newUniqueKeysIndex(sb, types.OperatorsByNodeIDKey, "operators_by_node_id", collections.Uint32Key, operatorNodeIDKeys, types.ErrInvalidGenesis, "node id"),
		Pending: &pendingIndex{set: collections.NewKeySet(sb, types.PendingNodeKeysKey, "pending_node_keys", collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey))},
	}
}

// The reference keys of the registry indexes.
func operatorNodeKeys(op types.Operator) []string {
	var out []string
	for _, k := range [][]byte{op.SigningPublicKey, op.PendingSigningPublicKey} {
		if len(k) > 0 {
			out = append(out, hex.EncodeToString(k))
		}
	}
	return out
}

func operatorMonikerKeys(op types.Operator) []string {
	if op.Moniker == "" {
		return nil
	}
	return []string{types.MonikerKey(op.Moniker)}
}

func operatorNodeIDKeys(op types.Operator) []uint32 {
	id, err := types.NodeIDFromNFT(op.NftId)
	if err != nil {
		return nil // not an op-n NFT id (only possible in hand-written test state)
	}
	return []uint32{id}
}

// uniqueKeysIndex is an operator index in which a record has zero or more
// keys and each key belongs to at most one owner; a write that would give a
// key to a second owner fails with taken. An update writes only the keys
// that changed.
type uniqueKeysIndex[K comparable] struct {
	m     collections.Map[K, sdk.AccAddress]
	keys  func(types.Operator) []K
	taken error
	what  string
}

func newUniqueKeysIndex[K comparable](sb *collections.SchemaBuilder, prefix collections.Prefix, name string, kc collcodec.KeyCodec[K],
	keys func(types.Operator) []K, taken error, what string,
) *uniqueKeysIndex[K] {
	return &uniqueKeysIndex[K]{m: collections.NewMap(sb, prefix, name, kc, collcodec.KeyToValueCodec(sdk.AccAddressKey)), keys: keys, taken: taken, what: what}
}

// Reference implements collections.Index.
func (u *uniqueKeysIndex[K]) Reference(ctx context.Context, pk sdk.AccAddress, v types.Operator, lazyOld func() (types.Operator, error)) error {
	newKeys := u.keys(v)
	old, err := lazyOld()
	var oldKeys []K
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return err
	default:
		oldKeys = u.keys(old)
		for _, k := range oldKeys {
			if !contains(newKeys, k) {
				if err := u.m.Remove(ctx, k); err != nil {
					return err
				}
			}
		}
	}
	for _, k := range newKeys {
		if contains(oldKeys, k) {
			continue // the record already held it: its entry names pk
		}
		holder, err := u.m.Get(ctx, k)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			if err := u.m.Set(ctx, k, pk); err != nil {
				return err
			}
		case err != nil:
			return err
		case !holder.Equals(pk):
			return fmt.Errorf("%s %v of %s is held by %s: %w", u.what, k, pk, holder, u.taken)
		}
	}
	return nil
}

// Unreference implements collections.Index.
func (u *uniqueKeysIndex[K]) Unreference(ctx context.Context, pk sdk.AccAddress, lazyOld func() (types.Operator, error)) error {
	old, err := lazyOld()
	if err != nil {
		return err
	}
	for _, k := range u.keys(old) {
		if holder, err := u.m.Get(ctx, k); err == nil && holder.Equals(pk) {
			if err := u.m.Remove(ctx, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// Holder returns the owner that holds key k, and whether one does.
func (u *uniqueKeysIndex[K]) Holder(ctx context.Context, k K) (sdk.AccAddress, bool, error) {
	holder, err := u.m.Get(ctx, k)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, false, nil
	}
	return holder, err == nil, err
}

// rebuild writes the entries of a record whose index entries may be absent
// (a store migration); it fails like a write when a key is taken.
func (u *uniqueKeysIndex[K]) rebuild(ctx context.Context, pk sdk.AccAddress, v types.Operator) error {
	return u.Reference(ctx, pk, v, func() (types.Operator, error) { return types.Operator{}, collections.ErrNotFound })
}

func contains[K comparable](ks []K, k K) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// pendingIndex holds (effective_cycle, owner) of every operator with an
// announced key rotation; the boundary that starts a cycle applies the
// rotations of that cycle and of any cycle skipped by a halt.
type pendingIndex struct {
	set collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
}

func pendingKey(op types.Operator) (uint64, bool) {
	return op.EffectiveCycle, len(op.PendingSigningPublicKey) > 0
}

// Reference implements collections.Index.
func (p *pendingIndex) Reference(ctx context.Context, pk sdk.AccAddress, v types.Operator, lazyOld func() (types.Operator, error)) error {
	newC, newOK := pendingKey(v)
	old, err := lazyOld()
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return err
	default:
		oldC, oldOK := pendingKey(old)
		if oldOK == newOK && oldC == newC {
			return nil
		}
		if oldOK {
			if err := p.set.Remove(ctx, collections.Join(oldC, pk)); err != nil {
				return err
			}
		}
	}
	if newOK {
		return p.set.Set(ctx, collections.Join(newC, pk))
	}
	return nil
}

// Unreference implements collections.Index.
func (p *pendingIndex) Unreference(ctx context.Context, pk sdk.AccAddress, lazyOld func() (types.Operator, error)) error {
	old, err := lazyOld()
	if err != nil {
		return err
	}
	if c, ok := pendingKey(old); ok {
		return p.set.Remove(ctx, collections.Join(c, pk))
	}
	return nil
}

// rebuild writes the entry of a record whose index entry may be absent.
func (p *pendingIndex) rebuild(ctx context.Context, pk sdk.AccAddress, v types.Operator) error {
	return p.Reference(ctx, pk, v, func() (types.Operator, error) { return types.Operator{}, collections.ErrNotFound })
}

// rebuildNodeIndexes writes the registry index entries of every operator
// (the store migration that added them; bounded by the number of operators,
// run once at the upgrade).
func (k *Keeper) rebuildNodeIndexes(ctx context.Context) error {
	type rec struct {
		pk sdk.AccAddress
		op types.Operator
	}
	var all []rec
	if err := k.Operators().Walk(ctx, nil, func(pk sdk.AccAddress, op types.Operator) (bool, error) {
		all = append(all, rec{pk, op})
		return false, nil
	}); err != nil {
		return err
	}
	n := k.Operators().Indexes.Node
	for _, r := range all {
		for _, f := range []func(context.Context, sdk.AccAddress, types.Operator) error{n.NodeKey.rebuild, n.Moniker.rebuild, n.NodeID.rebuild, n.Pending.rebuild} {
			if err := f(ctx, r.pk, r.op); err != nil {
				return err
			}
		}
	}
	return nil
}
