package attester_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/xmtp/xmtpd-chain/operator/chain"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// fakeChain is one key's view of a chain that keeps the chain's rules: one
// attestation per attester per cycle, account sequences, timeout heights.
type fakeChain struct {
	mu         sync.Mutex
	height     int64
	seq        uint64
	attestable map[uint64]bool
	held       map[uint64]*nstypes.MsgSubmitAttestation // the attestations in state
	mempool    map[string]fakeTx
	results    map[string]chain.TxStatus
	signed     int
	broadcasts int
	failNext   error // returned by the next Broadcast
}

type fakeTx struct {
	Seq     uint64
	Timeout int64
	Msg     *nstypes.MsgSubmitAttestation
}

func newFakeChain(attestable ...uint64) *fakeChain {
	f := &fakeChain{height: 10, attestable: map[uint64]bool{}, held: map[uint64]*nstypes.MsgSubmitAttestation{},
		mempool: map[string]fakeTx{}, results: map[string]chain.TxStatus{}}
	for _, c := range attestable {
		f.attestable[c] = true
	}
	return f
}

func (f *fakeChain) Signer() string { return "xmtp1signer" }

func (f *fakeChain) Height(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.height, nil
}

func (f *fakeChain) ActiveSet(context.Context) (*nstypes.QueryActiveSetResponse, error) {
	return nil, errors.New("unused")
}

func (f *fakeChain) Endpoint(context.Context, string) (string, error) {
	return "", errors.New("unused")
}

func (f *fakeChain) verdict(msg *nstypes.MsgSubmitAttestation) error {
	if f.held[msg.Cycle] != nil {
		return chain.ErrDuplicate
	}
	if !f.attestable[msg.Cycle] {
		return chain.ErrNotAttestable
	}
	return nil
}

func (f *fakeChain) Check(_ context.Context, msg *nstypes.MsgSubmitAttestation) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.verdict(msg)
}

func (f *fakeChain) Sign(_ context.Context, msg *nstypes.MsgSubmitAttestation, timeout int64) (chain.Signed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.signed++
	bz, _ := json.Marshal(fakeTx{Seq: f.seq, Timeout: timeout, Msg: msg})
	return chain.Signed{Hash: fmt.Sprintf("TX%d-%d", msg.Cycle, f.signed), Bytes: bz}, nil
}

func (f *fakeChain) Broadcast(_ context.Context, s chain.Signed) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.broadcasts++
	if err := f.failNext; err != nil {
		f.failNext = nil
		return err
	}
	var tx fakeTx
	if err := json.Unmarshal(s.Bytes, &tx); err != nil {
		return err
	}
	if _, ok := f.mempool[s.Hash]; ok {
		return errors.New("tx already exists in cache")
	}
	pending := uint64(len(f.mempool))
	if tx.Seq != f.seq+pending {
		return fmt.Errorf("%w: expected %d, got %d", chain.ErrSequence, f.seq+pending, tx.Seq)
	}
	f.mempool[s.Hash] = tx
	return nil
}

// commit makes a block of the mempool: a second attestation of a cycle fails
// with the chain's duplicate error, as x/nodeselection does.
func (f *fakeChain) commit() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.height++
	for hash, tx := range f.mempool {
		delete(f.mempool, hash)
		if tx.Timeout < f.height {
			continue
		}
		f.seq++
		if err := f.verdict(tx.Msg); err != nil {
			f.results[hash] = chain.TxStatus{Found: true, Height: f.height, Code: 22, Log: nstypes.ErrDuplicateAttestation.Error()}
			continue
		}
		f.held[tx.Msg.Cycle] = tx.Msg
		f.results[hash] = chain.TxStatus{Found: true, Height: f.height}
	}
}

// drop loses the mempool (a node restart).
func (f *fakeChain) drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mempool = map[string]fakeTx{}
}

func (f *fakeChain) Tx(_ context.Context, hash string) (chain.TxStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.results[hash], nil
}

// deliveredTxs counts transactions of the cycle that made it into blocks (any code).
func (f *fakeChain) deliveredTxs() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.results)
}

func newHeld() *nstypes.MsgSubmitAttestation { return &nstypes.MsgSubmitAttestation{Cycle: 4} }
