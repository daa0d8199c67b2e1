package cmd

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/xmtp/xmtpd-chain/app"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// runXmtpd runs the full root command with args, as the binary does.
func runXmtpd(t *testing.T, args ...string) error {
	t.Helper()
	root := NewRootCmd()
	root.SetArgs(args)
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	return svrcmd.Execute(root, "XMTPD", t.TempDir())
}

// nodeselectionGenesis reads the x/nodeselection genesis of a home.
func nodeselectionGenesis(t *testing.T, home string) nstypes.GenesisState {
	t.Helper()
	appState, _, err := genutiltypes.GenesisStateFromGenFile(filepath.Join(home, "config", "genesis.json"))
	require.NoError(t, err)
	var gs nstypes.GenesisState
	require.NoError(t, app.MakeEncodingConfig().Codec.UnmarshalJSON(appState[nstypes.ModuleName], &gs))
	return gs
}

// The localnet's demo operators each get an XMTP node signing key, saved in
// the home as a 0600 hex file, whose public key is the one in genesis, and a
// unique moniker; the localnet requires node keys.
func TestLocalnetDemoOperatorsHaveNodeKeysAndMonikers(t *testing.T) {
	// ARRANGE / ACT
	home := t.TempDir()
	const n = 14 // more than the city list: monikers stay unique
	require.NoError(t, runXmtpd(t, "testnet", "localnet", "--home", home, "--operators", fmt.Sprint(n)))

	// ASSERT
	gs := nodeselectionGenesis(t, home)
	require.True(t, gs.Params.RequireNodeKey, "require_node_key in the localnet genesis")
	require.Len(t, gs.Operators, n)
	monikers := map[string]bool{}
	keys := map[string]bool{}
	for _, op := range gs.Operators {
		nodeID, err := nstypes.NodeIDFromNFT(op.NftId)
		require.NoError(t, err)
		i := nodeID / nstypes.NodeIDStep
		require.NotEmpty(t, op.Moniker, "moniker of %s", op.NftId)
		require.LessOrEqual(t, len(op.Moniker), 64)
		require.False(t, monikers[op.Moniker], "moniker %q given twice", op.Moniker)
		monikers[op.Moniker] = true
		require.NoError(t, nstypes.ValidateNodeKey(op.SigningPublicKey), "key of %s", op.NftId)
		require.False(t, keys[string(op.SigningPublicKey)], "key of %s given twice", op.NftId)
		keys[string(op.SigningPublicKey)] = true
		require.Empty(t, op.PendingSigningPublicKey)

		file := filepath.Join(home, "operators", fmt.Sprintf("op%d", i), "node_key.hex")
		st, err := os.Stat(file)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "mode of %s", file)
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		priv, err := hex.DecodeString(strings.TrimSpace(string(raw)))
		require.NoError(t, err)
		require.Len(t, priv, 32)
		require.Equal(t, (&secp256k1.PrivKey{Key: priv}).PubKey().Bytes(), op.SigningPublicKey,
			"the key file of op%d holds the private key of its genesis key", i)
	}
}

// genesis add-operator writes the moniker and the node key given, and
// refuses a malformed key without touching genesis.
func TestGenesisAddOperatorNodeKeyAndMoniker(t *testing.T) {
	// ARRANGE: a localnet without operators and one fresh key.
	home := t.TempDir()
	require.NoError(t, runXmtpd(t, "testnet", "localnet", "--home", home, "--operators", "0"))
	priv := secp256k1.GenPrivKey()
	key := hex.EncodeToString(priv.PubKey().Bytes())
	genesis := filepath.Join(home, "config", "genesis.json")
	before, err := os.ReadFile(genesis)
	require.NoError(t, err)

	// ACT / ASSERT: a key one byte short is refused, genesis unchanged.
	err = runXmtpd(t, "genesis", "add-operator", "payer", "100000000000uxmtp", "--home", home, "--keyring-backend", "test",
		"--endpoint", "https://n1.example.org", "--region", "SK", "--moniker", "tatra-1", "--signing-public-key", key[:64])
	require.ErrorContains(t, err, "signing-public-key")
	after, err := os.ReadFile(genesis)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after))

	// ACT: a good key.
	require.NoError(t, runXmtpd(t, "genesis", "add-operator", "payer", "100000000000uxmtp", "--home", home, "--keyring-backend", "test",
		"--endpoint", "https://n1.example.org", "--region", "SK", "--moniker", "tatra-1", "--signing-public-key", key))

	// ASSERT
	gs := nodeselectionGenesis(t, home)
	require.Len(t, gs.Operators, 1)
	require.Equal(t, "tatra-1", gs.Operators[0].Moniker)
	require.Equal(t, priv.PubKey().Bytes(), gs.Operators[0].SigningPublicKey)

	// ACT / ASSERT: a second operator with the same moniker (other case) is refused.
	withOne, err := os.ReadFile(genesis)
	require.NoError(t, err)
	err = runXmtpd(t, "genesis", "add-operator", "admin", "100000000000uxmtp", "--home", home, "--keyring-backend", "test",
		"--endpoint", "https://n2.example.org", "--region", "DE", "--moniker", "Tatra-1")
	require.ErrorContains(t, err, "moniker")
	after, err = os.ReadFile(genesis)
	require.NoError(t, err)
	require.Equal(t, string(withOne), string(after))
}
