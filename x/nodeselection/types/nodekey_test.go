package types_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	dcrsecp "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestNodeIDFromNFT(t *testing.T) {
	for nft, want := range map[string]uint32{"op-1": 100, "op-7": 700, "op-42949672": 4294967200} {
		got, err := types.NodeIDFromNFT(nft)
		require.NoError(t, err, nft)
		require.Equal(t, want, got, nft)
		back, err := types.NFTFromNodeID(got)
		require.NoError(t, err)
		require.Equal(t, nft, back)
	}
	for _, bad := range []string{"op-0", "op-01", "op-", "xx-1", "op--1", "op-42949673", "op-1a"} {
		_, err := types.NodeIDFromNFT(bad)
		require.Error(t, err, bad)
	}
	for _, bad := range []uint32{0, 150, 1} {
		_, err := types.NFTFromNodeID(bad)
		require.Error(t, err, bad)
	}
}

// The proof is checked against a digest built here from the SPEC 14 text and a
// signature made by another secp256k1 library, so the text, the hash and the
// encoding are each pinned independently of types.NodeKeyProofText.
func TestNodeKeyProofInterop(t *testing.T) {
	const chainID, owner = "xmtp-1", "xmtp1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnvz9e8c"
	priv, err := dcrsecp.GeneratePrivateKey()
	require.NoError(t, err)
	key := priv.PubKey().SerializeCompressed()
	text := "xmtpd-node-key/v1|" + chainID + "|" + owner + "|700|" + hex.EncodeToString(key)
	digest := sha256.Sum256([]byte(text))
	compact := ecdsa.SignCompact(priv, digest[:], true) // recovery byte, r, s (low-S)
	proof := compact[1:]
	require.NoError(t, types.VerifyNodeKeyProof(chainID, owner, 700, key, proof))

	// what the SDK's Sign produces verifies with the other library
	sdkPriv := &secp256k1.PrivKey{Key: priv.Serialize()}
	k2, p2, err := types.SignNodeKeyProof(sdkPriv, chainID, owner, 700)
	require.NoError(t, err)
	require.Equal(t, key, k2)
	var r, s dcrsecp.ModNScalar
	r.SetByteSlice(p2[:32])
	s.SetByteSlice(p2[32:])
	require.True(t, ecdsa.NewSignature(&r, &s).Verify(digest[:], priv.PubKey()))
	require.False(t, s.IsOverHalfOrder(), "low-S")

	// every input is bound
	require.ErrorIs(t, types.VerifyNodeKeyProof("xmtp-2", owner, 700, key, proof), types.ErrInvalidKeyProof)
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, "xmtp1zg69v7ys40x77y352eufp27daufrg4ncnjqz7q", 700, key, proof), types.ErrInvalidKeyProof)
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 800, key, proof), types.ErrInvalidKeyProof)
	other, _ := dcrsecp.GeneratePrivateKey()
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 700, other.PubKey().SerializeCompressed(), proof), types.ErrInvalidKeyProof)
	// high-S twin of a valid signature is refused
	var hs dcrsecp.ModNScalar
	hs.Set(&s).Negate()
	hsb := hs.Bytes()
	high := append(append([]byte{}, p2[:32]...), hsb[:]...)
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 700, key, high), types.ErrInvalidKeyProof)
	// malformed keys and proofs
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 700, priv.PubKey().SerializeUncompressed(), proof), types.ErrInvalidNodeKey)
	bad := append([]byte{}, key...)
	bad[0] = 0x04
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 700, bad, proof), types.ErrInvalidNodeKey)
	require.ErrorIs(t, types.VerifyNodeKeyProof(chainID, owner, 700, key, proof[:63]), types.ErrInvalidKeyProof)
	notOnCurve := append([]byte{0x02}, make([]byte, 32)...)
	notOnCurve[32] = 5
	require.ErrorIs(t, types.ValidateNodeKey(notOnCurve), types.ErrInvalidNodeKey)
}
