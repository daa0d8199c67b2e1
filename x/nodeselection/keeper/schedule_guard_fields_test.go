package keeper

import (
	"reflect"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Every field of an operator record, changed alone: when keepsSchedule keeps
// the stored schedule, the rotation's answer for the record (eligible or not,
// and which NFT it looks up) is the same at every time and under either
// require_node_key. The fields are found by reflection, so a field added to
// the record and read by the eligibility rule fails here until keepsSchedule
// compares it; a field of a type this test cannot change fails it too.
func TestKeepsScheduleOnlyWhenRotationInputsAreEqual(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	minStake := math.NewInt(1_000)
	base := types.Operator{
		Owner: "xmtp1owner", NftId: "op-1", Signer: "xmtp1signer", Stake: math.NewInt(5_000),
		Endpoint: "https://a.example.com", Region: "EU", PayoutAddress: "xmtp1pay",
		Status: types.OPERATOR_STATUS_ELIGIBLE, RegisteredAt: now.Add(-48 * time.Hour), EligibleAt: now.Add(-24 * time.Hour),
		QueueSeq: 7, Credit: math.LegacyOneDec(), JailedUntil: now, PendingSigner: "xmtp1next", Moniker: "a",
		SigningPublicKey: []byte{2, 1}, PendingSigningPublicKey: []byte{3, 1},
	}
	// each value a field can take in the test: the base's and changed ones
	changes := func(f reflect.Value) []reflect.Value {
		switch v := f.Interface().(type) {
		case string:
			return []reflect.Value{reflect.ValueOf(v + "x"), reflect.ValueOf("")}
		case []byte:
			return []reflect.Value{reflect.ValueOf([]byte(nil)), reflect.ValueOf(append([]byte{9}, v...))}
		case time.Time:
			return []reflect.Value{reflect.ValueOf(v.Add(1000 * time.Hour)), reflect.ValueOf(v.Add(-1000 * time.Hour))}
		case math.Int:
			return []reflect.Value{reflect.ValueOf(v.AddRaw(1)), reflect.ValueOf(minStake.SubRaw(1)), reflect.ValueOf(minStake)}
		case math.LegacyDec:
			return []reflect.Value{reflect.ValueOf(v.QuoInt64(2)), reflect.ValueOf(math.LegacyZeroDec())}
		case types.OperatorStatus:
			var out []reflect.Value
			for s := range types.OperatorStatus_name {
				out = append(out, reflect.ValueOf(types.OperatorStatus(s)))
			}
			return out
		case uint64:
			return []reflect.Value{reflect.ValueOf(v + 1)}
		case types.PenaltyState:
			v.Violations++
			return []reflect.Value{reflect.ValueOf(v)}
		}
		t.Fatalf("field type %s: teach this test to change it", f.Type())
		return nil
	}
	answer := func(op types.Operator) []any {
		var out []any
		for _, req := range []bool{false, true} {
			p := types.DefaultParams()
			p.MinStake, p.RequireNodeKey = minStake, req
			for _, at := range []time.Duration{-2000 * time.Hour, 0, 2000 * time.Hour} {
				out = append(out, types.EligibleIgnoringNFT(op, now.Add(at), p))
			}
		}
		return append(out, op.NftId, op.Owner)
	}

	typ := reflect.TypeOf(base)
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		if !typ.Field(i).IsExported() {
			continue
		}
		for _, val := range changes(reflect.ValueOf(base).Field(i)) {
			changed := base
			reflect.ValueOf(&changed).Elem().Field(i).Set(val)
			keep, err := keepsSchedule(base, true, changed, func() (math.Int, error) { return minStake, nil })
			require.NoError(t, err)
			if keep {
				require.Equal(t, answer(base), answer(changed), "%s = %v keeps the schedule but changes the rotation's answer", name, val)
			}
		}
	}
	keep, err := keepsSchedule(types.Operator{}, false, base, nil)
	require.NoError(t, err)
	require.False(t, keep, "a new record")
}
