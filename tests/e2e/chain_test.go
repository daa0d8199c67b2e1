// Package e2e drives the real xmtpd binary and its CLI against a running
// single-validator chain on loopback ports, started by the shared harness
// (tests/testchain).
package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

// chain is one running localnet node, with short helpers for the tests.
type chain struct {
	*testchain.Node
	t    *testing.T
	bin  string
	home string
}

// startChain writes a localnet home with the given extra flags and starts it.
func startChain(t *testing.T, localnetFlags ...string) *chain {
	t.Helper()
	bin := testchain.Binary(t)
	n := testchain.StartLocalnet(t, bin, localnetFlags...)
	return &chain{Node: n, t: t, bin: bin, home: n.Home}
}

// run runs the CLI against the node and returns stdout; it fails the test on error.
func (c *chain) run(args ...string) string {
	c.t.Helper()
	out, err := c.CLI(args...)
	require.NoError(c.t, err, "xmtpd %s", strings.Join(args, " "))
	return out
}

// queryJSON runs a query with -o json and decodes it into v.
func (c *chain) queryJSON(v any, args ...string) { c.t.Helper(); c.Query(c.t, v, args...) }

// tx broadcasts a transaction from key `from`, waits for it to be committed
// and returns its result; it fails the test if the tx fails.
func (c *chain) tx(from string, args ...string) map[string]any {
	c.t.Helper()
	return c.Tx(c.t, c.home, from, args...)
}

// tryTx is tx that returns the failure instead of failing the test.
func (c *chain) tryTx(from string, args ...string) (map[string]any, error) {
	return c.TryTx(c.home, from, args...)
}

// keyAddress returns the address of a key in the node's test keyring.
func (c *chain) keyAddress(name string) string {
	c.t.Helper()
	return strings.TrimSpace(c.run("keys", "show", name, "-a", "--keyring-backend", "test"))
}

// waitFor polls cond until it holds; it fails after `blocks` blocks.
func (c *chain) waitFor(what string, blocks int64, cond func() bool) {
	c.t.Helper()
	c.WaitBlocks(c.t, what, blocks, cond)
}
