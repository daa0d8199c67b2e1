// Package relayer_test runs the ICS-20 funding flows of SPEC 10 with a real
// relayer between two real xmtpd processes: an issuer chain whose native
// uusdc plays Noble's USDC, and xmtpd with reward_denom the uusdc voucher
// and funding_channels [channel-0]. The relayer is cosmos/relayer (rly),
// built once by scripts/build-relayer.sh into build/rly. Every packet is
// relayed by a one-shot `rly tx flush`, so a test controls when packets
// move (the timeout flow needs a packet nobody relays in time).
package relayer_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
	"github.com/xmtp/xmtpd-chain/tests/testchain"
	rewardstypes "github.com/xmtp/xmtpd-chain/x/rewards/types"
)

const (
	issuerChain = "noble-local-1"
	xmtpChain   = "xmtp-local-1"
	usdc        = "uusdc"
	channel     = "channel-0" // both ends: the first channel of fresh chains
	pathName    = "usdc"
)

// world is the two chains and the relayer between them.
type world struct {
	t      *testing.T
	rly    string // the rly binary
	home   string // rly's home
	issuer *testchain.Node
	xmtp   *testchain.Node
}

// voucher is uusdc's denom on xmtpd after channel-0.
func voucher() string { return testchain.VoucherDenom(usdc, channel) }

// newWorld starts both chains, funds a relayer key on each and links them
// (clients, connection, transfer channel).
func newWorld(t *testing.T) *world {
	t.Helper()
	rly := testchain.RelayerBinary(t)
	bin := testchain.Binary(t)
	issuerNet := testchain.NewLocalnet(t, bin, "--chain-id", issuerChain, "--operators", "1", "--cycle-duration", "10s")
	xmtpNet := testchain.NewLocalnet(t, bin, "--chain-id", xmtpChain, "--operators", "2",
		"--cycle-duration", "4s", "--payout-period", "8s")
	testchain.EditGenesis(t, xmtpNet.Nodes[0].Home, func(g map[string]any) {
		p := g["app_state"].(map[string]any)["rewards"].(map[string]any)["params"].(map[string]any)
		p["reward_denom"] = voucher()
		p["funding_channels"] = []string{channel}
	})
	issuerNet.StartAll(t)
	xmtpNet.StartAll(t)
	w := &world{t: t, rly: rly, home: t.TempDir(), issuer: issuerNet.Nodes[0], xmtp: xmtpNet.Nodes[0]}

	w.relay("config", "init")
	for name, n := range map[string]*testchain.Node{"issuer": w.issuer, "xmtp": w.xmtp} {
		cfg := map[string]any{"type": "cosmos", "value": map[string]any{
			"key": "relayer", "chain-id": chainID(n, w), "rpc-addr": fmt.Sprintf("http://127.0.0.1:%d", n.RPCPort()),
			"account-prefix": chainconfig.Bech32Prefix, "keyring-backend": "test", "gas-adjustment": 1.5,
			"gas-prices": "0" + chainconfig.BondDenom, "debug": false, "timeout": "20s", "output-format": "json",
			"sign-mode": "direct", "coin-type": 118, "broadcast-mode": "batch",
		}}
		file := filepath.Join(w.home, name+".json")
		bz, err := json.Marshal(cfg)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(file, bz, 0o644))
		w.relay("chains", "add", "--file", file, name)
		var key struct{ Address string }
		require.NoError(t, json.Unmarshal([]byte(w.relay("keys", "add", name, "relayer")), &key))
		// The relayer's account must exist; gas is free (minimum gas price 0).
		n.Tx(t, n.Home, "admin", "bank", "send", "admin", key.Address, "1000000"+chainconfig.BondDenom)
	}
	w.relay("paths", "new", issuerChain, xmtpChain, pathName)
	start := time.Now()
	w.relay("tx", "link", pathName, "--src-port", "transfer", "--dst-port", "transfer", "--version", transfertypes.V1)
	t.Logf("rly tx link: %s", time.Since(start).Round(time.Millisecond))
	return w
}

func chainID(n *testchain.Node, w *world) string {
	if n == w.issuer {
		return issuerChain
	}
	return xmtpChain
}

// relay runs rly with its home, logs its output to rly.log and returns stdout.
func (w *world) relay(args ...string) string {
	w.t.Helper()
	cmd := exec.Command(w.rly, append(args, "--home", w.home)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	f, ferr := os.OpenFile(filepath.Join(w.home, "rly.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if ferr == nil {
		fmt.Fprintf(f, "$ rly %s\n%s%s\n", strings.Join(args, " "), out, stderr.String())
		_ = f.Close()
	}
	if err != nil {
		w.t.Fatalf("rly %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

// flush relays every pending packet, acknowledgement and timeout once.
func (w *world) flush() { w.relay("tx", "flush", pathName, channel) }

// balance is an address's balance of denom on a node.
func balance(t *testing.T, n *testchain.Node, addr, denom string) sdkmath.Int {
	var res struct {
		Balance struct{ Amount string } `json:"balance"`
	}
	n.Query(t, &res, "bank", "balance", addr, denom)
	if res.Balance.Amount == "" {
		return sdkmath.ZeroInt()
	}
	amt, ok := sdkmath.NewIntFromString(res.Balance.Amount)
	require.True(t, ok, res.Balance.Amount)
	return amt
}

// poolState is x/rewards' Query/Pool.
type poolState struct {
	Denom      string `json:"denom"`
	Unassigned string `json:"unassigned"`
	Budgets    []struct {
		Cycle  string `json:"cycle"`
		Amount string `json:"amount"`
	} `json:"budgets"`
	ModuleBalance string `json:"module_balance"`
}

func (w *world) pool() poolState {
	var p poolState
	w.xmtp.Query(w.t, &p, "rewards", "pool")
	return p
}

// payer is the issuer's key holding uusdc.
func (w *world) payer() string { return keyAddr(w.t, w.issuer, "payer") }

// transfer sends amount uusdc from the issuer's payer over channel-0 and
// returns once the transfer tx is committed on the issuer.
func (w *world) transfer(receiver string, amount int64, extra ...string) {
	w.t.Helper()
	args := append([]string{"ibc-transfer", "transfer", "transfer", channel, receiver, fmt.Sprintf("%d%s", amount, usdc)}, extra...)
	w.issuer.Tx(w.t, w.issuer.Home, "payer", args...)
}

// moduleAddr is the x/rewards module account (the memo funding receiver).
func moduleAddr() string {
	return sdk.MustBech32ifyAddressBytes(chainconfig.Bech32Prefix, authtypes.NewModuleAddress(rewardstypes.ModuleName))
}

// keyAddr is the address of a key in a node's test keyring.
func keyAddr(t *testing.T, n *testchain.Node, name string) string {
	t.Helper()
	out, err := n.CLI("keys", "show", name, "-a", "--keyring-backend", "test")
	require.NoError(t, err)
	return strings.TrimSpace(out)
}

// supply is the voucher's total supply on xmtpd: every voucher ever
// received and not sent back (payouts move vouchers, they do not burn them).
func (w *world) supply() sdkmath.Int {
	var res struct {
		Amount struct{ Amount string } `json:"amount"`
	}
	w.xmtp.Query(w.t, &res, "bank", "total-supply-of", voucher())
	if res.Amount.Amount == "" {
		return sdkmath.ZeroInt()
	}
	return mustInt(w.t, res.Amount.Amount)
}

// conserved checks that every voucher on xmtpd is in x/rewards or was paid
// to a demo operator (op1, op2): none sits at the funding address or elsewhere.
func (w *world) conserved() {
	w.t.Helper()
	for i := 0; i < 3; i++ { // a payout may land between the queries: read again
		held := mustInt(w.t, w.pool().ModuleBalance)
		for _, op := range []string{"op1", "op2"} {
			held = held.Add(balance(w.t, w.xmtp, keyAddr(w.t, w.xmtp, op), voucher()))
		}
		if held.Equal(w.supply()) {
			return
		}
	}
	w.t.Fatalf("vouchers outside x/rewards and the operators: supply %s", w.supply())
}

func mustInt(t *testing.T, s string) sdkmath.Int {
	v, ok := sdkmath.NewIntFromString(s)
	require.True(t, ok, "integer %q", s)
	return v
}

func TestRelayerFundingFlows(t *testing.T) {
	if testing.Short() {
		t.Skip("relayer test: two real xmtpd processes and cosmos/relayer (skipped with -short)")
	}
	start := time.Now()
	w := newWorld(t)
	payer := w.payer()
	payerUSDC := func() sdkmath.Int { return balance(t, w.issuer, payer, usdc) }

	t.Run("link", func(t *testing.T) {
		for _, n := range []*testchain.Node{w.issuer, w.xmtp} {
			var res struct {
				Channels []struct {
					State        string `json:"state"`
					PortID       string `json:"port_id"`
					ChannelID    string `json:"channel_id"`
					Version      string `json:"version"`
					Counterparty struct {
						ChannelID string `json:"channel_id"`
					} `json:"counterparty"`
				} `json:"channels"`
			}
			n.Query(t, &res, "ibc", "channel", "channels")
			require.Len(t, res.Channels, 1)
			c := res.Channels[0]
			require.Equal(t, "STATE_OPEN", c.State)
			require.Equal(t, channel, c.ChannelID)
			require.Equal(t, channel, c.Counterparty.ChannelID)
			require.Equal(t, transfertypes.V1, c.Version)
		}
	})

	t.Run("funding memo: pool, budget, settlement", func(t *testing.T) {
		const amount = 50_000_000
		before := payerUSDC()
		w.transfer(moduleAddr(), amount, "--memo", rewardstypes.FundingMemo)
		w.flush()
		require.Equal(t, before.SubRaw(amount), payerUSDC(), "the payer paid")
		p := w.pool()
		require.Equal(t, voucher(), p.Denom)
		require.Equal(t, sdkmath.NewInt(amount), mustInt(t, p.ModuleBalance), "the vouchers are in x/rewards")
		// The pool becomes a cycle's budget at the next boundary...
		var budgetCycle string
		w.xmtp.WaitBlocks(t, "the funding becomes a budget", 30, func() bool {
			for _, b := range w.pool().Budgets {
				if mustInt(t, b.Amount).Equal(sdkmath.NewInt(amount)) {
					budgetCycle = b.Cycle
					return true
				}
			}
			return false
		})
		// ...and that cycle is settled: its record credits the operators.
		w.xmtp.WaitBlocks(t, "the budget's cycle is settled", 30, func() bool {
			var recs struct {
				Records []struct {
					Cycle         string `json:"cycle"`
					Budget        string `json:"budget"`
					TotalCredited string `json:"total_credited"`
				} `json:"records"`
			}
			w.xmtp.Query(t, &recs, "rewards", "cycle-records", "--page-reverse")
			for _, r := range recs.Records {
				if r.Cycle == budgetCycle {
					require.Equal(t, sdkmath.NewInt(amount), mustInt(t, r.Budget))
					require.True(t, mustInt(t, r.TotalCredited).IsPositive(), "operators credited from the budget")
					w.conserved()
					return true
				}
			}
			return false
		})
	})

	t.Run("plain transfer to the module: refund", func(t *testing.T) {
		before, supply := payerUSDC(), w.supply()
		w.transfer(moduleAddr(), 3_000_000)
		require.Equal(t, before.SubRaw(3_000_000), payerUSDC(), "escrowed")
		w.flush()
		require.Equal(t, before, payerUSDC(), "refunded after the error acknowledgement")
		require.Equal(t, supply, w.supply(), "nothing arrived on xmtpd")
		w.conserved()
	})

	t.Run("timeout: refund", func(t *testing.T) {
		before := payerUSDC()
		// 2s after sending (relative to the issuer's view of xmtpd's time), no height timeout.
		w.transfer(moduleAddr(), 4_000_000, "--memo", rewardstypes.FundingMemo,
			"--packet-timeout-height", "0-0", "--packet-timeout-timestamp", fmt.Sprint((2 * time.Second).Nanoseconds()))
		require.Equal(t, before.SubRaw(4_000_000), payerUSDC(), "escrowed")
		supply := w.supply()
		h := w.xmtp.Height()
		w.xmtp.WaitHeight(t, h+5, time.Minute) // xmtpd's time passes the timeout
		w.flush()
		require.Equal(t, before, payerUSDC(), "refunded after the timeout was proven")
		require.Equal(t, supply, w.supply(), "nothing arrived on xmtpd")
	})

	t.Run("funding address without memo: pool", func(t *testing.T) {
		var params struct {
			FundingAddress string `json:"funding_address"`
		}
		w.xmtp.Query(t, &params, "rewards", "params")
		want := sdk.MustBech32ifyAddressBytes(chainconfig.Bech32Prefix, address.Module(rewardstypes.ModuleName, []byte("ibc-funding")))
		require.Equal(t, want, params.FundingAddress, "the address README 'Getting USDC in' documents")
		const amount = 7_000_000
		before, supply := payerUSDC(), w.supply()
		w.transfer(params.FundingAddress, amount)
		w.flush()
		require.Equal(t, before.SubRaw(amount), payerUSDC(), "the payer paid")
		require.Equal(t, supply.AddRaw(amount), w.supply(), "the vouchers arrived on xmtpd")
		w.conserved()
		require.True(t, balance(t, w.xmtp, params.FundingAddress, voucher()).IsZero(), "the funding address keeps nothing")
	})

	t.Run("rate limit exceeded: refund", func(t *testing.T) {
		// 10% a day of the voucher's channel value (its supply on xmtpd), set by the authority (admin).
		msg := map[string]any{
			"@type":  sdk.MsgTypeURL(&ratelimittypes.MsgAddRateLimit{}),
			"signer": keyAddr(t, w.xmtp, "admin"), "denom": voucher(), "channel_or_client_id": channel,
			"max_percent_send": "10", "max_percent_recv": "10", "duration_hours": "24",
		}
		bz, err := json.Marshal(map[string]any{"messages": []any{msg}, "title": "limit", "summary": "limit", "deposit": "1" + chainconfig.BondDenom})
		require.NoError(t, err)
		file := filepath.Join(t.TempDir(), "limit.json")
		require.NoError(t, os.WriteFile(file, bz, 0o644))
		w.xmtp.Tx(t, w.xmtp.Home, "admin", "authority", "exec", file)

		before, supply := payerUSDC(), w.supply()
		big := supply.QuoRaw(2).Int64() // 50% of the channel value
		w.transfer(moduleAddr(), big, "--memo", rewardstypes.FundingMemo)
		require.Equal(t, before.SubRaw(big), payerUSDC(), "escrowed")
		w.flush()
		require.Equal(t, before, payerUSDC(), "refunded: the rate limit refused the inflow")
		require.Equal(t, supply, w.supply(), "nothing arrived on xmtpd")
		// Under the limit, funding still works.
		w.transfer(moduleAddr(), supply.QuoRaw(20).Int64(), "--memo", rewardstypes.FundingMemo)
		w.flush()
		require.Equal(t, supply.Add(supply.QuoRaw(20)), w.supply(), "5% of the channel value passes the 10% limit")
		w.conserved()
	})

	t.Logf("TestRelayerFundingFlows wall time: %s", time.Since(start).Round(time.Second))
}
