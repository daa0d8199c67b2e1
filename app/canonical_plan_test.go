package app

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// allMessages is every message type of the merged registry, nested ones too.
func allMessages(t *testing.T) []protoreflect.MessageDescriptor {
	files, err := descriptors()
	require.NoError(t, err)
	var out []protoreflect.MessageDescriptor
	var add func(protoreflect.MessageDescriptors)
	add = func(ms protoreflect.MessageDescriptors) {
		for i := 0; i < ms.Len(); i++ {
			out = append(out, ms.Get(i))
			add(ms.Get(i).Messages())
		}
	}
	files.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		add(fd.Messages())
		return true
	})
	return out
}

// naiveReaches says whether an address field or an Any occurs within depth
// levels below md, by plain recursion (no memo, no cache).
func naiveReaches(c CanonicalAddresses, md protoreflect.MessageDescriptor, depth int) bool {
	if md.FullName() == "google.protobuf.Any" || md.IsPlaceholder() {
		return true
	}
	if depth == 0 {
		return false
	}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		switch {
		case fd.IsMap():
			if fd.MapValue().Kind() == protoreflect.MessageKind && naiveReaches(c, fd.MapValue().Message(), depth-1) {
				return true
			}
		case fd.Kind() == protoreflect.StringKind:
			if c.scalarOf(fd) != "" {
				return true
			}
		case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
			if naiveReaches(c, fd.Message(), depth-1) {
				return true
			}
		}
	}
	return false
}

// The cached plans are those of the type asked for (types that share a short
// name, such as bank's and nft's MsgSend, are not confused), equal to plans
// computed without any cache, and never skip a field below which an address
// or an Any can occur.
func TestCanonicalPlansMatchUncached(t *testing.T) {
	cached, uncached := NewCanonicalAddresses(), NewCanonicalAddresses()
	uncached.plans, uncached.reach = nil, nil
	msgs := allMessages(t)
	require.Greater(t, len(msgs), 500)
	for pass := 0; pass < 2; pass++ { // the second pass is served from the cache
		for _, md := range msgs {
			got, want := planOf(cached, md), planOf(uncached, md)
			require.Len(t, got.fields, md.Fields().Len(), md.FullName())
			for i, f := range got.fields {
				require.Equal(t, md.FullName(), f.fd.ContainingMessage().FullName(), "plan of %s served for another type", md.FullName())
				w := want.fields[i]
				require.Equal(t, w.fd.FullName(), f.fd.FullName())
				require.Equal(t, w.scalar, f.scalar, f.fd.FullName())
				require.Equal(t, w.reaches, f.reaches, f.fd.FullName())
				if f.fd.Kind() == protoreflect.MessageKind && !f.fd.IsMap() && naiveReaches(cached, f.fd.Message(), 8) {
					require.True(t, f.reaches, "%s holds an address or an Any but is skipped", f.fd.FullName())
				}
			}
		}
	}
}

// A checked type is never remembered as "fine": the same type passes with
// canonical addresses and fails with a non-canonical one right after.
func TestCanonicalCheckNotCachedPerType(t *testing.T) {
	SetConfig()
	c := NewCanonicalAddresses()
	a := sdk.AccAddress(strings.Repeat("a", 20))
	for i := 0; i < 3; i++ {
		ok := banktypes.NewMsgSend(a, a, nil)
		require.NoError(t, c.CheckMsgs([]sdk.Msg{ok}))
		bad := banktypes.NewMsgSend(a, a, nil)
		bad.ToAddress = strings.ToUpper(bad.ToAddress)
		require.ErrorContains(t, c.CheckMsgs([]sdk.Msg{bad}), "MsgSend.to_address")
		obs := &nstypes.MsgSubmitAttestation{Signer: a.String(), Cycle: 1,
			Observations: []nstypes.Observation{{Operator: a.String()}, {Operator: strings.ToUpper(a.String())}}}
		require.ErrorContains(t, c.CheckMsgs([]sdk.Msg{obs}), "observations[1].operator")
	}
}

// The check accepts a lower-case string without re-encoding it: bech32 is
// one-to-one on lower-case strings. Random byte lengths and random one-letter
// changes of valid strings: whenever one decodes, re-encoding gives it back.
func TestBech32LowerCaseRoundTrip(t *testing.T) {
	SetConfig()
	c := NewCanonicalAddresses()
	r := rand.New(rand.NewSource(7))
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	decoded := 0
	for i := 0; i < 20000; i++ {
		bz := make([]byte, 1+r.Intn(64))
		r.Read(bz)
		s, err := bech32.ConvertAndEncode(Bech32Prefix, bz)
		require.NoError(t, err)
		if i%2 == 1 { // a change that the checksum may or may not catch
			j := len(Bech32Prefix) + 1 + r.Intn(len(s)-len(Bech32Prefix)-1)
			s = s[:j] + string(charset[r.Intn(32)]) + s[j+1:]
		}
		hrp, raw, err := bech32.DecodeAndConvert(s)
		if err != nil {
			require.Error(t, c.CheckAddress("p", s, scalarAccount))
			continue
		}
		decoded++
		again, err := bech32.ConvertAndEncode(hrp, raw)
		require.NoError(t, err)
		require.Equal(t, s, again)
		require.NoError(t, c.CheckAddress("p", s, scalarAccount))
	}
	require.Greater(t, decoded, 10000)
}
