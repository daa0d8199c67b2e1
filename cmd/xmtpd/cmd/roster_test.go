package cmd

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The roster names every operator by node id and moniker beside its owner,
// marks the current and next sets, shows the node key in short form and an
// announced rotation, in node id order.
func TestRosterTableNamesOperators(t *testing.T) {
	// ARRANGE: op-3 serving with a rotation announced, op-12 announced next, op-1 waiting without key.
	k3, k3next, k12 := secp256k1.GenPrivKey().PubKey().Bytes(), secp256k1.GenPrivKey().PubKey().Bytes(), secp256k1.GenPrivKey().PubKey().Bytes()
	ops := []nstypes.Operator{
		{Owner: "xmtp1twelve", NftId: "op-12", Moniker: "london-12", SigningPublicKey: k12, Status: nstypes.OPERATOR_STATUS_ELIGIBLE},
		{Owner: "xmtp1three", NftId: "op-3", Moniker: "singapore-3", SigningPublicKey: k3, PendingSigningPublicKey: k3next,
			EffectiveCycle: 9, Status: nstypes.OPERATOR_STATUS_ACTIVE},
		{Owner: "xmtp1one", NftId: "op-1", Status: nstypes.OPERATOR_STATUS_WAITING},
	}
	as := &nstypes.QueryActiveSetResponse{Cycle: 7, Current: []nstypes.Member{{Owner: "xmtp1three"}},
		Next: []nstypes.Member{{Owner: "xmtp1three"}, {Owner: "xmtp1twelve"}}}
	short := func(k []byte) string { h := hex.EncodeToString(k); return h[:8] + "…" + h[len(h)-6:] }

	// ACT
	var out bytes.Buffer
	require.NoError(t, writeRoster(&out, ops, as, false))

	// ASSERT
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 5, out.String())
	require.Equal(t, []string{"NODE", "MONIKER", "STATUS", "CUR", "NEXT", "KEY", "OWNER"}, strings.Fields(lines[1]))
	require.Equal(t, []string{"100", "-", "WAITING", "-", "-", "-", "xmtp1one"}, strings.Fields(lines[2]))
	require.Equal(t, []string{"300", "singapore-3", "ACTIVE", "yes", "yes", short(k3), "→", short(k3next), "@9", "xmtp1three"}, strings.Fields(lines[3]))
	require.Equal(t, []string{"1200", "london-12", "ELIGIBLE", "-", "yes", short(k12), "xmtp1twelve"}, strings.Fields(lines[4]))

	// ACT / ASSERT: --serving keeps the members of the current and next sets.
	out.Reset()
	require.NoError(t, writeRoster(&out, ops, as, true))
	require.NotContains(t, out.String(), "xmtp1one")
	require.Contains(t, out.String(), "london-12")
	require.Contains(t, out.String(), "singapore-3")
}
