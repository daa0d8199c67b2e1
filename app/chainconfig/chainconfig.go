// Package chainconfig holds the chain's bech32 prefixes and bond denom and
// seals the SDK's global address config with the prefixes. It is a leaf: the
// xmtpd binary (through package app), the light operator agent (which must
// not link the app) and the end-to-end tests that only start the binary all
// use it, so the values are written once.
package chainconfig

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// Bech32Prefix is the account address prefix (xmtp1…).
	Bech32Prefix = "xmtp"
	// Bech32PrefixAccPub is the account public key prefix.
	Bech32PrefixAccPub = Bech32Prefix + "pub"
	// Bech32PrefixValAddr is the validator operator address prefix.
	Bech32PrefixValAddr = Bech32Prefix + "valoper"
	// Bech32PrefixValPub is the validator operator public key prefix.
	Bech32PrefixValPub = Bech32Prefix + "valoperpub"
	// Bech32PrefixConsAddr is the consensus node address prefix.
	Bech32PrefixConsAddr = Bech32Prefix + "valcons"
	// Bech32PrefixConsPub is the consensus node public key prefix.
	Bech32PrefixConsPub = Bech32Prefix + "valconspub"
	// BondDenom is the staking, gas and operator-bond token.
	BondDenom = "uxmtp"
)

// SetConfig seals the SDK's global config with the xmtp prefixes. It is
// idempotent, so tests and binaries may call it more than once.
func SetConfig() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	cfg.Seal()
}
