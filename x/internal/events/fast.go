package events

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/jsonpb"
	"github.com/cosmos/gogoproto/proto"
	gogotypes "github.com/cosmos/gogoproto/types"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// sdk.TypedEventToEvent marshals an event to proto3 JSON (gogoproto jsonpb,
// original field names, defaults emitted), parses that JSON back into a map
// and makes one attribute per key, sorted, whose value is the key's raw JSON.
// For an event made only of the field types below, the plan of its Go type
// writes those same attribute values directly:
//
//	string            the encoding/json string (jsonpb defers to it)
//	bool, (u)int32    the JSON literal
//	(u)int64          the decimal in quotes
//	enum              the value's name in quotes, or its number when unnamed
//	time.Time         RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits
//	                  (a stdtime, non-nullable Timestamp)
//
// Any other field (messages, lists, bytes, maps, pointers, custom types,
// oneofs, floats) and any type with its own JSON marshaling gets no plan: such
// an event goes through the SDK. A plan is a pure function of the Go type, so
// the plans are kept for the life of the process. fast_test.go checks every
// event type of the modules against sdk.TypedEventToEvent.

type fieldKind int

const (
	kindString fieldKind = iota
	kindBool
	kindInt32
	kindUint32
	kindInt64
	kindUint64
	kindEnum
	kindTime
)

type planField struct {
	name  string
	index int
	kind  fieldKind
}

type plan struct {
	ok     bool
	typ    string
	fields []planField // sorted by name
}

var (
	plans      sync.Map // reflect.Type (pointer to struct) -> *plan
	timeType   = reflect.TypeOf(time.Time{})
	stringerT  = reflect.TypeOf((*fmt.Stringer)(nil)).Elem()
	jsonMarshT = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	jsonpbT    = reflect.TypeOf((*jsonpb.JSONPBMarshaler)(nil)).Elem()
	unpackT    = reflect.TypeOf((*codectypes.UnpackInterfacesMessage)(nil)).Elem()
	wktT       = reflect.TypeOf((*interface{ XXX_WellKnownType() string })(nil)).Elem()
)

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	p := buildPlan(t)
	plans.Store(t, p)
	return p
}

// buildPlan makes the plan of t, a pointer to a generated event struct.
func buildPlan(t reflect.Type) *plan {
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return &plan{}
	}
	if t.Implements(jsonpbT) || t.Implements(jsonMarshT) || t.Implements(unpackT) || t.Implements(wktT) {
		return &plan{}
	}
	zero, ok := reflect.New(t.Elem()).Interface().(proto.Message)
	if !ok || len(proto.RegisteredExtensions(zero)) > 0 {
		return &plan{}
	}
	p := &plan{ok: true, typ: proto.MessageName(zero)}
	st := t.Elem()
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if strings.HasPrefix(f.Name, "XXX_") {
			continue
		}
		if f.Tag.Get("protobuf_oneof") != "" {
			return &plan{}
		}
		tag := f.Tag.Get("protobuf")
		if tag == "" {
			continue
		}
		var prop proto.Properties
		prop.Init(f.Type, f.Name, tag, &f)
		pf := planField{name: prop.OrigName, index: i}
		switch {
		case prop.Enum != "":
			if f.Type.Kind() != reflect.Int32 || !f.Type.Implements(stringerT) || f.Type.Implements(jsonMarshT) ||
				reflect.PointerTo(f.Type).Implements(jsonMarshT) {
				return &plan{}
			}
			pf.kind = kindEnum
		case f.Type == reflect.TypeOf(""):
			pf.kind = kindString
		case f.Type == reflect.TypeOf(false):
			pf.kind = kindBool
		case f.Type == reflect.TypeOf(int32(0)):
			pf.kind = kindInt32
		case f.Type == reflect.TypeOf(uint32(0)):
			pf.kind = kindUint32
		case f.Type == reflect.TypeOf(int64(0)):
			pf.kind = kindInt64
		case f.Type == reflect.TypeOf(uint64(0)):
			pf.kind = kindUint64
		case f.Type == timeType:
			pf.kind = kindTime
		default:
			return &plan{}
		}
		p.fields = append(p.fields, pf)
	}
	sort.Slice(p.fields, func(a, b int) bool { return p.fields[a].name < p.fields[b].name })
	return p
}

// fastEvent builds the event of ev by its type's plan; false when the type
// has none or a value needs the SDK's handling (a timestamp out of range:
// the SDK then returns its error).
func fastEvent(ev proto.Message) (sdk.Event, bool) {
	v := reflect.ValueOf(ev)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return sdk.Event{}, false
	}
	p := planOf(v.Type())
	if !p.ok {
		return sdk.Event{}, false
	}
	s := v.Elem()
	attrs := make([]abci.EventAttribute, len(p.fields))
	for i, f := range p.fields {
		fv := s.Field(f.index)
		var val string
		switch f.kind {
		case kindString:
			val = jsonString(fv.String())
		case kindBool:
			val = strconv.FormatBool(fv.Bool())
		case kindInt32:
			val = strconv.FormatInt(fv.Int(), 10)
		case kindUint32:
			val = strconv.FormatUint(fv.Uint(), 10)
		case kindInt64:
			val = `"` + strconv.FormatInt(fv.Int(), 10) + `"`
		case kindUint64:
			val = `"` + strconv.FormatUint(fv.Uint(), 10) + `"`
		case kindEnum:
			name := fv.Interface().(fmt.Stringer).String()
			if num := strconv.Itoa(int(fv.Int())); name == num {
				val = name
			} else {
				val = `"` + name + `"`
			}
		case kindTime:
			t, ok := jsonTime(fv.Interface().(time.Time))
			if !ok {
				return sdk.Event{}, false
			}
			val = t
		}
		attrs[i] = abci.EventAttribute{Key: f.name, Value: val}
	}
	return sdk.Event{Type: p.typ, Attributes: attrs}, true
}

// jsonString is json.Marshal(s): printable ASCII other than the characters
// encoding/json escapes is quoted as it is; anything else goes to json.
func jsonString(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, err := json.Marshal(s)
			if err != nil { // cannot happen for a string
				panic(err)
			}
			return string(b)
		}
	}
	return `"` + s + `"`
}

// jsonTime is jsonpb's Timestamp: false when the time is outside the range a
// Timestamp can hold (jsonpb fails there).
func jsonTime(t time.Time) (string, bool) {
	ts, err := gogotypes.TimestampProto(t)
	if err != nil || ts.Nanos < 0 || ts.Nanos >= 1e9 {
		return "", false
	}
	x := time.Unix(ts.Seconds, int64(ts.Nanos)).UTC().Format("2006-01-02T15:04:05.000000000")
	x = strings.TrimSuffix(x, "000")
	x = strings.TrimSuffix(x, "000")
	x = strings.TrimSuffix(x, ".000")
	return `"` + x + `Z"`, true
}
