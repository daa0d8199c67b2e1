package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.json")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// The params file of `q rewards simulate` accepts human decimals and
// durations, as plain Params or inside a proposal's messages.
func TestReadParamsFile(t *testing.T) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	params := `{"reward_denom":"uusdc","base_pay":"1000000000","variable_cost_per_unit":"0.5",` +
		`"profit_cap":"1.1","payout_period":"2592000s","base_pay_backstop":true,"record_retention":"63072000s","max_prune_per_block":50}`

	p, err := readParamsFile(cdc, writeFile(t, params))
	require.NoError(t, err)
	require.Equal(t, "1.100000000000000000", p.ProfitCap.String())
	require.Equal(t, "0.500000000000000000", p.VariableCostPerUnit.String())

	proposal := `{"title":"t","messages":[{"@type":"/cosmos.bank.v1beta1.MsgSend"},` +
		`{"@type":"/xmtp.rewards.v1.MsgUpdateParams","authority":"xmtp1x","params":` + params + `}]}`
	p, err = readParamsFile(cdc, writeFile(t, proposal))
	require.NoError(t, err)
	require.Equal(t, "1.100000000000000000", p.ProfitCap.String())

	_, err = readParamsFile(cdc, writeFile(t, `{"messages":[{"@type":"/cosmos.bank.v1beta1.MsgSend"}]}`))
	require.ErrorContains(t, err, "no /xmtp.rewards.v1.MsgUpdateParams")
}
