//go:build soak

// Package soak runs xmtpd for many cycles under rotating faults: a network of
// four validators and a non-validator RPC node, one operator agent and HTTPS
// health server per operator, and an issuer chain whose native uusdc funds
// x/rewards' pool over IBC every cycle through a running cosmos/relayer.
// Every few cycles one fault is injected (validator kill, partition of one
// validator, agent kill, RPC node restart, relayer restart) and recovered.
// At the end every settled cycle must audit clean (recompute, provenance,
// continuity) with every payout, the invariants must hold on every node's
// state, every node must store the same headers, and the USDC must be
// conserved across both chains to the micro-unit.
//
// It is not part of `go test ./...` (build tag soak); run it with `make soak`:
//
//	go test -tags soak -timeout 40m -v -run TestSoak ./tests/soak -soak.cycles 30
package soak

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

var (
	flagCycles     = flag.Int("soak.cycles", 30, "number of soak cycles (one IBC funding each)")
	flagCycle      = flag.Duration("soak.cycle", 12*time.Second, "x/nodeselection cycle_duration of the soaked network")
	flagFaultEvery = flag.Int("soak.fault-every", 2, "inject one fault every this many cycles")
	flagOperators  = flag.Int("soak.operators", 4, "demo operators, each with an agent and a health server")
	flagTable      = flag.String("soak.table", "", "also write the result table (markdown) to this file")
)

const (
	issuerChain = "noble-local-1"
	usdc        = "uusdc"
	channel     = "channel-0" // both ends: the first channel of fresh chains
	pathName    = "usdc"
)

// fault kinds, in the order of the rotation.
var faultKinds = []string{"validator kill", "partition", "agent kill", "rpc node restart", "relayer restart"}

type soak struct {
	t       *testing.T
	bin     string
	cycle   time.Duration
	nw      *testchain.Network
	q       *testchain.Node // node0: never faulted, answers every query
	rpc     *testchain.Node // the non-validator node the agents and the relayer use
	part    *testchain.Partition
	issuer  *testchain.Node
	rly     *testchain.Relayer
	dir     string
	epBase  int
	stBase  int
	agents  []*testchain.Proc
	health  []*testchain.Proc
	voucher string

	sent      sdkmath.Int // Σ uusdc sent by the payer over IBC
	transfers map[string]int
	faults    map[string]int
	flushes   int // transfers the running relayer had not delivered in time (a one-shot flush did)
	log       []string
}

func TestSoak(t *testing.T) {
	begin := time.Now()
	s := &soak{t: t, bin: testchain.Binary(t), cycle: *flagCycle, dir: t.TempDir(),
		sent: sdkmath.ZeroInt(), transfers: map[string]int{}, faults: map[string]int{}}
	s.voucher = testchain.VoucherDenom(usdc, channel)
	rlyBin := testchain.RelayerBinary(t)
	s.setup(rlyBin)
	t.Cleanup(func() {
		if t.Failed() {
			for _, n := range s.nw.Nodes {
				t.Logf("---- %s log tail ----\n%s", n.Name(), n.LogTail(1500))
			}
			t.Logf("relayer home: %s; soak dir: %s", s.rly.Home, s.dir)
		}
	})
	setupTime := time.Since(begin)
	t.Logf("setup (5 nodes, issuer, %d agents, relayer link) in %s", *flagOperators, setupTime.Round(time.Second))

	payer := s.addr(s.issuer, "payer")
	payerStart := s.balance(s.issuer, payer, usdc, 0)
	fundingAddr := s.fundingAddress()
	firstCycle := s.currentCycle()

	soakStart := time.Now()
	for i := 0; i < *flagCycles; i++ {
		c := s.waitBoundary()
		// One funding transfer a cycle, alternating the memo and the funding address.
		amount := int64(1_000_000 + 7_919*(i+1)) // not round: conservation is checked to the micro-unit
		if i%2 == 0 {
			s.issuer.Tx(t, s.issuer.Home, "payer", "ibc-transfer", "transfer", "transfer", channel, moduleAddr(),
				fmt.Sprintf("%d%s", amount, usdc), "--memo", rewardstypes.FundingMemo)
			s.transfers["memo"]++
		} else {
			s.issuer.Tx(t, s.issuer.Home, "payer", "ibc-transfer", "transfer", "transfer", channel, fundingAddr,
				fmt.Sprintf("%d%s", amount, usdc))
			s.transfers["funding address"]++
		}
		s.sent = s.sent.AddRaw(amount)
		fault := "-"
		if (i+1)%*flagFaultEvery == 0 {
			k := (i+1) / *flagFaultEvery - 1
			fault = s.inject(k)
		}
		s.waitDelivered()
		s.log = append(s.log, fmt.Sprintf("cycle %d (soak %d): sent %d uusdc, fault %s, height %d", c, i+1, amount, fault, s.q.Height()))
		t.Log(s.log[len(s.log)-1])
	}
	soakTime := time.Since(soakStart)

	// Let the last funded cycle become a budget and be settled.
	lastCycle := s.currentCycle()
	for s.currentCycle() < lastCycle+2 {
		s.waitBoundary()
	}
	s.waitHealthy()

	// Every check reads the same height of node0.
	h := s.q.Height()
	s.q.WaitHeight(t, h+1, time.Minute)
	res := s.check(h, payer, payerStart)
	res.firstCycle, res.lastCycle = firstCycle, lastCycle

	// All nodes stored the same headers.
	testchain.CheckHeaders(t, 1, h, s.nw.Nodes...)

	// Invariants on every node's own state (stopped).
	s.rly.Kill()
	for _, a := range s.agents {
		a.Kill()
	}
	s.nw.StopAll()
	for _, n := range s.nw.Nodes {
		out, err := exec.Command(s.bin, "debug", "invariants", "--home", n.Home).CombinedOutput()
		require.NoError(t, err, "%s: %s", n.Name(), out)
		require.Contains(t, string(out), "all invariants hold", n.Name())
		res.invariants = append(res.invariants, strings.TrimSpace(string(out)))
	}
	res.setup, res.soak, res.total = setupTime, soakTime, time.Since(begin)
	s.report(res)
}

// setup writes and starts both chains, the RPC node, the agents and health
// servers, and links and starts the relayer.
func (s *soak) setup(rlyBin string) {
	t := s.t
	s.issuer = testchain.StartLocalnet(t, s.bin, "--chain-id", issuerChain, "--operators", "1", "--cycle-duration", "60s")

	s.epBase = testchain.FreeBasePort(t, 10)
	s.stBase = testchain.FreeBasePort(t, 10)
	s.nw = testchain.NewNetwork(t, s.bin, 4, "--operators", fmt.Sprint(*flagOperators),
		"--cycle-duration", s.cycle.String(), "--waiting-period", s.cycle.String(),
		"--payout-period", (3 * s.cycle).String(), "--endpoint-base-port", fmt.Sprint(s.epBase))
	for _, n := range s.nw.Nodes {
		testchain.EditGenesis(t, n.Home, func(g map[string]any) {
			p := g["app_state"].(map[string]any)["rewards"].(map[string]any)["params"].(map[string]any)
			p["reward_denom"] = s.voucher
			p["funding_channels"] = []string{channel}
		})
	}
	s.q = s.nw.Nodes[0]
	s.rpc = s.nw.AddFullNode(t, s.bin)
	s.part = s.nw.Isolatable(t, 3)
	s.nw.StartAll(t)

	// Agents and health servers (TLS from a CA of the soak's own).
	home := s.q.Home
	out, err := exec.Command(s.bin, "operator", "gen-tls", filepath.Join(s.dir, "tls"), "--home", home).CombinedOutput()
	require.NoError(t, err, string(out))
	for i := 1; i <= *flagOperators; i++ {
		s.health = append(s.health, testchain.Run(t, filepath.Join(s.dir, fmt.Sprintf("health%d.log", i)), s.bin,
			"operator", "health-server", "--home", home, "--listen", fmt.Sprintf("127.0.0.1:%d", s.epBase+i-1),
			"--tls-dir", filepath.Join(s.dir, "tls")))
		key := fmt.Sprintf("op%d", i)
		s.agents = append(s.agents, testchain.Run(t, filepath.Join(s.dir, key+".log"), s.bin, "operator", "start",
			"--home", home, "--chain-id", s.nw.ChainID, "--signer-key", key, "--keyring-backend", "test", "--keyring-dir", home,
			"--node-rpc", s.rpc.RPC(), "--node-grpc", s.rpc.GRPCAddr(), "--ca-file", filepath.Join(s.dir, "tls", "ca.pem"),
			"--probe-interval", "1500ms", "--probe-timeout", "1500ms", "--chain-poll", "500ms", "--jitter", "2s",
			"--timeout-blocks", "6", "--state-dir", filepath.Join(s.dir, "state-"+key),
			"--listen", fmt.Sprintf("127.0.0.1:%d", s.stBase+i)))
	}

	// The relayer: issuer <-> xmtpd through the RPC node, then `rly start`.
	s.rly = testchain.NewRelayer(t, rlyBin)
	s.rly.AddChain("issuer", issuerChain, app.Bech32Prefix, app.BondDenom, s.issuer, s.issuer.Home, "admin")
	s.rly.AddChain("xmtp", s.nw.ChainID, app.Bech32Prefix, app.BondDenom, s.rpc, home, "admin")
	s.rly.Link(pathName, issuerChain, s.nw.ChainID)
	s.startRelayer()
}

func (s *soak) startRelayer() { s.rly.Start(pathName, "--flush-interval", "30s") }

// inject runs fault number k of the rotation and recovers from it.
func (s *soak) inject(k int) string {
	t := s.t
	kind := faultKinds[k%len(faultKinds)]
	round := k / len(faultKinds)
	var what string
	switch kind {
	case "validator kill":
		n := s.nw.Nodes[1+round%2] // node1, node2, node1, ...
		n.Kill()
		time.Sleep(s.cycle / 2)
		n.Start(t)
		what = n.Name() + " SIGKILL, restarted"
	case "partition":
		s.part.Cut()
		time.Sleep(s.cycle * 2 / 3)
		s.part.Heal()
		what = s.part.Node.Name() + " cut off, healed"
	case "agent kill":
		i := round % len(s.agents)
		s.agents[i].Kill()
		time.Sleep(3 * time.Second)
		s.agents[i].Start()
		what = fmt.Sprintf("op%d's agent SIGKILL, restarted", i+1)
	case "rpc node restart":
		s.rpc.Stop()
		s.rpc.Start(t)
		what = s.rpc.Name() + " (RPC node of the agents and relayer) restarted"
	case "relayer restart":
		s.rly.Kill()
		time.Sleep(2 * time.Second)
		s.startRelayer()
		what = "rly start SIGKILL, restarted"
	}
	s.faults[kind]++
	s.waitHealthy()
	return what
}

// waitHealthy waits until every node is running at node0's height.
func (s *soak) waitHealthy() {
	tip := s.q.Height()
	for _, n := range s.nw.Nodes {
		n.WaitHeight(s.t, tip, 2*time.Minute)
	}
}

// waitDelivered waits until every uusdc sent is a voucher on xmtpd; when the
// running relayer has not delivered within a cycle and a half, one
// `rly tx flush` does (counted).
func (s *soak) waitDelivered() {
	deadline := time.Now().Add(s.cycle * 3 / 2)
	for !s.supply(0).Equal(s.sent) {
		if time.Now().After(deadline) {
			// The flush may race the running relayer for its account
			// sequence: try a few times.
			s.flushes++
			var err error
			for try := 0; try < 3 && !s.supply(0).Equal(s.sent); try++ {
				if err = s.rly.Flush(pathName, channel); err != nil {
					time.Sleep(3 * time.Second)
				}
			}
			require.Equal(s.t, s.sent.String(), s.supply(0).String(), "vouchers on xmtpd after a flush (last error: %v)", err)
			return
		}
		time.Sleep(time.Second)
	}
}

// ---- queries (height 0: latest) ----

func heightArgs(h int64, args ...string) []string {
	if h > 0 {
		args = append(args, "--height", fmt.Sprint(h))
	}
	return args
}

func (s *soak) addr(n *testchain.Node, key string) string {
	out, err := n.CLI("keys", "show", key, "-a", "--keyring-backend", "test")
	require.NoError(s.t, err)
	return strings.TrimSpace(out)
}

// moduleAddr is the x/rewards module account (the funding memo's receiver).
func moduleAddr() string {
	return sdk.MustBech32ifyAddressBytes(app.Bech32Prefix, authtypes.NewModuleAddress(rewardstypes.ModuleName))
}

func mustInt(t *testing.T, s string) sdkmath.Int {
	if s == "" {
		return sdkmath.ZeroInt()
	}
	v, ok := sdkmath.NewIntFromString(s)
	require.True(t, ok, "integer %q", s)
	return v
}

func (s *soak) balance(n *testchain.Node, addr, denom string, h int64) sdkmath.Int {
	var res struct {
		Balance struct{ Amount string } `json:"balance"`
	}
	n.Query(s.t, &res, heightArgs(h, "bank", "balance", addr, denom)...)
	return mustInt(s.t, res.Balance.Amount)
}

func (s *soak) supply(h int64) sdkmath.Int {
	var res struct {
		Amount struct{ Amount string } `json:"amount"`
	}
	s.q.Query(s.t, &res, heightArgs(h, "bank", "total-supply-of", s.voucher)...)
	return mustInt(s.t, res.Amount.Amount)
}

func (s *soak) fundingAddress() string {
	var p struct {
		FundingAddress string `json:"funding_address"`
	}
	s.q.Query(s.t, &p, "rewards", "params")
	require.NotEmpty(s.t, p.FundingAddress)
	return p.FundingAddress
}

// uintish decodes a uint64 written as a JSON number or string.
type uintish uint64

func (u *uintish) UnmarshalJSON(b []byte) error {
	var v uint64
	err := json.Unmarshal([]byte(strings.Trim(string(b), `"`)), &v)
	*u = uintish(v)
	return err
}

func (s *soak) currentCycle() uint64 {
	var res struct {
		Cycle uintish `json:"cycle"`
	}
	s.q.Query(s.t, &res, "nodeselection", "active-set")
	return uint64(res.Cycle)
}

// waitBoundary waits until node0 has passed the next cycle boundary.
func (s *soak) waitBoundary() uint64 {
	c := s.currentCycle()
	s.q.WaitBlocks(s.t, fmt.Sprintf("cycle %d", c+1), int64(3*s.cycle/time.Second)+20, func() bool {
		time.Sleep(500 * time.Millisecond)
		return s.currentCycle() > c
	})
	return c + 1
}

// ---- the end checks ----

type result struct {
	firstCycle, lastCycle uint64
	height                int64
	audit                 auditReport
	settledFrom           uint64
	settledTo             uint64
	payoutsSent           sdkmath.Int
	escrow, sent, supply  sdkmath.Int
	payerSpent            sdkmath.Int
	pool, payable         sdkmath.Int
	treasury, paidOut     sdkmath.Int
	moduleBalance         sdkmath.Int
	invariants            []string
	setup, soak, total    time.Duration
}

type auditReport struct {
	Audited    int `json:"audited"`
	Matched    int `json:"matched"`
	Mismatched int `json:"mismatched"`
	Missing    int `json:"missing"`
	Rows       []struct {
		Cycle       uint64   `json:"cycle"`
		Status      string   `json:"status"`
		Members     int      `json:"members"`
		Budget      string   `json:"budget"`
		Credited    string   `json:"credited"`
		Recompute   string   `json:"recompute"`
		Provenance  string   `json:"provenance"`
		Continuity  string   `json:"continuity"`
		Differences []string `json:"differences"`
	} `json:"rows"`
	Payouts []struct {
		ID          uint64   `json:"id"`
		Entries     int      `json:"entries"`
		TotalSent   string   `json:"total_sent"`
		Complete    bool     `json:"complete"`
		Status      string   `json:"status"`
		Differences []string `json:"differences"`
	} `json:"payouts"`
}

// check runs the audit and the conservation checks at height h of node0.
func (s *soak) check(h int64, payer string, payerStart sdkmath.Int) *result {
	t := s.t
	r := &result{height: h, sent: s.sent}

	// Settled cycles: the stored cycle records.
	var recs struct {
		Records []struct {
			Cycle uintish `json:"cycle"`
		} `json:"records"`
	}
	s.q.Query(t, &recs, heightArgs(h, "rewards", "cycle-records", "--page-limit", "10000")...)
	require.NotEmpty(t, recs.Records, "settled cycles")
	r.settledFrom, r.settledTo = uint64(recs.Records[0].Cycle), uint64(recs.Records[len(recs.Records)-1].Cycle)
	require.GreaterOrEqual(t, r.settledTo, r.settledFrom+uint64(*flagCycles)-1, "a record for every soak cycle")

	out, err := s.q.CLI(heightArgs(h, "query", "rewards", "audit", "--from", fmt.Sprint(r.settledFrom),
		"--to", fmt.Sprint(r.settledTo), "-o", "json")...)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal([]byte(out), &r.audit), out)
	a := r.audit
	require.Equal(t, int(r.settledTo-r.settledFrom+1), a.Audited, "every settled cycle audited")
	require.Zero(t, a.Missing, "no cycle without a record in [%d, %d]", r.settledFrom, r.settledTo)
	require.Zero(t, a.Mismatched, "audit mismatches")
	funded := 0
	for _, row := range a.Rows {
		require.Equal(t, "match", row.Status, "cycle %d: %v", row.Cycle, row.Differences)
		require.Equal(t, "ok", row.Recompute, "cycle %d recompute", row.Cycle)
		require.Equal(t, "ok", row.Provenance, "cycle %d provenance", row.Cycle)
		require.Equal(t, "ok", row.Continuity, "cycle %d continuity", row.Cycle)
		if mustInt(t, row.Budget).IsPositive() {
			funded++
		}
	}
	require.GreaterOrEqual(t, funded, *flagCycles/2, "cycles settled with an IBC-funded budget")
	require.NotEmpty(t, a.Payouts, "payouts were made")
	r.payoutsSent = sdkmath.ZeroInt()
	for _, p := range a.Payouts {
		require.Equal(t, "match", p.Status, "payout %d: %v", p.ID, p.Differences)
		r.payoutsSent = r.payoutsSent.Add(mustInt(t, p.TotalSent))
	}

	// USDC across both chains. The issuer's escrow for the channel holds
	// exactly what the payer sent; its vouchers are the supply on xmtpd.
	var esc string
	out, err = s.issuer.CLI("query", "ibc-transfer", "escrow-address", "transfer", channel)
	require.NoError(t, err)
	esc = strings.TrimSpace(out)
	r.escrow = s.balance(s.issuer, esc, usdc, 0)
	r.payerSpent = payerStart.Sub(s.balance(s.issuer, s.addr(s.issuer, "payer"), usdc, 0))
	r.supply = s.supply(h)

	// On xmtpd: pool (unassigned + budgets) + payable in x/rewards, the
	// treasury's holdings, and what the payouts sent to the operators.
	var pool struct {
		Unassigned string `json:"unassigned"`
		Budgets    []struct {
			Amount string `json:"amount"`
		} `json:"budgets"`
		ModuleBalance string `json:"module_balance"`
	}
	s.q.Query(t, &pool, heightArgs(h, "rewards", "pool")...)
	r.pool = mustInt(t, pool.Unassigned)
	for _, b := range pool.Budgets {
		r.pool = r.pool.Add(mustInt(t, b.Amount))
	}
	r.moduleBalance = mustInt(t, pool.ModuleBalance)
	r.payable = sdkmath.ZeroInt()
	r.paidOut = sdkmath.ZeroInt()
	for i := 1; i <= *flagOperators; i++ {
		owner := s.addr(s.q, fmt.Sprintf("op%d", i))
		var e struct {
			Account struct {
				Payable       string `json:"payable"`
				PayoutAddress string `json:"payout_address"`
			} `json:"account"`
		}
		s.q.Query(t, &e, heightArgs(h, "rewards", "earnings", owner)...)
		r.payable = r.payable.Add(mustInt(t, e.Account.Payable))
		to := owner
		if e.Account.PayoutAddress != "" {
			to = e.Account.PayoutAddress
		}
		r.paidOut = r.paidOut.Add(s.balance(s.q, to, s.voucher, h))
	}
	var tr struct {
		ModuleBalance []struct{ Denom, Amount string } `json:"module_balance"`
	}
	s.q.Query(t, &tr, heightArgs(h, "treasury", "buckets")...)
	r.treasury = sdkmath.ZeroInt()
	for _, c := range tr.ModuleBalance {
		if c.Denom == s.voucher {
			r.treasury = r.treasury.Add(mustInt(t, c.Amount))
		}
	}

	require.True(t, r.payerSpent.Equal(r.sent), "payer spent %s uusdc, soak sent %s", r.payerSpent, r.sent)
	require.True(t, r.escrow.Equal(r.sent), "issuer escrow %s != sent %s", r.escrow, r.sent)
	require.True(t, r.supply.Equal(r.escrow), "voucher supply on xmtpd %s != issuer escrow %s", r.supply, r.escrow)
	require.True(t, r.paidOut.Equal(r.payoutsSent), "operators hold %s vouchers, payouts sent %s", r.paidOut, r.payoutsSent)
	require.True(t, r.moduleBalance.Equal(r.pool.Add(r.payable)), "x/rewards holds %s = pool %s + payable %s", r.moduleBalance, r.pool, r.payable)
	held := r.pool.Add(r.payable).Add(r.treasury).Add(r.paidOut)
	require.True(t, held.Equal(r.sent), "sent %s != pool %s + payable %s + treasury %s + paid out %s = %s",
		r.sent, r.pool, r.payable, r.treasury, r.paidOut, held)
	return r
}

// report prints the result table (markdown) and writes it to -soak.table.
func (s *soak) report(r *result) {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 1, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(tw, "| %s\t| %s\t|\n", k, v) }
	row("what", "result")
	row("---", "---")
	row("soak cycles", fmt.Sprintf("%d (chain cycles %d..%d, %s each; network: 4 validators + 1 RPC node, %d operators with agents)",
		*flagCycles, r.firstCycle+1, r.lastCycle, s.cycle, *flagOperators))
	total := 0
	for _, k := range faultKinds {
		total += s.faults[k]
	}
	row("faults injected", fmt.Sprintf("%d (one every %d cycles)", total, *flagFaultEvery))
	for _, k := range faultKinds {
		row("  "+k, fmt.Sprint(s.faults[k]))
	}
	row("IBC funding transfers", fmt.Sprintf("%d: %d with the funding memo, %d to the funding address; %d needed a one-shot flush",
		s.transfers["memo"]+s.transfers["funding address"], s.transfers["memo"], s.transfers["funding address"], s.flushes))
	row("settled cycles audited", fmt.Sprintf("%d (cycles %d..%d): %d match, %d mismatch, %d missing",
		r.audit.Audited, r.settledFrom, r.settledTo, r.audit.Matched, r.audit.Mismatched, r.audit.Missing))
	row("  checks", "recompute, provenance, continuity: ok on every cycle")
	row("payouts audited", fmt.Sprintf("%d, all match; %s vouchers (micro-USDC) sent to the operators", len(r.audit.Payouts), r.payoutsSent))
	row("invariants", fmt.Sprintf("hold on all %d nodes (xmtpd debug invariants)", len(r.invariants)))
	row("headers", fmt.Sprintf("equal on all %d nodes for heights 1..%d", len(s.nw.Nodes), r.height))
	row("USDC sent (issuer payer)", r.sent.String())
	row("issuer escrow (channel-0)", r.escrow.String())
	row("voucher supply on xmtpd", r.supply.String())
	row("pool + payable + treasury + paid out", fmt.Sprintf("%s + %s + %s + %s = %s",
		r.pool, r.payable, r.treasury, r.paidOut, r.pool.Add(r.payable).Add(r.treasury).Add(r.paidOut)))
	row("conservation", "exact to the micro-unit")
	row("wall time", fmt.Sprintf("%s (setup %s, soak %s)", r.total.Round(time.Second), r.setup.Round(time.Second), r.soak.Round(time.Second)))
	_ = tw.Flush()
	fmt.Printf("\nSOAK RESULT\n%s\n", b.String())
	if *flagTable != "" {
		require.NoError(s.t, os.WriteFile(*flagTable, []byte(b.String()), 0o644))
	}
}
