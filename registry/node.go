package registry

import (
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Node is one XMTP node as the chain lists it. The first five fields are
// those of the XMTP node's own registry; the rest are this chain's additions.
type Node struct {
	// NodeID is 100 × n for NFT op-n, never reused.
	NodeID uint32
	// SigningKey is the secp256k1 key in force (nil when the node has none
	// or the chain's bytes do not parse; IsValidConfig is then false).
	SigningKey *ecdsa.PublicKey
	// HTTPAddress is the node's registered endpoint.
	HTTPAddress string
	// IsCanonical: the node is a member of the current active set.
	IsCanonical bool
	// IsValidConfig: a key in force, a valid endpoint, not jailed or leaving
	// (the chain's verdict, and false when the key does not parse here).
	IsValidConfig bool

	// IsNext: the node is a member of the announced next set.
	IsNext bool
	// Owner is the operator's owner address.
	Owner string
	// Moniker is the operator's public name.
	Moniker string
	// PendingSigningKey is an announced rotation, in force from EffectiveCycle.
	PendingSigningKey *ecdsa.PublicKey
	// EffectiveCycle is the cycle from which PendingSigningKey signs (0: none).
	EffectiveCycle uint64
	// Status is the operator's life-cycle status (OPERATOR_STATUS_…).
	Status string
}

// Equal reports whether two nodes have the same values in every field.
func (n Node) Equal(o Node) bool {
	return n.NodeID == o.NodeID && keysEqual(n.SigningKey, o.SigningKey) && n.HTTPAddress == o.HTTPAddress &&
		n.IsCanonical == o.IsCanonical && n.IsValidConfig == o.IsValidConfig && n.IsNext == o.IsNext &&
		n.Owner == o.Owner && n.Moniker == o.Moniker && keysEqual(n.PendingSigningKey, o.PendingSigningKey) &&
		n.EffectiveCycle == o.EffectiveCycle && n.Status == o.Status
}

func keysEqual(a, b *ecdsa.PublicKey) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(b)
}

// FromChain converts the chain's record. A key that is set but does not parse
// is left nil and makes the node invalid; it never fails the whole list.
func FromChain(n nstypes.Node) Node {
	out := Node{
		NodeID: n.NodeId, HTTPAddress: n.HttpAddress, IsCanonical: n.IsCanonical, IsValidConfig: n.IsValidConfig,
		IsNext: n.IsNext, Owner: n.Owner, Moniker: n.Moniker, EffectiveCycle: n.EffectiveCycle, Status: n.Status.String(),
	}
	key, err := ParseKey(n.SigningPublicKey)
	if err != nil {
		out.IsValidConfig = false
	}
	out.SigningKey = key
	if pending, err := ParseKey(n.PendingSigningPublicKey); err == nil {
		out.PendingSigningKey = pending
	} else {
		out.EffectiveCycle = 0
	}
	return out
}

// ParseKey parses a 33-byte compressed secp256k1 key; empty input is no key
// (nil, error).
func ParseKey(b []byte) (*ecdsa.PublicKey, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("no key")
	}
	if len(b) != secp256k1.PubKeyBytesLenCompressed {
		return nil, fmt.Errorf("key is %d bytes, want %d (compressed)", len(b), secp256k1.PubKeyBytesLenCompressed)
	}
	pk, err := secp256k1.ParsePubKey(b)
	if err != nil {
		return nil, err
	}
	return pk.ToECDSA(), nil
}

// CompressKey is the 33-byte compressed form of a secp256k1 key (nil for nil).
func CompressKey(k *ecdsa.PublicKey) []byte {
	if k == nil {
		return nil
	}
	var x, y secp256k1.FieldVal
	x.SetByteSlice(k.X.Bytes())
	y.SetByteSlice(k.Y.Bytes())
	return secp256k1.NewPublicKey(&x, &y).SerializeCompressed()
}

// nodeJSON is the JSON form of a Node: the chain's field names, keys as
// lower-case hex of their compressed bytes.
type nodeJSON struct {
	NodeID                  uint32 `json:"node_id"`
	Owner                   string `json:"owner"`
	Moniker                 string `json:"moniker"`
	SigningPublicKey        string `json:"signing_public_key"`
	PendingSigningPublicKey string `json:"pending_signing_public_key,omitempty"`
	EffectiveCycle          uint64 `json:"effective_cycle,omitempty"`
	HTTPAddress             string `json:"http_address"`
	IsCanonical             bool   `json:"is_canonical"`
	IsNext                  bool   `json:"is_next"`
	IsValidConfig           bool   `json:"is_valid_config"`
	Status                  string `json:"status"`
}

// MarshalJSON writes the node with the chain's field names.
func (n Node) MarshalJSON() ([]byte, error) {
	return json.Marshal(nodeJSON{
		NodeID: n.NodeID, Owner: n.Owner, Moniker: n.Moniker, SigningPublicKey: hex.EncodeToString(CompressKey(n.SigningKey)),
		PendingSigningPublicKey: hex.EncodeToString(CompressKey(n.PendingSigningKey)), EffectiveCycle: n.EffectiveCycle,
		HTTPAddress: n.HTTPAddress, IsCanonical: n.IsCanonical, IsNext: n.IsNext, IsValidConfig: n.IsValidConfig, Status: n.Status,
	})
}

// UnmarshalJSON reads what MarshalJSON wrote (a reader of nodes.json).
func (n *Node) UnmarshalJSON(b []byte) error {
	var j nodeJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	key, err := parseHexKey("signing_public_key", j.SigningPublicKey)
	if err != nil {
		return err
	}
	pending, err := parseHexKey("pending_signing_public_key", j.PendingSigningPublicKey)
	if err != nil {
		return err
	}
	*n = Node{NodeID: j.NodeID, SigningKey: key, HTTPAddress: j.HTTPAddress, IsCanonical: j.IsCanonical,
		IsValidConfig: j.IsValidConfig, IsNext: j.IsNext, Owner: j.Owner, Moniker: j.Moniker,
		PendingSigningKey: pending, EffectiveCycle: j.EffectiveCycle, Status: j.Status}
	return nil
}

func parseHexKey(field, s string) (*ecdsa.PublicKey, error) {
	if s == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		return nil, fmt.Errorf("%s %q: not hex: %w", field, s, err)
	}
	k, err := ParseKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s %q: not a compressed secp256k1 key: %w", field, s, err)
	}
	return k, nil
}
