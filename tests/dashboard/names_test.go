package dashboard

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// identity is how people see an operator: its moniker, node id and node key.
type identity struct {
	Moniker string
	NodeID  string
	Key     string // hex
	Pending string // hex
	From    string // effective cycle of Pending
}

// identities reads every operator's moniker, node id (100 × n for op-n,
// computed here by the chain's own rule) and keys from REST.
func (c *chain) identities(t *testing.T) map[string]identity {
	t.Helper()
	var ops struct {
		Operators []struct {
			Owner          string `json:"owner"`
			NftID          string `json:"nft_id"`
			Moniker        string `json:"moniker"`
			Key            []byte `json:"signing_public_key"` // base64 in JSON
			Pending        []byte `json:"pending_signing_public_key"`
			EffectiveCycle string `json:"effective_cycle"`
		} `json:"operators"`
	}
	rest(t, c.api, "/xmtp/nodeselection/v1/operators?pagination.limit=1000", &ops)
	out := map[string]identity{}
	for _, o := range ops.Operators {
		id, err := nstypes.NodeIDFromNFT(o.NftID)
		require.NoError(t, err)
		out[o.Owner] = identity{Moniker: o.Moniker, NodeID: strconv.FormatUint(uint64(id), 10),
			Key: hex.EncodeToString(o.Key), Pending: hex.EncodeToString(o.Pending), From: o.EffectiveCycle}
	}
	return out
}

// shownIdentities reads [owner, moniker, node id] of every row matching rowSel.
func shownIdentities(t *testing.T, b *browser, rowSel string) map[string][2]string {
	t.Helper()
	rows := eval[[][]string](t, b, `[...document.querySelectorAll('`+rowSel+`')].map(r => [r.dataset.owner,
		(r.querySelector('[data-moniker]') || {}).textContent || '', ((r.querySelector('[data-node-id]') || {}).dataset || {}).nodeId || ''])`)
	out := map[string][2]string{}
	for _, r := range rows {
		out[r[0]] = [2]string{r[1], r[2]}
	}
	return out
}

// testNames: wherever an owner is listed (the sets, the schedule, the
// operators table), the page shows its moniker and node id; an operator's
// page shows its node key in short form. Monikers find an operator.
func (c *chain) testNames(t *testing.T, b *browser) {
	ids := c.identities(t)
	require.NotEmpty(t, ids)
	for owner, id := range ids {
		require.NotEmpty(t, id.Moniker, "the demo operator %s has a moniker", owner)
		require.NotEmpty(t, id.Key, "the demo operator %s has a node key", owner)
	}
	check := func(where string, shown map[string][2]string) {
		t.Helper()
		require.NotEmpty(t, shown, where)
		for owner, got := range shown {
			want := ids[owner]
			require.Equal(t, [2]string{want.Moniker, want.NodeID}, got, "%s: moniker and node id of %s", where, owner)
		}
	}

	// ACT / ASSERT: the network page.
	c.open(t, b, "#/network", "network")
	check("current set", shownIdentities(t, b, `#current-set tbody tr[data-owner]`))
	check("schedule", shownIdentities(t, b, `#timeline tbody tr[data-owner]`))
	// The monikers are on the page as text, not only in attributes.
	text := eval[string](t, b, `document.getElementById('current-set').innerText`)
	for _, owner := range owners(c.activeSet(t).Current) {
		require.Contains(t, text, ids[owner].Moniker)
	}

	// ACT / ASSERT: the operators page lists every operator by name, with its key.
	c.open(t, b, "#/operators", "operators")
	shown := shownIdentities(t, b, `#operators tbody tr[data-owner]`)
	require.Len(t, shown, len(ids))
	check("operators", shown)
	keys := eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll('#operators tbody tr[data-owner]')].map(r =>
		[r.dataset.owner, ((r.querySelector('[data-col=node_key] [data-key]') || {}).dataset || {}).key || '']))`)
	for owner, id := range ids {
		require.Equal(t, id.Key, keys[owner], "node key of %s", owner)
	}
	// A moniker is a filter.
	var target string
	for owner := range ids {
		target = owner
		break
	}
	b.do(t, "filter by moniker", chromedp.SendKeys(chromedp.CSS("#filter-text"), ids[target].Moniker))
	visible := eval[[]string](t, b, `[...document.querySelectorAll('#operators tbody tr[data-owner]')].filter(r => !r.hidden).map(r => r.dataset.owner)`)
	require.Equal(t, []string{target}, visible, "filtered by %q", ids[target].Moniker)
	eval[bool](t, b, `(() => { const i = document.getElementById('filter-text'); i.value = ''; i.dispatchEvent(new Event('input')); i.blur(); return true; })()`)
	// ACT: a serving operator announces a new key. ASSERT: its row shows it.
	c.whilePending(t, "the operators table shows the announced key", func(owner string, want identity) string {
		got := eval[string](t, b, `(document.querySelector('#operators tr[data-owner="`+owner+`"] [data-pending-key]') || {dataset: {}}).dataset.pendingKey || ''`)
		if got != want.Pending {
			return fmt.Sprintf("page %q, REST %q", got, want.Pending)
		}
		return ""
	})

	// ACT / ASSERT: an operator's page names it and shows its key's short form.
	c.open(t, b, "#/operator/"+target, "operator")
	opPage := func(want identity) ([]string, []string) {
		got := eval[[]string](t, b, `['op-moniker','op-node-id'].map(id => document.getElementById(id).textContent)
			.concat([document.querySelector('#op-node-key [data-key]').dataset.key, document.querySelector('#op-node-key').textContent,
				document.getElementById('op-pending-key').textContent])`)
		wantPending := "none pending"
		if want.Pending != "" {
			wantPending = fmt.Sprintf("to %s…%s, in force from cycle %s", want.Pending[:8], want.Pending[len(want.Pending)-6:], want.From)
		}
		// The short form: the first 8 and the last 6 hex digits.
		return []string{want.Moniker, want.NodeID, want.Key, want.Key[:8] + "…" + want.Key[len(want.Key)-6:], wantPending}, got
	}
	eventually(t, "the operator page names it and shows its key", 3*cycle, func() string {
		if want, got := opPage(c.identities(t)[target]); !slices.Equal(want, got) {
			return fmt.Sprintf("page %q, REST %q", got, want)
		}
		return ""
	})
	// ACT: a serving operator announces a new key. ASSERT: its page shows it.
	c.whilePending(t, "the operator page shows the announced key", func(owner string, want identity) string {
		if target != owner {
			target = owner
			c.open(t, b, "#/operator/"+target, "operator")
		}
		if w, got := opPage(want); !slices.Equal(w, got) {
			return fmt.Sprintf("page %q, REST %q", got, w)
		}
		return ""
	})
}

// whilePending has a serving demo operator announce a new node key and runs
// check until it passes while that key is still pending (a rotation lasts
// one to two 8 s cycles; when it took effect before check passed, it
// announces another, three times at most).
func (c *chain) whilePending(t *testing.T, what string, check func(owner string, want identity) string) {
	t.Helper()
	last := ""
	for attempt := 0; attempt < 3; attempt++ {
		owner := c.rotateKey(t)
		deadline := time.Now().Add(3 * cycle)
		for time.Now().Before(deadline) {
			want := c.identities(t)[owner]
			if want.Pending == "" {
				break // in force already: announce another
			}
			if last = check(owner, want); last == "" {
				return
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	t.Fatalf("%s: not seen while the key was pending (last: %s)", what, last)
}

// rotateKey has the first demo operator (op1…op12) of the serving set give a
// new node key with its proof, and returns its owner.
func (c *chain) rotateKey(t *testing.T) string {
	t.Helper()
	serving := map[string]bool{}
	for _, o := range owners(c.activeSet(t).Current) {
		serving[o] = true
	}
	for i := 1; i <= 12; i++ {
		name := fmt.Sprintf("op%d", i)
		owner := c.nw.KeyAddress(t, name)
		if !serving[owner] {
			continue
		}
		var op struct {
			Operator struct {
				NftID string `json:"nft_id"`
			} `json:"operator"`
		}
		rest(t, c.api, "/xmtp/nodeselection/v1/operator/"+owner, &op)
		nodeID, err := nstypes.NodeIDFromNFT(op.Operator.NftID)
		require.NoError(t, err)
		key, proof, err := nstypes.SignNodeKeyProof(secp256k1.GenPrivKey(), c.nw.ChainID, owner, nodeID)
		require.NoError(t, err)
		c.node.Tx(t, c.node.Home, name, "nodeselection", "update-operator",
			"--signing-public-key", hex.EncodeToString(key), "--key-proof", hex.EncodeToString(proof))
		return owner
	}
	t.Fatal("no demo operator in the serving set")
	return ""
}
