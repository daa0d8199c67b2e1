package app

import (
	"fmt"
	"strings"
	"sync"

	errorsmod "cosmossdk.io/errors"
	cosmos_proto "github.com/cosmos/cosmos-proto"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/cosmos/cosmos-sdk/types/bech32"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Address scalars of cosmos_proto: the annotation that marks a string field as
// an address and says which prefix it carries.
const (
	scalarAccount   = "cosmos.AddressString"
	scalarValidator = "cosmos.ValidatorAddressString"
	scalarConsensus = "cosmos.ConsensusAddressString"
)

// maxAddrDepth bounds the nesting (messages and Anys) the walk follows.
const maxAddrDepth = 32

// scalarOverrides correct upstream fields whose annotation names the wrong
// kind of address: they hold validator or consensus addresses but are
// annotated cosmos.AddressString.
var scalarOverrides = map[protoreflect.FullName]string{
	"cosmos.staking.v1beta1.StakeAuthorization.Validators.address": scalarValidator,
	"cosmos.evidence.v1beta1.Equivocation.consensus_address":       scalarConsensus,
}

// CanonicalAddresses checks (and, for the upgrade, rewrites) the address fields
// of protobuf messages by reflection: every string field annotated with an
// address scalar must be the lower-case bech32 string of its bytes with the
// prefix of its kind (SPEC 2, docs/protocol.md "Canonical addresses").
type CanonicalAddresses struct {
	prefixes map[string]string // scalar -> bech32 prefix
	plans    *sync.Map         // protoreflect.FullName -> *msgPlan; nil: not cached
	reach    *sync.Map         // protoreflect.FullName -> bool (msgReaches); nil: not cached
}

// NewCanonicalAddresses returns the checker of this chain's prefixes.
func NewCanonicalAddresses() CanonicalAddresses {
	return CanonicalAddresses{prefixes: map[string]string{
		scalarAccount:   Bech32Prefix,
		scalarValidator: Bech32PrefixValAddr,
		scalarConsensus: Bech32PrefixConsAddr,
	}, plans: &sync.Map{}, reach: &sync.Map{}}
}

// CheckMsgs checks every message of a tx; nested messages (authz MsgExec, gov
// proposals) are reached through their Any fields.
func (c CanonicalAddresses) CheckMsgs(msgs []gogoproto.Message) error {
	for _, m := range msgs {
		if err := c.Check("/"+gogoproto.MessageName(m), m); err != nil {
			return err
		}
	}
	return nil
}

// Check returns an error naming the field (path, then the field path inside
// msg) of the first non-canonical address in msg.
func (c CanonicalAddresses) Check(path string, msg gogoproto.Message) error {
	dm, err := toDynamic(msg)
	if err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "%s: %s", path, err)
	}
	return c.walk(path, dm, 0, nil)
}

// Canonicalize rewrites every string field of msg that decodes as a bech32
// address with one of this chain's prefixes (annotated or not: records such as
// a spend's recipient hold "address or module name") to its canonical
// spelling, and returns whether it changed anything. Other strings, foreign
// addresses included, are left alone. It is meant for the one-time upgrade
// walk of stored state; the ante handler uses Check.
func (c CanonicalAddresses) Canonicalize(msg gogoproto.Message) (bool, error) {
	dm, err := toDynamic(msg)
	if err != nil {
		return false, err
	}
	changed, err := c.CanonicalizeDynamic(dm)
	if err != nil || !changed {
		return false, err
	}
	bz, err := proto.MarshalOptions{Deterministic: true}.Marshal(dm)
	if err != nil {
		return false, err
	}
	msg.Reset()
	return true, gogoproto.Unmarshal(bz, msg)
}

// CanonicalizeDynamic is Canonicalize on a dynamic message.
func (c CanonicalAddresses) CanonicalizeDynamic(dm protoreflect.Message) (bool, error) {
	changed := false
	err := c.walk("", dm, 0, func(s string, _ string) (string, bool) {
		canon, ok := c.CanonicalString(s)
		if ok && canon != s {
			changed = true
			return canon, true
		}
		return s, false
	})
	return changed, err
}

// rewriteFunc returns the replacement of an address string and whether to
// replace it; nil means check only.
type rewriteFunc func(s, scalar string) (string, bool)

func (c CanonicalAddresses) walk(path string, m protoreflect.Message, depth int, rw rewriteFunc) error {
	if depth > maxAddrDepth {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "%s: messages nested more than %d deep", path, maxAddrDepth)
	}
	md := m.Descriptor()
	if md.IsPlaceholder() {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "%s: type %s has no descriptor", path, md.FullName())
	}
	if md.FullName() == "google.protobuf.Any" {
		return c.walkAny(path, m, depth, rw)
	}
	for _, f := range planOf(c, md).fields {
		fd := f.fd
		if rw == nil && !f.reaches {
			continue // no address and no Any at any depth below this field
		}
		if !m.Has(fd) {
			continue
		}
		p := path + f.suffix
		scalar := f.scalar
		switch {
		case fd.IsMap():
			if fd.MapValue().Kind() != protoreflect.MessageKind {
				continue
			}
			var err error
			m.Get(fd).Map().Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				err = c.walk(fmt.Sprintf("%s[%v]", p, k.Interface()), v.Message(), depth+1, rw)
				return err == nil
			})
			if err != nil {
				return err
			}
		case fd.IsList():
			list := m.Mutable(fd).List()
			for j := 0; j < list.Len(); j++ {
				ep := fmt.Sprintf("%s[%d]", p, j)
				switch {
				case fd.Kind() == protoreflect.StringKind && (scalar != "" || rw != nil):
					s, err := c.field(ep, list.Get(j).String(), scalar, rw)
					if err != nil {
						return err
					}
					list.Set(j, protoreflect.ValueOfString(s))
				case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
					if err := c.walk(ep, list.Get(j).Message(), depth+1, rw); err != nil {
						return err
					}
				}
			}
		case fd.Kind() == protoreflect.StringKind && (scalar != "" || rw != nil):
			s, err := c.field(p, m.Get(fd).String(), scalar, rw)
			if err != nil {
				return err
			}
			if s != m.Get(fd).String() {
				m.Set(fd, protoreflect.ValueOfString(s))
			}
		case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
			if err := c.walk(p, m.Mutable(fd).Message(), depth+1, rw); err != nil {
				return err
			}
		}
	}
	return nil
}

// walkAny follows an Any into the message it packs; its path is the field's
// path followed by the type URL.
func (c CanonicalAddresses) walkAny(path string, m protoreflect.Message, depth int, rw rewriteFunc) error {
	fields := m.Descriptor().Fields()
	urlField, valueField := fields.ByName("type_url"), fields.ByName("value")
	url := m.Get(urlField).String()
	if url == "" {
		return nil
	}
	name := url[strings.LastIndex(url, "/")+1:]
	md, err := findMessage(name)
	if err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "%s: %s", path, err)
	}
	inner := dynamicpb.NewMessage(md)
	if err := proto.Unmarshal(m.Get(valueField).Bytes(), inner); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest, "%s: decode %s: %s", path, url, err)
	}
	if err := c.walk(path+"/"+name, inner, depth+1, rw); err != nil {
		return err
	}
	if rw != nil {
		bz, err := proto.MarshalOptions{Deterministic: true}.Marshal(inner)
		if err != nil {
			return err
		}
		if string(bz) != string(m.Get(valueField).Bytes()) {
			m.Set(valueField, protoreflect.ValueOfBytes(bz))
		}
	}
	return nil
}

// field checks one address string (rw nil) or returns its replacement.
func (c CanonicalAddresses) field(path, s, scalar string, rw rewriteFunc) (string, error) {
	if rw != nil {
		out, _ := rw(s, scalar)
		return out, nil
	}
	return s, c.CheckAddress(path, s, scalar)
}

// CheckAddress returns nil when s is empty or the canonical address of kind
// scalar, else an error naming path.
func (c CanonicalAddresses) CheckAddress(path, s, scalar string) error {
	if s == "" {
		return nil
	}
	want := c.prefixes[scalar]
	hrp, bz, err := bech32.DecodeAndConvert(s)
	if err != nil {
		if canon, ok := c.CanonicalString(strings.ToLower(s)); ok { // mixed case
			return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s: %q is not canonical (mixed case); use %q", path, s, canon)
		}
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s: %q is not a bech32 address with prefix %q: %s", path, s, want, err)
	}
	if hrp != want {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s: %q has prefix %q; want %q", path, s, hrp, want)
	}
	if !hasUpper(s) {
		// Decoding accepted it, so re-encoding its bytes gives s back: bech32
		// is one-to-one on lower-case strings (no other case, no padding bits).
		return nil
	}
	if canon, err := bech32.ConvertAndEncode(want, bz); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s: %q: %s", path, s, err)
	} else if canon != s {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s: %q is not canonical; use %q", path, s, canon)
	}
	return nil
}

// CanonicalString returns the canonical spelling of s when s decodes as a
// bech32 string (either case) with one of this chain's prefixes.
func (c CanonicalAddresses) CanonicalString(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	hrp, bz, err := bech32.DecodeAndConvert(s)
	if err != nil {
		return "", false
	}
	for _, p := range c.prefixes {
		if hrp == p {
			canon, err := bech32.ConvertAndEncode(p, bz)
			return canon, err == nil
		}
	}
	return "", false
}

// scalarOf is the address scalar of fd, or "" when fd is not an address.
func (c CanonicalAddresses) scalarOf(fd protoreflect.FieldDescriptor) string {
	if s, ok := scalarOverrides[fd.FullName()]; ok {
		return s
	}
	opts := fd.Options()
	if opts == nil || !proto.HasExtension(opts, cosmos_proto.E_Scalar) {
		return ""
	}
	s, _ := proto.GetExtension(opts, cosmos_proto.E_Scalar).(string)
	if _, ok := c.prefixes[s]; !ok {
		return ""
	}
	return s
}

// msgPlan is what the walk needs of a message type, computed once per type
// from its descriptor (descriptors never change in a process): each field's
// address scalar, path suffix, and whether an address or an Any can occur at
// any depth below it (a check skips the fields where none can).
type msgPlan struct {
	fields []fieldPlan
}

type fieldPlan struct {
	fd      protoreflect.FieldDescriptor
	suffix  string // "." + name
	scalar  string // address scalar, "" when fd is not an address
	reaches bool
}

// planOf returns the plan of md, from the checker's cache when it has one.
func planOf(c CanonicalAddresses, md protoreflect.MessageDescriptor) *msgPlan {
	if c.plans != nil {
		if p, ok := c.plans.Load(md.FullName()); ok {
			return p.(*msgPlan)
		}
	}
	fields := md.Fields()
	p := &msgPlan{fields: make([]fieldPlan, fields.Len())}
	for i := range p.fields {
		fd := fields.Get(i)
		p.fields[i] = fieldPlan{fd: fd, suffix: "." + string(fd.Name()), scalar: c.scalarOf(fd),
			reaches: c.fieldReaches(fd, map[protoreflect.FullName]bool{md.FullName(): true})}
	}
	if c.plans != nil {
		c.plans.Store(md.FullName(), p)
	}
	return p
}

// fieldReaches reports whether an address string or an Any can occur in fd
// or below it. It errs towards true: a type on the current path (recursion)
// or without a descriptor is walked, so the walk's own errors (depth,
// missing descriptor) are still raised.
func (c CanonicalAddresses) fieldReaches(fd protoreflect.FieldDescriptor, onPath map[protoreflect.FullName]bool) bool {
	switch {
	case fd.IsMap():
		if fd.MapValue().Kind() != protoreflect.MessageKind {
			return false
		}
		return c.msgReaches(fd.MapValue().Message(), onPath)
	case fd.Kind() == protoreflect.StringKind:
		return c.scalarOf(fd) != ""
	case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
		return c.msgReaches(fd.Message(), onPath)
	}
	return false
}

func (c CanonicalAddresses) msgReaches(md protoreflect.MessageDescriptor, onPath map[protoreflect.FullName]bool) bool {
	name := md.FullName()
	if md.IsPlaceholder() || name == "google.protobuf.Any" || onPath[name] {
		return true
	}
	if c.reach != nil {
		if r, ok := c.reach.Load(name); ok {
			return r.(bool)
		}
	}
	onPath[name] = true
	defer delete(onPath, name)
	r := false
	fields := md.Fields()
	for i := 0; i < fields.Len() && !r; i++ {
		r = c.fieldReaches(fields.Get(i), onPath)
	}
	// false is exact; true may come from a recursion and only over-approximates,
	// which costs a walk, never a missed address.
	if c.reach != nil {
		c.reach.Store(name, r)
	}
	return r
}

// toDynamic re-decodes a gogoproto message as a dynamic message of its
// registered descriptor, so that its fields can be walked by reflection.
func toDynamic(msg gogoproto.Message) (*dynamicpb.Message, error) {
	md, err := findMessage(gogoproto.MessageName(msg))
	if err != nil {
		return nil, err
	}
	bz, err := gogoproto.Marshal(msg)
	if err != nil {
		return nil, err
	}
	dm := dynamicpb.NewMessage(md)
	if err := proto.Unmarshal(bz, dm); err != nil {
		return nil, err
	}
	return dm, nil
}

// descriptors are the registered proto files (gogoproto and protoregistry)
// merged into one registry whose imports are resolved, so that a field of a
// message type declared in another file has that type's real descriptor.
var descriptors = sync.OnceValues(gogoproto.MergedRegistry)

// findMessage is the descriptor of the message type name.
func findMessage(name string) (protoreflect.MessageDescriptor, error) {
	files, err := descriptors()
	if err != nil {
		return nil, fmt.Errorf("proto registry: %w", err)
	}
	d, err := files.FindDescriptorByName(protoreflect.FullName(name))
	if err != nil {
		return nil, fmt.Errorf("unknown message type %q", name)
	}
	md, ok := d.(protoreflect.MessageDescriptor)
	if !ok {
		return nil, fmt.Errorf("%s is not a message", name)
	}
	return md, nil
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
