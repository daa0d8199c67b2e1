package wallet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// registryDir holds the chain-registry files of the localnet.
func registryDir(t testing.TB) string {
	return filepath.Join(testchain.RepoRoot(t), "deploy", "chain-registry")
}

// validate runs the JSON schema validator (ajv, pinned in the lockfile) of
// wallet.js on a file and returns its errors.
func validate(t *testing.T, js *jsClient, schema, data string) []string {
	t.Helper()
	var res struct {
		Valid  bool     `json:"valid"`
		Errors []string `json:"errors"`
	}
	require.NoError(t, js.call(map[string]any{"op": "validate", "schema": schema, "data": data}, &res))
	if res.Valid {
		require.Empty(t, res.Errors)
	} else {
		require.NotEmpty(t, res.Errors)
	}
	return res.Errors
}

// TestChainRegistryFiles validates chain.json and assetlist.json against the
// chain-registry schemas and checks that they describe this chain: its
// prefix, bond denom, coin type and the bank metadata its genesis carries.
func TestChainRegistryFiles(t *testing.T) {
	js := startJS(t)
	dir := registryDir(t)
	for _, f := range []string{"chain", "assetlist"} {
		schema := filepath.Join(dir, "schema", f+".schema.json")
		data := filepath.Join(dir, "xmtplocalnet", f+".json")
		require.Empty(t, validate(t, js, schema, data), "%s.json", f)

		// A file missing a required property or carrying an unknown one fails.
		var doc map[string]any
		readJSON(t, data, &doc)
		for _, bad := range []func(map[string]any){
			func(d map[string]any) { delete(d, "chain_name") },
			func(d map[string]any) { d["chain_nmae"] = "typo" },
		} {
			broken := map[string]any{}
			for k, v := range doc {
				broken[k] = v
			}
			bad(broken)
			p := filepath.Join(t.TempDir(), f+".json")
			b, _ := json.Marshal(broken)
			require.NoError(t, os.WriteFile(p, b, 0o644))
			require.NotEmpty(t, validate(t, js, schema, p), "a broken %s.json is rejected", f)
		}
	}

	var chain struct {
		ChainName    string `json:"chain_name"`
		ChainID      string `json:"chain_id"`
		Bech32Prefix string `json:"bech32_prefix"`
		Slip44       uint32 `json:"slip44"`
		Fees         struct {
			FeeTokens []struct {
				Denom string `json:"denom"`
			} `json:"fee_tokens"`
		} `json:"fees"`
		Staking struct {
			StakingTokens []struct {
				Denom string `json:"denom"`
			} `json:"staking_tokens"`
		} `json:"staking"`
	}
	readJSON(t, filepath.Join(dir, "xmtplocalnet", "chain.json"), &chain)
	require.Equal(t, app.Bech32Prefix, chain.Bech32Prefix)
	require.Equal(t, "xmtp-localnet-1", chain.ChainID, "the chain id `xmtpd testnet localnet` writes")
	require.Equal(t, uint32(sdk.CoinType), chain.Slip44)
	require.Equal(t, app.BondDenom, chain.Fees.FeeTokens[0].Denom)
	require.Equal(t, app.BondDenom, chain.Staking.StakingTokens[0].Denom)

	var assets assetList
	readJSON(t, filepath.Join(dir, "xmtplocalnet", "assetlist.json"), &assets)
	require.Equal(t, chain.ChainName, assets.ChainName)
	requireAssetsMatchMetadata(t, assets, metadataFromGenesisDefaults())
}

type assetList struct {
	ChainName string `json:"chain_name"`
	Assets    []struct {
		Base       string `json:"base"`
		Display    string `json:"display"`
		Name       string `json:"name"`
		Symbol     string `json:"symbol"`
		DenomUnits []struct {
			Denom    string `json:"denom"`
			Exponent uint32 `json:"exponent"`
		} `json:"denom_units"`
	} `json:"assets"`
}

// denomMeta is the part of a bank Metadata that wallets read.
type denomMeta struct {
	Base, Display, Name, Symbol string
	Units                       map[string]uint32
}

func metadataFromGenesisDefaults() []denomMeta {
	var out []denomMeta
	for _, m := range app.DenomMetadata() {
		d := denomMeta{Base: m.Base, Display: m.Display, Name: m.Name, Symbol: m.Symbol, Units: map[string]uint32{}}
		for _, u := range m.DenomUnits {
			d.Units[u.Denom] = u.Exponent
		}
		out = append(out, d)
	}
	return out
}

// requireAssetsMatchMetadata checks that the asset list and the bank
// metadata describe the same denoms the same way, so a wallet reading either
// shows 1 XMTP for 1000000uxmtp.
func requireAssetsMatchMetadata(t *testing.T, assets assetList, meta []denomMeta) {
	t.Helper()
	require.Len(t, assets.Assets, len(meta))
	byBase := map[string]denomMeta{}
	for _, m := range meta {
		byBase[m.Base] = m
	}
	for _, a := range assets.Assets {
		m, ok := byBase[a.Base]
		require.True(t, ok, "asset %s has bank metadata", a.Base)
		require.Equal(t, m.Display, a.Display, a.Base)
		require.Equal(t, m.Symbol, a.Symbol, a.Base)
		require.Equal(t, m.Name, a.Name, a.Base)
		units := map[string]uint32{}
		for _, u := range a.DenomUnits {
			units[u.Denom] = u.Exponent
		}
		require.Equal(t, m.Units, units, a.Base)
		require.Equal(t, uint32(0), units[a.Base], "%s: the base unit has exponent 0", a.Base)
		require.Contains(t, units, a.Display, "%s: display is one of the units", a.Base)
	}
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v), path)
}
