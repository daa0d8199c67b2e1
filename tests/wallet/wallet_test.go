package wallet

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/xmtp/xmtpd-chain/tests/testchain"
)

const (
	cycle         = 10 * time.Second
	auctionPeriod = 40 * time.Second
	nftClass      = "xmtp-node-operator"
)

// modes are the two ways a wallet signs: SIGN_MODE_DIRECT (Keplr's default)
// and SIGN_MODE_LEGACY_AMINO_JSON (Keplr's amino mode and every Ledger).
var modes = []string{"direct", "amino"}

// world is the running chain, the wallet.js process and the addresses of
// the keys wallet.js holds.
type world struct {
	t       *testing.T
	n       *testchain.Node
	js      *jsClient
	api     int
	addr    map[string]string
	covered map[string]map[string]bool // type URL -> mode -> delivered
}

// TestWalletsSignEveryMessage starts a localnet (the real binary) and has
// CosmJS sign and deliver every custom message of x/nodeselection, x/rewards
// and x/treasury once in SIGN_MODE_DIRECT and once in amino-json, checking
// each effect on chain as of the transaction's height.
func TestWalletsSignEveryMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real chain and Node.js (skipped with -short)")
	}
	// ARRANGE
	js := startJS(t) // installs the locked npm packages first
	bin := testchain.Binary(t)
	nw := testchain.NewLocalnet(t, bin, "--operators", "5", "--cycle-duration", cycle.String())
	editGenesis(t, filepath.Join(nw.Nodes[0].Home, "config", "genesis.json"), func(g map[string]any) {
		treasury := at(g, "app_state", "treasury", "params").(map[string]any)
		treasury["auction_period"] = fmt.Sprintf("%ds", int(auctionPeriod.Seconds()))
		treasury["auction_extension"] = "5s" // the soft close (default 10 minutes) would outlast the test
	})
	nw.StartAll(t)
	n := nw.Nodes[0]
	w := &world{t: t, n: n, js: js, api: n.APIPort(), covered: map[string]map[string]bool{}}

	extra := []string{"newa", "newb", "newc", "news", "newt", "newe", "newf", "rcpt"}
	for _, k := range extra {
		if _, err := n.CLI("keys", "add", k, "--keyring-backend", "test"); err != nil {
			t.Fatal(err)
		}
	}
	names := append([]string{"admin", "payer", "op1", "op2", "op3", "op4", "op5"}, extra...)
	keys := map[string]string{}
	for _, k := range names {
		keys[k] = exportKey(t, n, k)
	}
	var initRes struct {
		Addresses map[string]string `json:"addresses"`
		TypeURLs  []string          `json:"type_urls"`
	}
	require.NoError(t, js.call(map[string]any{"op": "init", "rpc": fmt.Sprintf("http://127.0.0.1:%d", n.RPCPort()),
		"proto_dir": filepath.Join(testchain.RepoRoot(t), "proto"), "prefix": "xmtp", "keys": keys}, &initRes))
	w.addr = initRes.Addresses
	for _, k := range names {
		require.Equal(t, nw.KeyAddress(t, k), w.addr[k], "CosmJS derives the keyring's address of %s", k)
	}
	// The wallet knows exactly the chain's custom messages.
	require.ElementsMatch(t, chainMsgTypeURLs(t), initRes.TypeURLs, "wallet.js AMINO_NAMES lists every Msg of the three modules")

	// Fund the new keys (bank sends by the CLI: not what is under test).
	n.Tx(t, n.Home, "admin", "bank", "multi-send", "admin", w.addr["newa"], w.addr["newb"], "160000000000uxmtp")
	n.Tx(t, n.Home, "admin", "bank", "multi-send", "admin", w.addr["newc"], w.addr["news"], w.addr["newt"],
		w.addr["newe"], w.addr["newf"], "10000000uxmtp")

	// The bank metadata wallets read is on chain and agrees with assetlist.json.
	w.run("denom metadata", w.denomMetadata)
	// ACT + ASSERT, module by module.
	w.run("rewards", w.rewards)
	w.run("treasury", w.treasury)
	w.run("attestation", w.attestation)
	w.run("operators", w.operators)
	w.run("penalties", w.penalties)
	w.run("auction", w.auction)

	for _, typeURL := range chainMsgTypeURLs(t) {
		for _, m := range modes {
			require.True(t, w.covered[typeURL][m], "%s was not delivered in %s mode", typeURL, m)
		}
	}
}

// run runs a subtest whose failures (also in w's helpers) stop it.
func (w *world) run(name string, f func(*testing.T)) {
	parent := w.t
	parent.Run(name, func(t *testing.T) {
		w.t = t
		defer func() { w.t = parent }()
		f(t)
	})
}

// exportKey returns the unarmored hex private key of a test-keyring key.
func exportKey(t *testing.T, n *testchain.Node, name string) string {
	t.Helper()
	cmd := exec.Command(n.Bin, "keys", "export", name, "--unarmored-hex", "--unsafe", "--keyring-backend", "test", "--home", n.Home)
	cmd.Stdin = strings.NewReader("y\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("keys export %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func editGenesis(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var g map[string]any
	require.NoError(t, json.Unmarshal(b, &g))
	edit(g)
	b, err = json.MarshalIndent(g, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// chainMsgTypeURLs lists the request types of the Msg services of the three
// modules, from the chain's own registered descriptors.
func chainMsgTypeURLs(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, svc := range []string{"xmtp.nodeselection.v1.Msg", "xmtp.rewards.v1.Msg", "xmtp.treasury.v1.Msg"} {
		d, err := gogoproto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc))
		require.NoError(t, err, svc)
		methods := d.(protoreflect.ServiceDescriptor).Methods()
		for i := 0; i < methods.Len(); i++ {
			out = append(out, "/"+string(methods.Get(i).Input().FullName()))
		}
	}
	sort.Strings(out)
	return out
}

// txResult is wallet.js's answer to a transaction.
type txResult struct {
	Code   int              `json:"code"`
	Hash   string           `json:"txhash"`
	Height int64            `json:"height"`
	RawLog string           `json:"raw_log"`
	Amino  []map[string]any `json:"amino"`
}

// send signs msg with key signer in the given mode, delivers it and fails
// the test unless the chain executed it; it returns the result.
func (w *world) send(signer, mode, typeURL string, value map[string]any) txResult {
	w.t.Helper()
	res, err := w.trySend(signer, mode, typeURL, value)
	require.NoError(w.t, err, "%s signed by %s in %s mode", typeURL, signer, mode)
	return res
}

func (w *world) trySend(signer, mode, typeURL string, value map[string]any) (txResult, error) {
	w.t.Helper()
	var res txResult
	err := w.js.call(map[string]any{"op": "tx", "signer": signer, "mode": mode,
		"msgs": []any{map[string]any{"type_url": typeURL, "value": value}}}, &res)
	if err != nil {
		return res, err
	}
	if res.Code != 0 {
		return res, fmt.Errorf("delivered with code %d: %s", res.Code, res.RawLog)
	}
	if mode == "amino" {
		require.Len(w.t, res.Amino, 1)
		w.t.Logf("amino-json %s: %v", res.Amino[0]["type"], res.Amino[0]["value"])
	}
	if w.covered[typeURL] == nil {
		w.covered[typeURL] = map[string]bool{}
	}
	w.covered[typeURL][mode] = true
	return res, nil
}

// get reads REST state as of the given height (0: latest).
func (w *world) get(height int64, path string) map[string]any {
	w.t.Helper()
	return restAt(w.t, w.api, height, path)
}

func (w *world) balance(height int64, addr, denom string) *big.Int {
	w.t.Helper()
	return bigInt(w.t, str(w.get(height, "/cosmos/bank/v1beta1/balances/"+addr+"/by_denom?denom="+denom), "balance", "amount"))
}

func requireDelta(t *testing.T, before, after *big.Int, want int64, what string) {
	t.Helper()
	got := new(big.Int).Sub(after, before)
	require.Equal(t, big.NewInt(want).String(), got.String(), "%s changed by %s, want %d", what, got, want)
}

func coin(denom string, amount int64) map[string]any {
	return map[string]any{"denom": denom, "amount": fmt.Sprint(amount)}
}

func (w *world) rewards(t *testing.T) {
	for i, m := range modes {
		amount := int64(1_000_000 * (i + 1))
		res := w.send("payer", m, "/xmtp.rewards.v1.MsgFundRewardPool",
			map[string]any{"sender": w.addr["payer"], "amount": coin("uusdc", amount)})
		before := bigInt(t, str(w.get(res.Height-1, "/xmtp/rewards/v1/pool"), "module_balance"))
		after := bigInt(t, str(w.get(res.Height, "/xmtp/rewards/v1/pool"), "module_balance"))
		requireDelta(t, before, after, amount, "reward pool ("+m+")")
	}
	for i, m := range modes {
		params := msgValue(at(w.get(0, "/xmtp/rewards/v1/params"), "params")).(map[string]any)
		want := fmt.Sprint(7 + i)
		params["max_payouts_per_block"] = want
		params["profit_cap"] = fmt.Sprintf("1.%d5", 3+i) // a Dec: amino-json prints 18 decimals
		res := w.send("admin", m, "/xmtp.rewards.v1.MsgUpdateParams", map[string]any{"authority": w.addr["admin"], "params": params})
		got := w.get(res.Height, "/xmtp/rewards/v1/params")
		require.Equal(t, want, str(got, "params", "max_payouts_per_block"))
		require.Equal(t, fmt.Sprintf("1.%d50000000000000000", 3+i), str(got, "params", "profit_cap"))
	}
}

// lastRecord returns the newest entry of a treasury list query.
func (w *world) lastRecord(height int64, path, key string) any {
	w.t.Helper()
	l := list(w.get(height, path+"?pagination.reverse=true&pagination.limit=1"), key)
	require.Len(w.t, l, 1, "%s at height %d", path, height)
	return l[0]
}

func (w *world) treasury(t *testing.T) {
	for i, m := range modes {
		params := msgValue(at(w.get(0, "/xmtp/treasury/v1/params"), "params")).(map[string]any)
		want := fmt.Sprint(150 + 50*i)
		params["min_bid_increment_bps"] = want
		res := w.send("admin", m, "/xmtp.treasury.v1.MsgUpdateParams", map[string]any{"authority": w.addr["admin"], "params": params})
		require.Equal(t, want, str(w.get(res.Height, "/xmtp/treasury/v1/params"), "params", "min_bid_increment_bps"))
	}
	// FundBucket: the lot of the next auction (USDC), burnable XMTP, and an
	// ecosystem budget to spend.
	funds := []struct {
		signer, mode, bucket, denom string
		amount                      int64
	}{
		{"payer", "direct", "BUCKET_BUYBACK_BURN", "uusdc", 5_000_000},
		{"admin", "amino", "BUCKET_BUYBACK_BURN", "uxmtp", 3_000_000},
		{"admin", "amino", "BUCKET_ECOSYSTEM", "uxmtp", 10_000_000},
	}
	for _, f := range funds {
		res := w.send(f.signer, f.mode, "/xmtp.treasury.v1.MsgFundBucket",
			map[string]any{"sender": w.addr[f.signer], "bucket": f.bucket, "amount": coin(f.denom, f.amount)})
		in := w.lastRecord(res.Height, "/xmtp/treasury/v1/inflows", "inflows")
		require.Equal(t, w.addr[f.signer], str(in, "source"))
		require.Equal(t, f.denom, str(in, "denom"))
		require.Equal(t, fmt.Sprint(f.amount), str(in, "total"))
	}
	for i, m := range modes {
		amount := int64(1_000_000 * (i + 1))
		res := w.send("admin", m, "/xmtp.treasury.v1.MsgSpend", map[string]any{"authority": w.addr["admin"],
			"bucket": "BUCKET_ECOSYSTEM", "recipient": w.addr["rcpt"], "amount": coin("uxmtp", amount)})
		requireDelta(t, w.balance(res.Height-1, w.addr["rcpt"], "uxmtp"), w.balance(res.Height, w.addr["rcpt"], "uxmtp"), amount, "recipient ("+m+")")
		sp := w.lastRecord(res.Height, "/xmtp/treasury/v1/spends", "spends")
		require.Equal(t, "SPEND_KIND_AUTHORITY", str(sp, "kind"))
	}
	for i, m := range modes {
		amount := int64(400_000 * (i + 1))
		res := w.send("payer", m, "/xmtp.treasury.v1.MsgBurnHoldings", map[string]any{"sender": w.addr["payer"], "amount": coin("uxmtp", amount)})
		sp := w.lastRecord(res.Height, "/xmtp/treasury/v1/spends", "spends")
		require.Equal(t, "SPEND_KIND_BURN", str(sp, "kind"))
		require.Equal(t, fmt.Sprint(amount), str(sp, "amount", "amount"))
		require.Equal(t, w.addr["payer"], str(sp, "initiator"))
	}
}

func (w *world) auction(t *testing.T) {
	// Bid on the first auction whose lot holds the USDC funded above, with
	// time left for two bids.
	testchain.WaitFor(t, "an auction selling USDC with 15s left", 3*auctionPeriod, func() bool {
		a := w.get(0, "/xmtp/treasury/v1/auction")
		end, err := time.Parse(time.RFC3339Nano, str(a, "auction", "end_time"))
		return str(a, "open") == "true" && strings.Contains(str(a, "auction", "lot"), "uusdc") && err == nil && time.Until(end) > 15*time.Second
	})
	bidders := map[string]string{"direct": "payer", "amino": "admin"}
	var id string
	for _, m := range modes {
		a := w.get(0, "/xmtp/treasury/v1/auction")
		id = str(a, "auction", "id")
		amount := bigInt(t, str(a, "min_next_bid", "amount"))
		if amount.Sign() == 0 {
			amount = big.NewInt(1_000_000)
		}
		res := w.send(bidders[m], m, "/xmtp.treasury.v1.MsgBid",
			map[string]any{"bidder": w.addr[bidders[m]], "amount": map[string]any{"denom": "uxmtp", "amount": amount.String()}})
		got := w.get(res.Height, "/xmtp/treasury/v1/auction")
		require.Equal(t, id, str(got, "auction", "id"))
		require.Equal(t, w.addr[bidders[m]], str(got, "auction", "highest_bidder"))
		require.Equal(t, amount.String(), str(got, "auction", "highest_bid", "amount"))
	}
	// The winning bid is burned when the auction closes.
	testchain.WaitFor(t, "auction "+id+" closed", 2*auctionPeriod, func() bool {
		for _, a := range list(w.get(0, "/xmtp/treasury/v1/auctions?pagination.reverse=true"), "auctions") {
			if str(a, "id") == id {
				return str(a, "outcome") == "AUCTION_OUTCOME_SOLD" && str(a, "burned", "amount") == str(a, "highest_bid", "amount")
			}
		}
		return false
	})
}

func (w *world) attestation(t *testing.T) {
	attesters := map[string]string{"direct": "op1", "amino": "op4"}
	for _, m := range modes {
		for try := 0; ; try++ {
			require.Less(t, try, 4, "no conclusive attestation by %s", attesters[m])
			testchain.WaitFor(t, "cycle 2", 3*cycle, func() bool {
				return bigInt(t, str(w.get(0, "/xmtp/nodeselection/v1/active_set"), "cycle")).Int64() >= 2
			})
			attested := fmt.Sprint(bigInt(t, str(w.get(0, "/xmtp/nodeselection/v1/active_set"), "cycle")).Int64() - 1)
			var obs []any
			for _, mem := range list(w.get(0, "/xmtp/nodeselection/v1/cycle_history/"+attested), "record", "members") {
				obs = append(obs, map[string]any{"operator": str(mem, "owner"), "uptime_bps": 10000, "work_units": "5"})
			}
			require.NotEmpty(t, obs, "members of cycle %s", attested)
			msg := map[string]any{"signer": w.addr[attesters[m]], "cycle": attested, "observations": obs}
			typeURL := "/xmtp.nodeselection.v1.MsgSubmitAttestation"
			if _, err := w.trySend(attesters[m], m, typeURL, msg); err != nil {
				require.Contains(t, err.Error(), "can be attested now", "a boundary passed meanwhile is the only allowed failure")
				continue
			}
			// The effect: the chain holds the attestation, so the same one is
			// now refused as a duplicate.
			_, err := w.trySend(attesters[m], m, typeURL, msg)
			require.Error(t, err, "a second attestation of cycle %s by %s", attested, attesters[m])
			if strings.Contains(err.Error(), "can be attested now") {
				continue
			}
			require.Contains(t, err.Error(), "already attested cycle "+attested)
			break
		}
	}
}

// nftOf returns the id of the operator NFT an address holds ("" if none).
func (w *world) nftOf(height int64, addr string) string {
	w.t.Helper()
	l := list(w.get(height, "/cosmos/nft/v1beta1/nfts?class_id="+nftClass+"&owner="+addr), "nfts")
	require.LessOrEqual(w.t, len(l), 1)
	if len(l) == 0 {
		return ""
	}
	return str(l[0], "id")
}

func (w *world) operator(height int64, owner string) map[string]any {
	w.t.Helper()
	return at(w.get(height, "/xmtp/nodeselection/v1/operator/"+owner), "operator").(map[string]any)
}

func (w *world) operators(t *testing.T) {
	ns := func(name string) string { return "/xmtp.nodeselection.v1." + name }
	// UpdateParams: a 1s jail (for the unjail below) and a changed Dec.
	for i, m := range modes {
		params := msgValue(at(w.get(0, "/xmtp/nodeselection/v1/params"), "params")).(map[string]any)
		params["jail_duration"] = map[string]any{"seconds": "1", "nanos": 0}
		params["credit_step"] = fmt.Sprintf("0.0%d", 2+i)
		res := w.send("admin", m, ns("MsgUpdateParams"), map[string]any{"authority": w.addr["admin"], "params": params})
		got := w.get(res.Height, "/xmtp/nodeselection/v1/params")
		require.Equal(t, "1s", str(got, "params", "jail_duration"))
		require.Equal(t, fmt.Sprintf("0.0%d0000000000000000", 2+i), str(got, "params", "credit_step"))
	}
	minStake := bigInt(t, str(w.get(0, "/xmtp/nodeselection/v1/params"), "params", "min_stake"))

	// Issue: newa (direct) and newb (amino) receive an operator NFT.
	for m, to := range map[string]string{"direct": "newa", "amino": "newb"} {
		res := w.send("admin", m, ns("MsgIssueOperatorNFT"), map[string]any{"authority": w.addr["admin"], "recipient": w.addr[to]})
		require.Empty(t, w.nftOf(res.Height-1, w.addr[to]))
		require.NotEmpty(t, w.nftOf(res.Height, w.addr[to]), "%s holds an NFT after the %s issue", to, m)
	}
	// Transfer newa's NFT to newc and back.
	nftA := w.nftOf(0, w.addr["newa"])
	for _, step := range []struct{ mode, to string }{{"direct", "newc"}, {"amino", "newa"}} {
		res := w.send("admin", step.mode, ns("MsgTransferOperatorNFT"),
			map[string]any{"authority": w.addr["admin"], "nft_id": nftA, "new_owner": w.addr[step.to]})
		require.Equal(t, nftA, w.nftOf(res.Height, w.addr[step.to]))
	}
	// Revoke: two NFTs issued by the CLI to newe and newf.
	for m, holder := range map[string]string{"direct": "newe", "amino": "newf"} {
		w.n.Tx(t, w.n.Home, "admin", "nodeselection", "issue-operator-nft", w.addr[holder], "--no-proposal")
		id := w.nftOf(0, w.addr[holder])
		require.NotEmpty(t, id)
		res := w.send("admin", m, ns("MsgRevokeOperatorNFT"), map[string]any{"authority": w.addr["admin"], "nft_id": id, "reason": "wallet test " + m})
		require.Empty(t, w.nftOf(res.Height, w.addr[holder]), "%s's NFT revoked (%s)", holder, m)
	}

	owners := map[string]string{"direct": "newa", "amino": "newb"}
	signers := map[string]string{"direct": "news", "amino": "newt"}
	for _, m := range modes {
		o := owners[m]
		res := w.send(o, m, ns("MsgRegisterOperator"), map[string]any{"owner": w.addr[o], "nft_id": w.nftOf(0, w.addr[o]),
			"stake": map[string]any{"denom": "uxmtp", "amount": minStake.String()}, "signer": w.addr[signers[m]],
			"endpoint": endpoint(9000, m), "region": "US", "payout_address": w.addr[o]})
		op := w.operator(res.Height, w.addr[o])
		require.Equal(t, minStake.String(), str(op, "stake"))
		require.Equal(t, endpoint(9000, m), str(op, "endpoint"))
	}
	for _, m := range modes {
		o := owners[m]
		res := w.send(signers[m], m, ns("MsgAcceptSigner"), map[string]any{"signer": w.addr[signers[m]], "owner": w.addr[o]})
		require.NotEqual(t, w.addr[signers[m]], str(w.operator(res.Height-1, w.addr[o]), "signer"))
		require.Equal(t, w.addr[signers[m]], str(w.operator(res.Height, w.addr[o]), "signer"))
	}
	for _, m := range modes {
		o := owners[m]
		res := w.send(o, m, ns("MsgUpdateOperator"), map[string]any{"owner": w.addr[o], "region": "DE", "endpoint": endpoint(9010, m)})
		op := w.operator(res.Height, w.addr[o])
		require.Equal(t, "DE", str(op, "region"))
		require.Equal(t, endpoint(9010, m), str(op, "endpoint"))
	}
	for i, m := range modes {
		o := owners[m]
		amount := int64(5_000_000 * (i + 1))
		res := w.send(o, m, ns("MsgAddStake"), map[string]any{"owner": w.addr[o], "amount": coin("uxmtp", amount)})
		requireDelta(t, bigInt(t, str(w.operator(res.Height-1, w.addr[o]), "stake")), bigInt(t, str(w.operator(res.Height, w.addr[o]), "stake")), amount, "stake ("+m+")")
	}
	// Votes for newa by payer (direct) and admin (amino), then half back.
	voters := map[string]string{"direct": "payer", "amino": "admin"}
	votes := func(h int64) *big.Int {
		return bigInt(t, str(w.get(h, "/xmtp/nodeselection/v1/votes/"+w.addr["newa"]), "total"))
	}
	for _, m := range modes {
		res := w.send(voters[m], m, ns("MsgVote"), map[string]any{"voter": w.addr[voters[m]], "operator": w.addr["newa"], "amount": coin("uxmtp", 2_000_000)})
		requireDelta(t, votes(res.Height-1), votes(res.Height), 2_000_000, "votes ("+m+")")
	}
	for _, m := range modes {
		res := w.send(voters[m], m, ns("MsgUnvote"), map[string]any{"voter": w.addr[voters[m]], "operator": w.addr["newa"], "amount": coin("uxmtp", 1_000_000)})
		requireDelta(t, votes(res.Height-1), votes(res.Height), -1_000_000, "votes ("+m+")")
	}
	for _, m := range modes {
		o := owners[m]
		res := w.send(o, m, ns("MsgDeregisterOperator"), map[string]any{"owner": w.addr[o]})
		require.Empty(t, list(w.get(res.Height-1, "/xmtp/nodeselection/v1/unbondings/"+w.addr[o]), "entries"))
		require.NotEmpty(t, list(w.get(res.Height, "/xmtp/nodeselection/v1/unbondings/"+w.addr[o]), "entries"), "%s unbonds (%s)", o, m)
	}
}

func (w *world) penalties(t *testing.T) {
	ns := func(name string) string { return "/xmtp.nodeselection.v1." + name }
	violations := func(h int64, owner string) []any {
		return list(w.get(h, "/xmtp/nodeselection/v1/violations/"+w.addr[owner]), "violations")
	}
	// Four violations jail op2 and op3; the kinds alternate between modes.
	for _, o := range []string{"op2", "op3"} {
		for i := 0; i < 4; i++ {
			m := modes[i%2]
			res := w.send("admin", m, ns("MsgRecordViolation"), map[string]any{"authority": w.addr["admin"], "owner": w.addr[o],
				"kind": "VIOLATION_KIND_DOWNTIME", "evidence": fmt.Sprintf("wallet test %s %d", m, i)})
			require.Len(t, violations(res.Height, o), len(violations(res.Height-1, o))+1, "%s violation %d (%s)", o, i, m)
		}
		require.Equal(t, "OPERATOR_STATUS_JAILED", str(w.operator(0, w.addr[o]), "status"), o)
	}
	for m, o := range map[string]string{"direct": "op2", "amino": "op3"} {
		id := str(violations(0, o)[0], "id")
		res := w.send("admin", m, ns("MsgExcuseViolation"), map[string]any{"authority": w.addr["admin"], "owner": w.addr[o], "violation_id": id})
		for _, v := range violations(res.Height, o) {
			if str(v, "id") == id {
				require.Equal(t, "true", str(v, "excused"), "%s violation %s excused (%s)", o, id, m)
			}
		}
	}
	// The slash left them below min_stake: top up (by the CLI), then unjail.
	minStake := bigInt(t, str(w.get(0, "/xmtp/nodeselection/v1/params"), "params", "min_stake"))
	for m, o := range map[string]string{"direct": "op2", "amino": "op3"} {
		stake := bigInt(t, str(w.operator(0, w.addr[o]), "stake"))
		if short := new(big.Int).Sub(minStake, stake); short.Sign() > 0 {
			w.n.Tx(t, w.n.Home, o, "nodeselection", "add-stake", short.String()+"uxmtp")
		}
		res := w.send(o, m, ns("MsgUnjail"), map[string]any{"owner": w.addr[o]})
		require.Equal(t, "OPERATOR_STATUS_JAILED", str(w.operator(res.Height-1, w.addr[o]), "status"))
		require.Equal(t, "OPERATOR_STATUS_WAITING", str(w.operator(res.Height, w.addr[o]), "status"), "%s unjailed (%s)", o, m)
	}
}

func (w *world) denomMetadata(t *testing.T) {
	var meta []denomMeta
	for _, m := range list(w.get(0, "/cosmos/bank/v1beta1/denoms_metadata"), "metadatas") {
		d := denomMeta{Base: str(m, "base"), Display: str(m, "display"), Name: str(m, "name"), Symbol: str(m, "symbol"), Units: map[string]uint32{}}
		for _, u := range list(m, "denom_units") {
			d.Units[str(u, "denom")] = uint32(bigInt(t, str(u, "exponent")).Uint64())
		}
		meta = append(meta, d)
	}
	var assets assetList
	readJSON(t, filepath.Join(registryDir(t), "xmtplocalnet", "assetlist.json"), &assets)
	requireAssetsMatchMetadata(t, assets, meta)
	for _, d := range meta {
		require.Equal(t, uint32(6), d.Units[d.Display], "%s: 1 %s is 10^6 %s", d.Base, d.Display, d.Base)
	}
}

// endpoint is a distinct operator endpoint per mode.
func endpoint(base int, mode string) string {
	if mode == "amino" {
		base++
	}
	return fmt.Sprintf("https://127.0.0.1:%d", base)
}
