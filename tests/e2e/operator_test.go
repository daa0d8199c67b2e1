package e2e

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

type member struct {
	Owner string `json:"owner"`
}

type activeSet struct {
	Cycle   string   `json:"cycle"`
	Current []member `json:"current"`
	Next    []member `json:"next"`
}

func (a activeSet) has(addr string) (current, next bool) {
	for _, m := range a.Current {
		current = current || m.Owner == addr
	}
	for _, m := range a.Next {
		next = next || m.Owner == addr
	}
	return
}

// TestOperatorLifecycle drives the real binary: the admin issues an NFT with
// the CLI, a new operator registers with the CLI, waits its waiting period,
// is announced in `next`, serves in `current`, shows in the schedule, cannot
// transfer its NFT, and deregisters into unbonding.
func TestOperatorLifecycle(t *testing.T) {
	// ARRANGE: 3 demo operators (fewer than the 10 seats), 10s cycles and waiting period.
	c := startChain(t, "--operators", "3", "--cycle-duration", "10s", "--waiting-period", "10s")
	c.run("keys", "add", "newop", "--keyring-backend", "test")
	newop := c.keyAddress("newop")
	c.tx("admin", "bank", "send", "admin", newop, "150000000000uxmtp")

	// ACT: the admin (consensus authority) mints the next NFT without a proposal.
	c.tx("admin", "nodeselection", "issue-operator-nft", newop, "--no-proposal")

	// ASSERT: the holder may not move it (ante guard), the registration works.
	_, err := c.tryTx("newop", "nft", "send", "xmtp-node-operator", "op-4", c.keyAddress("payer"))
	require.Error(t, err)
	require.Contains(t, err.Error(), "non-transferable")

	_, err = c.tryTx("newop", "nodeselection", "register-operator", "op-4", "100000000000uxmtp",
		"https://newop.example.com:5050", "XX")
	require.Error(t, err, "region XX must be refused")
	require.Contains(t, err.Error(), "XX")

	_, err = c.tryTx("newop", "nodeselection", "register-operator", "op-4", "5uxmtp",
		"https://newop.example.com:5050", "SK")
	require.Error(t, err, "stake below min_stake must be refused")
	require.Contains(t, err.Error(), "min_stake")

	// The localnet requires node keys (require_node_key): register with one.
	key, proof, err := nstypes.SignNodeKeyProof(secp256k1.GenPrivKey(), "xmtp-localnet-1", newop, 400)
	require.NoError(t, err)
	c.tx("newop", "nodeselection", "register-operator", "op-4", "100000000000uxmtp",
		"https://newop.example.com:5050", "SK", "--moniker", "newop-sk",
		"--signing-public-key", hex.EncodeToString(key), "--key-proof", hex.EncodeToString(proof))

	var op struct {
		Operator struct {
			Owner  string `json:"owner"`
			NftID  string `json:"nft_id"`
			Status string `json:"status"`
			Region string `json:"region"`
		} `json:"operator"`
	}
	c.queryJSON(&op, "nodeselection", "operator", newop)
	require.Equal(t, "op-4", op.Operator.NftID)
	require.Equal(t, "SK", op.Operator.Region)
	require.Contains(t, []string{"OPERATOR_STATUS_WAITING", "OPERATOR_STATUS_ELIGIBLE"}, op.Operator.Status)

	// The waiting period passes, a boundary announces it in next, the next one seats it.
	var set activeSet
	c.waitFor("the new operator to be announced or seated", 90, func() bool {
		c.queryJSON(&set, "nodeselection", "active-set")
		cur, next := set.has(newop)
		return cur || next
	})
	c.waitFor("the new operator to serve", 60, func() bool {
		c.queryJSON(&set, "nodeselection", "active-set")
		cur, _ := set.has(newop)
		return cur
	})
	c.queryJSON(&op, "nodeselection", "operator", newop)
	require.Equal(t, "OPERATOR_STATUS_ACTIVE", op.Operator.Status)

	var sched struct {
		Cycles []struct {
			Cycle   string   `json:"cycle"`
			Members []string `json:"members"`
		} `json:"cycles"`
	}
	c.queryJSON(&sched, "nodeselection", "schedule", "3")
	require.Len(t, sched.Cycles, 3)
	for _, cy := range sched.Cycles {
		require.Contains(t, cy.Members, newop, "with 4 operators and 10 seats everyone serves every cycle")
		require.Len(t, cy.Members, 4)
	}

	// Deregister: the operator leaves the queue, its bond unbonds.
	c.tx("newop", "nodeselection", "deregister-operator")
	c.queryJSON(&op, "nodeselection", "operator", newop)
	require.Equal(t, "OPERATOR_STATUS_LEAVING", op.Operator.Status)
	out := c.run("query", "nodeselection", "unbondings", newop, "-o", "json")
	require.True(t, strings.Contains(out, "100000000000"), out)
	c.waitFor("the leaving operator to drop out of the active set", 60, func() bool {
		c.queryJSON(&set, "nodeselection", "active-set")
		cur, next := set.has(newop)
		return !cur && !next
	})
}
