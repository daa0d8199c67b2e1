package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// TestGenesisAddOperator drives the network-launch tooling: init, a genesis
// account, `genesis add-operator` (NFT minted, record added, stake escrowed)
// and validate-genesis; bad input names the field and changes nothing.
func TestGenesisAddOperator(t *testing.T) {
	bin := testchain.Binary(t)
	home := t.TempDir()
	run := func(args ...string) (string, error) {
		out, err := exec.Command(bin, append(args, "--home", home)...).CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) string {
		out, err := run(args...)
		require.NoError(t, err, "xmtpd %s: %s", strings.Join(args, " "), out)
		return out
	}
	must("init", "launch", "--chain-id", "xmtp-launch-1")
	must("keys", "add", "carol", "--keyring-backend", "test")
	must("genesis", "add-genesis-account", "carol", "1000000000000uxmtp", "--keyring-backend", "test")
	genFile := filepath.Join(home, "config", "genesis.json")
	before, err := os.ReadFile(genFile)
	require.NoError(t, err)

	// Bad input: below min_stake, wrong denom, unknown key → error, genesis untouched.
	out, err := run("genesis", "add-operator", "carol", "5uxmtp", "--endpoint", "https://c.example.com", "--region", "DE", "--keyring-backend", "test")
	require.Error(t, err)
	require.Contains(t, out, "min_stake")
	out, err = run("genesis", "add-operator", "carol", "100000000000uusdc", "--endpoint", "https://c.example.com", "--region", "DE", "--keyring-backend", "test")
	require.Error(t, err)
	require.Contains(t, out, "bond denom")
	after, err := os.ReadFile(genFile)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after))

	out = must("genesis", "add-operator", "carol", "150000000000uxmtp", "--endpoint", "https://c.example.com:5050", "--region", "SK", "--keyring-backend", "test")
	require.Contains(t, out, "op-1")
	must("genesis", "validate")

	var gen struct {
		AppState struct {
			Nodeselection struct {
				Operators []struct {
					NftID string `json:"nft_id"`
					Stake string `json:"stake"`
				} `json:"operators"`
			} `json:"nodeselection"`
			NFT struct {
				Entries []struct {
					Nfts []struct {
						ID string `json:"id"`
					} `json:"nfts"`
				} `json:"entries"`
			} `json:"nft"`
		} `json:"app_state"`
	}
	bz, err := os.ReadFile(genFile)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, &gen))
	require.Len(t, gen.AppState.Nodeselection.Operators, 1)
	require.Equal(t, "150000000000", gen.AppState.Nodeselection.Operators[0].Stake)
	require.Equal(t, "op-1", gen.AppState.NFT.Entries[0].Nfts[0].ID)

	// A second registration of the same owner is refused.
	out, err = run("genesis", "add-operator", "carol", "150000000000uxmtp", "--endpoint", "https://c.example.com", "--region", "SK", "--keyring-backend", "test")
	require.Error(t, err)
	require.Contains(t, out, "already in genesis")

	// A second operator: its stake is added to the escrow's one balance entry.
	must("keys", "add", "dave", "--keyring-backend", "test")
	must("genesis", "add-genesis-account", "dave", "1000000000000uxmtp", "--keyring-backend", "test")
	out = must("genesis", "add-operator", "dave", "200000000000uxmtp", "--endpoint", "https://d.example.com", "--region", "DE", "--keyring-backend", "test")
	require.Contains(t, out, "op-2")
	must("genesis", "validate")
	var bank struct {
		AppState struct {
			Bank struct {
				Balances []struct {
					Address string `json:"address"`
					Coins   []struct {
						Denom  string `json:"denom"`
						Amount string `json:"amount"`
					} `json:"coins"`
				} `json:"balances"`
			} `json:"bank"`
		} `json:"app_state"`
	}
	bz, err = os.ReadFile(genFile)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(bz, &bank))
	const escrow = "xmtp1hrrf2wr3dv00dzs9przdtgvw0rvqvc0hs5egse" // the nodeselection module account
	var escrowAmounts []string
	for _, b := range bank.AppState.Bank.Balances {
		if b.Address == escrow {
			for _, c := range b.Coins {
				escrowAmounts = append(escrowAmounts, c.Amount+c.Denom)
			}
		}
	}
	require.Equal(t, []string{"350000000000uxmtp"}, escrowAmounts, "one entry holding 150000000000 + 200000000000")

	// A genesis whose escrow disagrees with the stakes is refused, naming the field.
	tampered := strings.Replace(string(bz), `"350000000000"`, `"150000000000"`, 1)
	require.NotEqual(t, string(bz), tampered)
	require.NoError(t, os.WriteFile(genFile, []byte(tampered), 0o644))
	out, err = run("genesis", "validate")
	require.Error(t, err)
	require.Contains(t, out, "app_state.bank.balances: the nodeselection escrow "+escrow+" holds 150000000000uxmtp")
}
