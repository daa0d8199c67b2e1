package wallet

import (
	"reflect"
	"strings"
	"testing"
	"time"

	aminoapi "cosmossdk.io/api/amino"
	sdkmath "cosmossdk.io/math"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing/aminojson"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// TestAminoNamesRegistered checks every Msg of the three modules: its proto
// carries an amino.name (what the chain's amino-json sign mode, x/tx, signs
// over) of at most 39 characters, the legacy amino codec registers the same name, and a populated
// message encodes to the same amino JSON both ways and decodes back to
// itself.
func TestAminoNamesRegistered(t *testing.T) {
	app.SetConfig()
	cdc := codec.NewLegacyAmino()
	nstypes.RegisterLegacyAminoCodec(cdc)
	rewardstypes.RegisterLegacyAminoCodec(cdc)
	treasurytypes.RegisterLegacyAminoCodec(cdc)
	// The descriptors the app signs with (its interface registry's signing
	// context), not gogoproto's: they must know the fields of imported messages.
	files := app.MakeEncodingConfig().InterfaceRegistry.SigningContext().FileResolver()
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: files})

	for _, typeURL := range chainMsgTypeURLs(t) {
		name := strings.TrimPrefix(typeURL, "/")
		t.Run(name, func(t *testing.T) {
			d, err := files.FindDescriptorByName(protoreflect.FullName(name))
			require.NoError(t, err)
			desc := d.(protoreflect.MessageDescriptor)
			aminoName, _ := proto.GetExtension(desc.Options(), aminoapi.E_Name).(string)
			require.NotEmpty(t, aminoName, "%s has no (amino.name) option", name)
			require.LessOrEqual(t, len(aminoName), 39, "amino name %s is too long for a Ledger Nano", aminoName)

			typ := gogoproto.MessageType(name)
			require.NotNil(t, typ, "%s is not a registered Go type", name)
			msg := reflect.New(typ.Elem()).Interface().(gogoproto.Message)
			fill(reflect.ValueOf(msg).Elem())

			legacy, err := cdc.MarshalJSON(msg)
			require.NoError(t, err, "legacy amino: %s is not registered", name)
			require.Contains(t, string(legacy), `"type":"`+aminoName+`"`, "legacy amino name of %s", name)

			// x/tx, the chain's amino-json signer, on the same message.
			bz, err := gogoproto.Marshal(msg)
			require.NoError(t, err)
			dyn := dynamicpb.NewMessage(desc)
			require.NoError(t, proto.Unmarshal(bz, dyn))
			signed, err := enc.Marshal(dyn)
			require.NoError(t, err)
			require.JSONEq(t, string(sdk.MustSortJSON(legacy)), string(signed), "amino JSON of %s: legacy amino vs x/tx", name)

			back := reflect.New(typ.Elem()).Interface().(gogoproto.Message)
			require.NoError(t, cdc.UnmarshalJSON(legacy, back))
			require.Equal(t, msg, back, "amino JSON round trip of %s", name)
		})
	}
}

// fill sets every field of a generated message to a non-zero value (one
// element in lists), so no field hides behind omitempty.
func fill(v reflect.Value) {
	switch v.Interface().(type) {
	case sdkmath.Int:
		v.Set(reflect.ValueOf(sdkmath.NewInt(1234567)))
		return
	case sdkmath.LegacyDec:
		v.Set(reflect.ValueOf(sdkmath.LegacyNewDecWithPrec(25, 2)))
		return
	case time.Duration:
		v.Set(reflect.ValueOf(90 * time.Second))
		return
	case time.Time:
		v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("xmtp1" + strings.ToLower(v.Type().Name()) + "value")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint32, reflect.Uint64:
		v.SetUint(3)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes([]byte{1, 2, 3})
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Ptr:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}
