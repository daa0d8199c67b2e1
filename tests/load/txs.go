//go:build load

package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/contrib/x/nft"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// account is a signer with its on-chain numbers.
type account struct {
	kr       keyring.Keyring
	name     string
	addr     sdk.AccAddress
	num, seq uint64
}

func (e *env) load(ctx context.Context, kr keyring.Keyring, name string) (*account, error) {
	rec, err := kr.Key(name)
	if err != nil {
		return nil, err
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return nil, err
	}
	a := &account{kr: kr, name: name, addr: addr}
	return a, e.refresh(ctx, a)
}

func (e *env) refresh(ctx context.Context, a *account) error {
	res, err := authtypes.NewQueryClient(e.conn).AccountInfo(ctx, &authtypes.QueryAccountInfoRequest{Address: a.addr.String()})
	if err != nil {
		return fmt.Errorf("account %s: %w", a.name, err)
	}
	a.num, a.seq = res.Info.AccountNumber, res.Info.Sequence
	return nil
}

// sign builds and signs one tx of msgs from a, and advances its sequence.
// (Unordered txs would let one sender have many in flight, but the app does
// not enable them; the phases therefore send in waves, see submitWaves.)
func (e *env) sign(ctx context.Context, a *account, gas uint64, msgs ...sdk.Msg) ([]byte, error) {
	bz, err := e.signTx(ctx, a, gas, "", false, msgs...)
	if err == nil {
		a.seq++
	}
	return bz, err
}

func (e *env) signTx(ctx context.Context, a *account, gas uint64, memo string, unordered bool, msgs ...sdk.Msg) ([]byte, error) {
	b := e.enc.TxConfig.NewTxBuilder()
	if err := b.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	b.SetGasLimit(gas)
	b.SetMemo(memo)
	seq := a.seq
	if unordered {
		b.SetUnordered(true)
		b.SetTimeoutTimestamp(time.Now().Add(5 * time.Minute))
		seq = 0
	}
	f := tx.Factory{}.WithChainID(e.cfg.chainID).WithKeybase(a.kr).WithTxConfig(e.enc.TxConfig).
		WithAccountNumber(a.num).WithSequence(seq).WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	if err := tx.Sign(ctx, f, a.name, b, true); err != nil {
		return nil, err
	}
	return e.enc.TxConfig.TxEncoder()(b.GetTx())
}

// broadcast sends signed txs (sync mode) and returns their hashes.
func (e *env) broadcast(ctx context.Context, txs [][]byte) ([]string, error) {
	c := txtypes.NewServiceClient(e.conn)
	var hashes []string
	for _, bz := range txs {
		res, err := c.BroadcastTx(ctx, &txtypes.BroadcastTxRequest{TxBytes: bz, Mode: txtypes.BroadcastMode_BROADCAST_MODE_SYNC})
		if err != nil {
			return nil, err
		}
		if res.TxResponse.Code != 0 {
			return nil, fmt.Errorf("CheckTx rejected a tx: %s", res.TxResponse.RawLog)
		}
		hashes = append(hashes, res.TxResponse.TxHash)
	}
	return hashes, nil
}

// inclusion is where a set of txs was committed.
type inclusion struct {
	last     time.Time // header time of the last block holding one of them
	blocks   int
	failed   int
	firstLog string
	gasTotal int64
}

// waitCommitted follows the blocks after fromHeight until every hash is in one.
func (e *env) waitCommitted(ctx context.Context, fromHeight int64, hashes []string) (inclusion, error) {
	want := map[string]bool{}
	for _, h := range hashes {
		want[h] = true
	}
	var inc inclusion
	for h := fromHeight + 1; len(want) > 0; {
		var blk struct {
			Block struct {
				Header struct {
					Time time.Time `json:"time"`
				} `json:"header"`
				Data struct {
					Txs []string `json:"txs"`
				} `json:"data"`
			} `json:"block"`
		}
		if err := e.rpcGet(ctx, fmt.Sprintf("block?height=%d", h), &blk); err != nil {
			if ctx.Err() != nil {
				return inc, fmt.Errorf("%d txs not committed: %w", len(want), ctx.Err())
			}
			time.Sleep(200 * time.Millisecond) // not produced yet
			continue
		}
		var results struct {
			TxsResults []struct {
				Code    int    `json:"code"`
				Log     string `json:"log"`
				GasUsed string `json:"gas_used"`
			} `json:"txs_results"`
		}
		if err := e.rpcGet(ctx, fmt.Sprintf("block_results?height=%d", h), &results); err != nil {
			if ctx.Err() != nil {
				return inc, err
			}
			time.Sleep(200 * time.Millisecond) // block stored, results not yet
			continue
		}
		ours := 0
		for i, t := range blk.Block.Data.Txs {
			raw, _ := base64.StdEncoding.DecodeString(t)
			sum := sha256.Sum256(raw)
			hash := strings.ToUpper(hex.EncodeToString(sum[:]))
			if !want[hash] {
				continue
			}
			delete(want, hash)
			ours++
			if i < len(results.TxsResults) {
				r := results.TxsResults[i]
				if r.Code != 0 {
					if inc.failed == 0 {
						inc.firstLog = r.Log
					}
					inc.failed++
				}
				var g int64
				fmt.Sscan(r.GasUsed, &g)
				inc.gasTotal += g
			}
		}
		if ours > 0 {
			inc.blocks++
			inc.last = blk.Block.Header.Time
		}
		h++
	}
	return inc, nil
}

func (e *env) rpcGet(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(e.cfg.rpc, "/")+"/"+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return err
	}
	if len(env.Error) > 0 && string(env.Error) != "null" {
		return fmt.Errorf("%s", env.Error)
	}
	return json.Unmarshal(env.Result, v)
}

func (e *env) height(ctx context.Context) (int64, error) {
	var st struct {
		SyncInfo struct {
			Height string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if err := e.rpcGet(ctx, "status", &st); err != nil {
		return 0, err
	}
	var h int64
	_, err := fmt.Sscan(st.SyncInfo.Height, &h)
	return h, err
}

// submit signs nothing: it broadcasts prepared txs and measures their commit.
func (e *env) submit(ctx context.Context, txs [][]byte) (time.Duration, inclusion, error) {
	h0, err := e.height(ctx)
	if err != nil {
		return 0, inclusion{}, err
	}
	start := time.Now()
	hashes, err := e.broadcast(ctx, txs)
	if err != nil {
		return 0, inclusion{}, err
	}
	inc, err := e.waitCommitted(ctx, h0, hashes)
	if err != nil {
		return 0, inc, err
	}
	if inc.failed > 0 {
		return 0, inc, fmt.Errorf("%d of %d txs failed in DeliverTx, the first with: %s", inc.failed, len(txs), inc.firstLog)
	}
	return inc.last.Sub(start), inc, nil
}

// submitWaves submits waves[0], waits until it is committed, then the next;
// each wave holds at most one tx per sender, so no sequence can race on a
// network where every validator proposes. It returns the time from the first
// broadcast to the header time of the last block holding the last wave.
func (e *env) submitWaves(ctx context.Context, waves [][][]byte) (time.Duration, inclusion, int, error) {
	start := time.Now()
	var total inclusion
	n := 0
	for _, w := range waves {
		_, inc, err := e.submit(ctx, w)
		if err != nil {
			return 0, total, n, err
		}
		total.blocks += inc.blocks
		total.gasTotal += inc.gasTotal
		total.last = inc.last
		n += len(w)
	}
	return total.last.Sub(start), total, n, nil
}

// txPhase sets up fresh owners (funds, NFTs), then measures the same number
// of bank sends and of operator txs from the same owners.
func (e *env) txPhase(ctx context.Context) (string, error) {
	funder, err := e.load(ctx, e.kr, "validator")
	if err != nil {
		return "", err
	}
	admin, err := e.load(ctx, e.kr, "admin")
	if err != nil {
		return "", err
	}
	params, err := nstypes.NewQueryClient(e.conn).Params(ctx, &nstypes.QueryParamsRequest{})
	if err != nil {
		return "", err
	}
	minStake, denom := params.Params.MinStake, params.Params.BondDenom

	// Setup: fresh owners with min_stake + 1 XMTP each and one operator NFT.
	run := time.Now().UnixNano()
	var owners []*account
	var fund, issue []sdk.Msg
	for i := 0; i < e.cfg.owners; i++ {
		name := fmt.Sprintf("load-%d-%d", run, i)
		rec, _, err := e.mem.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, "", hd.Secp256k1)
		if err != nil {
			return "", err
		}
		addr, _ := rec.GetAddress()
		owners = append(owners, &account{kr: e.mem, name: name, addr: addr})
		fund = append(fund, banktypes.NewMsgSend(funder.addr, addr, sdk.NewCoins(sdk.NewCoin(denom, minStake.Add(sdkmath.NewInt(1_000_000))))))
		issue = append(issue, &nstypes.MsgIssueOperatorNFT{Authority: admin.addr.String(), Recipient: addr.String()})
	}
	fundTx, err := e.sign(ctx, funder, uint64(60_000*len(fund)+100_000), fund...)
	if err != nil {
		return "", err
	}
	issueTx, err := e.sign(ctx, admin, uint64(80_000*len(issue)+100_000), issue...)
	if err != nil {
		return "", err
	}
	if _, _, err := e.submit(ctx, [][]byte{fundTx, issueTx}); err != nil {
		return "", fmt.Errorf("setup (is admin the consensus authority? fund %s from node0's validator): %w", denom, err)
	}
	nfts := map[string]string{}
	for _, o := range owners {
		if err := e.refresh(ctx, o); err != nil {
			return "", err
		}
		res, err := nft.NewQueryClient(e.conn).NFTs(ctx, &nft.QueryNFTsRequest{ClassId: nstypes.NFTClassID, Owner: o.addr.String()})
		if err != nil || len(res.Nfts) != 1 {
			return "", fmt.Errorf("owner %s holds no operator NFT: %v", o.addr, err)
		}
		nfts[o.name] = res.Nfts[0].Id
	}

	// Bank sends: each owner sends 1uxmtp to the next, perOwner waves.
	bank := make([][][]byte, e.cfg.perOwner)
	for i, o := range owners {
		to := owners[(i+1)%len(owners)].addr
		for j := 0; j < e.cfg.perOwner; j++ {
			bz, err := e.sign(ctx, o, 150_000, banktypes.NewMsgSend(o.addr, to, sdk.NewCoins(sdk.NewInt64Coin(denom, 1))))
			if err != nil {
				return "", err
			}
			bank[j] = append(bank[j], bz)
		}
	}
	bankDur, bankInc, nBank, err := e.submitWaves(ctx, bank)
	if err != nil {
		return "", fmt.Errorf("bank sends: %w", err)
	}

	// Operator txs: a wave of registrations, then perOwner-1 waves of add-stake.
	ops := make([][][]byte, e.cfg.perOwner)
	for i, o := range owners {
		reg := &nstypes.MsgRegisterOperator{
			Owner: o.addr.String(), NftId: nfts[o.name], Stake: sdk.NewCoin(denom, minStake),
			Endpoint: fmt.Sprintf("https://load%d.example.org:5050", i), Region: "DE",
		}
		bz, err := e.sign(ctx, o, 400_000, reg)
		if err != nil {
			return "", err
		}
		ops[0] = append(ops[0], bz)
		for j := 1; j < e.cfg.perOwner; j++ {
			bz, err := e.sign(ctx, o, 400_000, &nstypes.MsgAddStake{Owner: o.addr.String(), Amount: sdk.NewInt64Coin(denom, 1)})
			if err != nil {
				return "", err
			}
			ops[j] = append(ops[j], bz)
		}
	}
	opDur, opInc, nOps, err := e.submitWaves(ctx, ops)
	if err != nil {
		return "", fmt.Errorf("operator txs: %w", err)
	}

	bankTPS, opTPS := float64(nBank)/bankDur.Seconds(), float64(nOps)/opDur.Seconds()
	var b strings.Builder
	fmt.Fprintf(&b, "| transactions (%d per kind, %d waves of %d senders) | committed in | blocks | tx/s | mean gas used |\n|---|---|---|---|---|\n",
		nBank, e.cfg.perOwner, len(owners))
	fmt.Fprintf(&b, "| bank MsgSend | %s | %d | %.1f | %d |\n", bankDur.Round(time.Millisecond), bankInc.blocks, bankTPS, bankInc.gasTotal/int64(nBank))
	fmt.Fprintf(&b, "| operator (1 MsgRegisterOperator + %d MsgAddStake per owner) | %s | %d | %.1f | %d |\n",
		e.cfg.perOwner-1, opDur.Round(time.Millisecond), opInc.blocks, opTPS, opInc.gasTotal/int64(nOps))
	fmt.Fprintf(&b, "\noperator/bank throughput ratio: **%.2f** (goal >= 0.8)\n\n", opTPS/bankTPS)
	return b.String(), nil
}
