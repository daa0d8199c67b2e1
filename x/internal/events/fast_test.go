package events

import (
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// eventTypes is every Event* message of the xmtpd modules.
func eventTypes(t *testing.T) []reflect.Type {
	_ = nstypes.EventOperatorRegistered{}
	_ = rewardstypes.EventPoolFunded{}
	_ = treasurytypes.EventBurn{}
	var out []reflect.Type
	proto.HybridResolver.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(string(fd.Package()), "xmtp.") {
			return true
		}
		msgs := fd.Messages()
		for i := 0; i < msgs.Len(); i++ {
			name := string(msgs.Get(i).FullName())
			if !strings.HasPrefix(string(msgs.Get(i).Name()), "Event") {
				continue
			}
			typ := proto.MessageType(name)
			require.NotNil(t, typ, name)
			out = append(out, typ)
		}
		return true
	})
	require.NotEmpty(t, out)
	return out
}

var strs = []string{
	"", "xmtp1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrujsuw", "op-17", "100000uxmtp", "<b>&amp;</b>", `quote " and \ backslash`,
	"tab\tnew\nline\x00\x1f", "\x7f del", "é 日本 🚀", "\xff\xfe invalid utf-8", "line\u2028sep\u2029", "https://n.example.org:443/a?b=c&d=e",
}

func fill(r *rand.Rand, v reflect.Value, prop func(i int) bool) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Type() == timeType:
			var tm time.Time
			switch r.Intn(6) {
			case 0: // the zero time
			case 1: // out of a Timestamp's range: both paths must fail or fall back
				tm = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			default:
				ns := []int64{0, 1_000_000 * r.Int63n(1000), 1000 * r.Int63n(1_000_000), r.Int63n(1e9)}[r.Intn(4)]
				tm = time.Unix(r.Int63n(253402300799), ns).In(time.FixedZone("x", 3600*(r.Intn(25)-12)))
			}
			f.Set(reflect.ValueOf(tm))
		case f.Kind() == reflect.String:
			f.SetString(strs[r.Intn(len(strs))])
		case f.Kind() == reflect.Bool:
			f.SetBool(r.Intn(2) == 1)
		case f.Kind() == reflect.Int32:
			if prop(i) { // enum: named and unnamed values
				f.SetInt(int64(r.Intn(12) - 2))
			} else {
				f.SetInt([]int64{0, -1, math.MaxInt32, math.MinInt32, r.Int63n(1000)}[r.Intn(5)])
			}
		case f.Kind() == reflect.Int64:
			f.SetInt([]int64{0, -1, math.MaxInt64, math.MinInt64, r.Int63()}[r.Intn(5)])
		case f.Kind() == reflect.Uint32:
			f.SetUint([]uint64{0, math.MaxUint32, uint64(r.Int63n(1000))}[r.Intn(3)])
		case f.Kind() == reflect.Uint64:
			f.SetUint([]uint64{0, math.MaxUint64, uint64(r.Int63())}[r.Intn(3)])
		}
	}
}

// TestFastEventMatchesSDK: for every event type of the modules and many
// values, the plan's event equals sdk.TypedEventToEvent's (or the SDK fails
// where the plan falls back), and Emit emits what EmitTypedEvent would.
func TestFastEventMatchesSDK(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	planned := map[string]bool{}
	for _, typ := range eventTypes(t) {
		st := typ.Elem()
		isEnum := func(i int) bool {
			var prop proto.Properties
			f := st.Field(i)
			prop.Init(f.Type, f.Name, f.Tag.Get("protobuf"), &f)
			return prop.Enum != ""
		}
		for n := 0; n < 300; n++ {
			v := reflect.New(st)
			if n > 0 {
				fill(r, v.Elem(), isEnum)
			}
			ev := v.Interface().(proto.Message)
			want, wantErr := sdk.TypedEventToEvent(ev)
			got, ok := fastEvent(ev)
			if !ok {
				continue
			}
			planned[proto.MessageName(ev)] = true
			require.NoError(t, wantErr, "%T: the plan built an event the SDK fails on", ev)
			require.Equal(t, want, got, "%T %+v", ev, ev)

			ctx := sdk.Context{}.WithEventManager(sdk.NewEventManager())
			require.NoError(t, Emit(ctx, ev))
			require.Equal(t, sdk.Events{want}, ctx.EventManager().Events())
		}
	}
	// the plans cover the events of the operator transactions
	for _, name := range []string{"xmtp.nodeselection.v1.EventOperatorRegistered", "xmtp.nodeselection.v1.EventOperatorStaked",
		"xmtp.nodeselection.v1.EventOperatorUpdated", "xmtp.nodeselection.v1.EventNodeAddressChanged", "xmtp.rewards.v1.EventPoolFunded"} {
		require.True(t, planned[name], "no plan for %s", name)
	}
	t.Logf("%d event types built by a plan", len(planned))
}

// TestFastEventFallsBack: an event the plans do not cover (a nested message
// or list) is emitted by the SDK, unchanged.
func TestFastEventFallsBack(t *testing.T) {
	ev := &treasurytypes.EventParamsUpdated{}
	_, ok := fastEvent(ev)
	require.False(t, ok)
	want, err := sdk.TypedEventToEvent(ev)
	require.NoError(t, err)
	ctx := sdk.Context{}.WithEventManager(sdk.NewEventManager())
	require.NoError(t, Emit(ctx, ev))
	require.Equal(t, sdk.Events{want}, ctx.EventManager().Events())
}

// TestPlanIsPureOfType: the kept plan equals one built again.
func TestPlanIsPureOfType(t *testing.T) {
	for _, typ := range eventTypes(t) {
		require.Equal(t, buildPlan(typ), planOf(typ))
		require.Equal(t, buildPlan(typ), planOf(typ))
	}
}
