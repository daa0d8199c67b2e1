package cmd

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// signerKeyEnv is the variable in which the XMTP node software takes its
// signing key (0x-prefixed hex).
const signerKeyEnv = "XMTPD_SIGNER_PRIVATE_KEY"

// NodeKeyProofCmd is `xmtpd operator node-key-proof`: it prints the XMTP
// node's signing_public_key and the key_proof that register-operator and
// update-operator carry (SPEC 14), for one owner, node id and chain.
func NodeKeyProofCmd() *cobra.Command {
	var owner, nftID, chainID, keyHex, keyFile string
	var nodeID uint32
	cmd := &cobra.Command{
		Use:   "node-key-proof",
		Short: "Print the XMTP node's signing_public_key and its key_proof (hex) for register-operator / update-operator",
		Long: "Signs, with the XMTP node's secp256k1 signing key, SHA-256 of\n" +
			"  xmtpd-node-key/v1|<chain_id>|<owner>|<node_id>|<public key hex>\n" +
			"and prints the compressed public key and the 64-byte r||s signature in hex. The key is the one the XMTP node\n" +
			"signs with (" + signerKeyEnv + "): --key-hex or --key-file, hex with or without 0x; a key file may also hold\n" +
			"a line " + signerKeyEnv + "=0x… (an env file). The private key never leaves this machine.",
		Example: "xmtpd operator node-key-proof --owner xmtp1… --node-id 700 --chain-id xmtp-1 --key-file /etc/xmtpd/signer.env\n" +
			"xmtpd tx nodeselection update-operator --signing-public-key <signing_public_key> --key-proof <key_proof> --from operator",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr, err := sdk.AccAddressFromBech32(strings.ToLower(owner))
			if err != nil {
				return fmt.Errorf("--owner %q: %w", owner, err)
			}
			id, err := resolveNodeID(nodeID, nftID)
			if err != nil {
				return err
			}
			if chainID == "" {
				return fmt.Errorf("--chain-id is required (the proof is bound to one chain)")
			}
			priv, err := readNodeKey(keyHex, keyFile)
			if err != nil {
				return err
			}
			key, proof, err := nstypes.SignNodeKeyProof(priv, chainID, addr.String(), id)
			if err != nil {
				return err
			}
			if err := nstypes.VerifyNodeKeyProof(chainID, addr.String(), id, key, proof); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "owner: %s\nnode_id: %d\nchain_id: %s\nsigning_public_key: %x\nkey_proof: %x\n",
				addr.String(), id, chainID, key, proof)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&owner, "owner", "", "the operator's owner address (xmtp1…)")
	f.Uint32Var(&nodeID, "node-id", 0, "the node id (100 × n for NFT op-n)")
	f.StringVar(&nftID, "nft-id", "", "the operator NFT (op-n), instead of --node-id")
	f.StringVar(&chainID, "chain-id", "", "the chain id the registration is sent to")
	f.StringVar(&keyHex, "key-hex", "", "the XMTP node's secp256k1 private key, hex (0x optional)")
	f.StringVar(&keyFile, "key-file", "", "a file holding that key in hex, or an env file with "+signerKeyEnv+"=…")
	return cmd
}

// resolveNodeID is the node id of --node-id or --nft-id (exactly one).
func resolveNodeID(nodeID uint32, nftID string) (uint32, error) {
	switch {
	case nodeID != 0 && nftID != "":
		return 0, fmt.Errorf("give --node-id or --nft-id, not both")
	case nftID != "":
		id, err := nstypes.NodeIDFromNFT(nftID)
		if err != nil {
			return 0, fmt.Errorf("--nft-id: %w", err)
		}
		return id, nil
	case nodeID == 0:
		return 0, fmt.Errorf("--node-id (100 × n for NFT op-n) or --nft-id is required")
	}
	if _, err := nstypes.NFTFromNodeID(nodeID); err != nil {
		return 0, fmt.Errorf("--node-id: %w", err)
	}
	return nodeID, nil
}

// readNodeKey reads the private key from --key-hex or --key-file (exactly one).
func readNodeKey(keyHex, keyFile string) (*secp256k1.PrivKey, error) {
	src, text := "--key-hex", keyHex
	switch {
	case keyHex != "" && keyFile != "":
		return nil, fmt.Errorf("give --key-hex or --key-file, not both")
	case keyFile != "":
		bz, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("--key-file: %w", err)
		}
		src, text = "--key-file "+keyFile, string(bz)
		for _, line := range strings.Split(text, "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), signerKeyEnv+"="); ok {
				text = strings.Trim(v, `"' `)
			}
		}
	case keyHex == "":
		return nil, fmt.Errorf("--key-hex or --key-file is required")
	}
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(strings.TrimPrefix(text, "0x"), "0X")
	bz, err := hex.DecodeString(text)
	if err != nil || len(bz) != secp256k1.PrivKeySize {
		return nil, fmt.Errorf("%s: want a %d-byte secp256k1 private key in hex (0x optional)", src, secp256k1.PrivKeySize)
	}
	if bytes.Equal(bz, make([]byte, secp256k1.PrivKeySize)) {
		return nil, fmt.Errorf("%s: the private key is zero", src)
	}
	return &secp256k1.PrivKey{Key: bz}, nil
}
