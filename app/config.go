package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the name of the application.
	AppName = "xmtpd"
	// Bech32Prefix is the account address prefix (xmtp1…).
	Bech32Prefix = "xmtp"
	// BondDenom is the staking, gas and operator-bond token.
	BondDenom = "uxmtp"
	// RewardDenom is the default reward currency (micro-USDC).
	RewardDenom = "uusdc"
)

var (
	// Bech32PrefixValAddr is the validator operator address prefix.
	Bech32PrefixValAddr = Bech32Prefix + "valoper"
	// Bech32PrefixValPub is the validator operator public key prefix.
	Bech32PrefixValPub = Bech32Prefix + "valoperpub"
	// Bech32PrefixConsAddr is the consensus node address prefix.
	Bech32PrefixConsAddr = Bech32Prefix + "valcons"
	// Bech32PrefixConsPub is the consensus node public key prefix.
	Bech32PrefixConsPub = Bech32Prefix + "valconspub"
	// Bech32PrefixAccPub is the account public key prefix.
	Bech32PrefixAccPub = Bech32Prefix + "pub"
)

// SetConfig seals the SDK's global config with the xmtp prefixes and bond denom.
// It is idempotent, so tests and the binary may both call it.
func SetConfig() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == Bech32Prefix {
		return
	}
	cfg.SetBech32PrefixForAccount(Bech32Prefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	cfg.Seal()
	sdk.DefaultBondDenom = BondDenom
}
