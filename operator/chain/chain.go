// Package chain is the operator agent's view of the chain: an interface the
// agent depends on (tests replace it with a fake) and its implementation over
// a node's CometBFT RPC and gRPC.
package chain

import (
	"context"
	"errors"
	"strings"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The chain's verdicts on an attestation, as the agent acts on them.
var (
	// ErrDuplicate: the chain already holds this operator's attestation for the cycle.
	ErrDuplicate = errors.New("attestation already on chain")
	// ErrNotAttestable: the chain no longer (or never) accepts the attestation:
	// wrong cycle, not a member, invalid observation.
	ErrNotAttestable = errors.New("attestation not accepted for this cycle")
	// ErrSequence: the account sequence moved (another transaction of the key); sign again.
	ErrSequence = errors.New("account sequence mismatch")
)

// Signed is a signed transaction ready to broadcast.
type Signed struct {
	Hash  string
	Bytes []byte
}

// TxStatus is what the chain says of a transaction hash.
type TxStatus struct {
	Found  bool
	Height int64
	Code   uint32
	Log    string
}

// Client is everything the agent asks of the chain.
type Client interface {
	// Height is the node's latest committed height.
	Height(ctx context.Context) (int64, error)
	// ActiveSet is x/nodeselection's Query/ActiveSet.
	ActiveSet(ctx context.Context) (*nstypes.QueryActiveSetResponse, error)
	// Endpoint is the registered endpoint of an operator.
	Endpoint(ctx context.Context, owner string) (string, error)
	// Check simulates the attestation on the chain's current state: nil when
	// it would be accepted, else ErrDuplicate, ErrNotAttestable or a transport error.
	Check(ctx context.Context, msg *nstypes.MsgSubmitAttestation) error
	// Sign builds and signs the attestation, valid up to timeoutHeight.
	Sign(ctx context.Context, msg *nstypes.MsgSubmitAttestation, timeoutHeight int64) (Signed, error)
	// Broadcast hands a signed transaction to the node's mempool (CheckTx).
	Broadcast(ctx context.Context, tx Signed) error
	// Tx looks a transaction up by hash.
	Tx(ctx context.Context, hash string) (TxStatus, error)
	// Signer is the address that signs.
	Signer() string
}

// Classify maps a chain error (a simulation or CheckTx log) to the agent's verdicts.
func Classify(codespace string, code uint32, log string) error {
	switch {
	case codespace == nstypes.ModuleName && code == nstypes.ErrDuplicateAttestation.ABCICode(),
		strings.Contains(log, nstypes.ErrDuplicateAttestation.Error()):
		return ErrDuplicate
	case codespace == nstypes.ModuleName && (code == nstypes.ErrWrongCycle.ABCICode() || code == nstypes.ErrNotMember.ABCICode() ||
		code == nstypes.ErrInvalidObservation.ABCICode() || code == nstypes.ErrAmbiguousSigner.ABCICode()),
		strings.Contains(log, nstypes.ErrWrongCycle.Error()), strings.Contains(log, nstypes.ErrNotMember.Error()),
		strings.Contains(log, nstypes.ErrInvalidObservation.Error()), strings.Contains(log, nstypes.ErrAmbiguousSigner.Error()):
		return ErrNotAttestable
	case codespace == "sdk" && code == 32, strings.Contains(log, "account sequence mismatch"), strings.Contains(log, "incorrect account sequence"):
		return ErrSequence
	}
	return nil
}
