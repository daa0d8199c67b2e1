package types

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	dcrsecp "github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// XMTP node identity (SPEC 14): node ids, signing keys and their proof of
// possession. The keeper verifies proofs with VerifyNodeKeyProof; the CLI, the
// localnet and tests make them with SignNodeKeyProof.

const (
	// NodeIDStep is the distance between node ids: NFT op-n is node 100 × n.
	NodeIDStep = 100
	// NodeKeyLen is the length of a compressed secp256k1 public key.
	NodeKeyLen = 33
	// NodeKeyProofLen is the length of an r‖s signature.
	NodeKeyProofLen = 64
	// NodeKeyProofDomain starts the signed text.
	NodeKeyProofDomain = "xmtpd-node-key/v1"
)

// NodeIDFromNFT returns the node id of NFT op-n: 100 × n.
func NodeIDFromNFT(nftID string) (uint32, error) {
	rest, ok := strings.CutPrefix(nftID, NFTIDPrefix)
	if !ok {
		return 0, fmt.Errorf("nft_id %q is not %s<n>", nftID, NFTIDPrefix)
	}
	n, err := strconv.ParseUint(rest, 10, 64)
	if err != nil || n == 0 || rest != strconv.FormatUint(n, 10) {
		return 0, fmt.Errorf("nft_id %q is not %s<n> with n a positive decimal", nftID, NFTIDPrefix)
	}
	if n > math.MaxUint32/NodeIDStep {
		return 0, fmt.Errorf("nft_id %q: node id 100 × %d exceeds %d", nftID, n, uint32(math.MaxUint32))
	}
	return uint32(n * NodeIDStep), nil
}

// NFTFromNodeID returns the NFT of a node id; node ids are positive multiples of 100.
func NFTFromNodeID(nodeID uint32) (string, error) {
	if nodeID == 0 || nodeID%NodeIDStep != 0 {
		return "", fmt.Errorf("node_id %d is not a positive multiple of %d", nodeID, NodeIDStep)
	}
	return fmt.Sprintf("%s%d", NFTIDPrefix, nodeID/NodeIDStep), nil
}

// NodeKeyProofText is the text a node key signs to prove possession:
// xmtpd-node-key/v1|<chain_id>|<owner>|<node_id>|<key as lower-case hex>,
// owner in canonical bech32 and node_id in decimal. The signature is over its
// SHA-256 (what secp256k1 Sign of the SDK computes from the text).
func NodeKeyProofText(chainID, owner string, nodeID uint32, key []byte) []byte {
	return []byte(strings.Join([]string{NodeKeyProofDomain, chainID, owner, strconv.FormatUint(uint64(nodeID), 10), hex.EncodeToString(key)}, "|"))
}

// NodeKeyProofDigest is SHA-256 of NodeKeyProofText: the digest any
// secp256k1 library signs.
func NodeKeyProofDigest(chainID, owner string, nodeID uint32, key []byte) [32]byte {
	return sha256.Sum256(NodeKeyProofText(chainID, owner, nodeID, key))
}

// ValidateNodeKey checks that key is a 33-byte compressed secp256k1 point.
func ValidateNodeKey(key []byte) error {
	if len(key) != NodeKeyLen || (key[0] != 0x02 && key[0] != 0x03) {
		return errorsmod.Wrapf(ErrInvalidNodeKey, "signing_public_key must be a %d-byte compressed secp256k1 key (02 or 03 first), got %d bytes", NodeKeyLen, len(key))
	}
	if _, err := secp256k1ParsePubKey(key); err != nil {
		return errorsmod.Wrapf(ErrInvalidNodeKey, "signing_public_key is not a point on secp256k1: %s", err)
	}
	return nil
}

// VerifyNodeKeyProof checks that proof is the 64-byte r‖s low-S signature by
// key over SHA-256 of NodeKeyProofText.
func VerifyNodeKeyProof(chainID, owner string, nodeID uint32, key, proof []byte) error {
	if err := ValidateNodeKey(key); err != nil {
		return err
	}
	if len(proof) != NodeKeyProofLen {
		return errorsmod.Wrapf(ErrInvalidKeyProof, "key_proof must be a %d-byte r||s signature, got %d bytes", NodeKeyProofLen, len(proof))
	}
	pk := &secp256k1.PubKey{Key: key}
	if !pk.VerifySignature(NodeKeyProofText(chainID, owner, nodeID, key), proof) {
		return errorsmod.Wrapf(ErrInvalidKeyProof, "key_proof is not a low-S signature by signing_public_key over %q", NodeKeyProofText(chainID, owner, nodeID, key))
	}
	return nil
}

// SignNodeKeyProof returns the compressed public key of priv and its proof for
// owner and node id on chain chainID.
func SignNodeKeyProof(priv *secp256k1.PrivKey, chainID, owner string, nodeID uint32) (key, proof []byte, err error) {
	key = priv.PubKey().Bytes()
	proof, err = priv.Sign(NodeKeyProofText(chainID, owner, nodeID, key))
	return key, proof, err
}

func secp256k1ParsePubKey(key []byte) (*dcrsecp.PublicKey, error) { return dcrsecp.ParsePubKey(key) }
