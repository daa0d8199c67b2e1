//go:build !preibc

package upgrades

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"cosmossdk.io/collections"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"
	gogoproto "github.com/cosmos/gogoproto/proto"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func init() { release = append(release, V4) }

// V4Name is the plan name of the upgrade that makes stored addresses canonical.
const V4Name = "v4"

// V4 runs every module's migrations, then rewrites every address stored in a
// non-canonical spelling (upper case) in the custom modules' state to its
// canonical lower-case form (SPEC 2, docs/protocol.md "Canonical addresses").
// Two operators whose signers are the same account in two spellings cannot be
// merged: the upgrade then fails and names them.
var V4 = Upgrade{
	Name: V4Name,
	CreateHandler: func(mm *module.Manager, cfg module.Configurator, k Keepers) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			vm, err := mm.RunMigrations(ctx, cfg, fromVM)
			if err != nil {
				return nil, err
			}
			if err := CanonicalizeState(ctx, k); err != nil {
				return nil, fmt.Errorf("%s: %w", V4Name, err)
			}
			return vm, nil
		}
	},
}

// CanonicalizeState rewrites every non-canonical address in the stored state
// of the custom modules. Keys holding addresses are bytes, so only values (and
// the operator signer index, a string key derived from a value) can hold a
// second spelling. The operators go first, through their indexed map, so that
// the signer index follows; then every other collection is walked raw.
func CanonicalizeState(ctx context.Context, k Keepers) error {
	if err := canonicalizeOperators(ctx, k); err != nil {
		return err
	}
	for _, m := range []struct {
		name   string
		schema collections.Schema
	}{
		{nstypes.ModuleName, k.NodeSelection.Schema},
		{rewardstypes.ModuleName, k.Rewards.Schema},
		{treasurytypes.ModuleName, k.Treasury.Schema},
	} {
		key, ok := k.StoreKeys[m.name]
		if !ok {
			return fmt.Errorf("no store key for %s", m.name)
		}
		store := sdk.UnwrapSDKContext(ctx).KVStore(key)
		for _, coll := range m.schema.ListCollections() {
			if err := canonicalizeCollection(store, m.name, coll, k.Canonical); err != nil {
				return err
			}
		}
	}
	return nil
}

// canonicalizeOperators rewrites the operator records through the indexed map
// (its signer index is keyed by the signer string) and fails when two
// operators end up with the same signer.
func canonicalizeOperators(ctx context.Context, k Keepers) error {
	signers := map[string]string{} // canonical signer -> owner
	var changed []nstypes.Operator
	var owners []sdk.AccAddress
	err := k.NodeSelection.Operators().Walk(ctx, nil, func(owner sdk.AccAddress, op nstypes.Operator) (bool, error) {
		ok, err := k.Canonical.Canonicalize(&op)
		if err != nil {
			return true, fmt.Errorf("operator %s: %w", owner, err)
		}
		if other, dup := signers[op.Signer]; dup {
			return true, fmt.Errorf("operators %s and %s have the same signer %s in two spellings; "+
				"one of them must name another signer before this upgrade", other, owner, op.Signer)
		}
		signers[op.Signer] = owner.String()
		if ok {
			changed = append(changed, op)
			owners = append(owners, owner)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for i, op := range changed {
		if err := k.NodeSelection.SetOperator(ctx, owners[i], op); err != nil {
			return err
		}
	}
	return nil
}

// canonicalizeCollection rewrites the values of one collection: proto values
// field by field, string values when they are an address of this chain.
// Other values (amounts, sequences, index entries) hold no address string.
func canonicalizeCollection(store storetypes.KVStore, module string, coll collections.Collection, c Canonicalizer) error {
	vt := coll.ValueCodec().ValueType()
	const gogoPrefix = "github.com/cosmos/gogoproto/"
	var rewrite func([]byte) ([]byte, bool, error)
	switch {
	case strings.HasPrefix(vt, gogoPrefix):
		name := strings.TrimPrefix(vt, gogoPrefix)
		if _, err := newMessage(name); err != nil {
			return fmt.Errorf("%s/%s: %w", module, coll.GetName(), err)
		}
		rewrite = func(bz []byte) ([]byte, bool, error) {
			msg, err := newMessage(name)
			if err != nil {
				return nil, false, err
			}
			if err := gogoproto.Unmarshal(bz, msg); err != nil {
				return nil, false, err
			}
			ok, err := c.Canonicalize(msg)
			if err != nil || !ok {
				return nil, false, err
			}
			out, err := gogoproto.Marshal(msg)
			return out, true, err
		}
	case vt == "string":
		rewrite = func(bz []byte) ([]byte, bool, error) {
			canon, ok := c.CanonicalString(string(bz))
			if !ok || canon == string(bz) {
				return nil, false, nil
			}
			return []byte(canon), true, nil
		}
	default:
		return nil
	}
	type kv struct{ key, value []byte }
	var updates []kv
	it := storetypes.KVStorePrefixIterator(store, coll.GetPrefix())
	for ; it.Valid(); it.Next() {
		out, ok, err := rewrite(it.Value())
		if err != nil {
			it.Close()
			return fmt.Errorf("%s/%s key %x: %w", module, coll.GetName(), it.Key(), err)
		}
		if ok {
			updates = append(updates, kv{append([]byte(nil), it.Key()...), out})
		}
	}
	if err := it.Close(); err != nil {
		return err
	}
	for _, u := range updates {
		store.Set(u.key, u.value)
	}
	return nil
}

// newMessage is a new empty message of the registered gogoproto type name.
func newMessage(name string) (gogoproto.Message, error) {
	typ := gogoproto.MessageType(name)
	if typ == nil || typ.Kind() != reflect.Pointer {
		return nil, fmt.Errorf("unknown message type %s", name)
	}
	msg, ok := reflect.New(typ.Elem()).Interface().(gogoproto.Message)
	if !ok {
		return nil, fmt.Errorf("%s is not a gogoproto message", name)
	}
	return msg, nil
}
