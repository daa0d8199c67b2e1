package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
)

const (
	// AppName is the name of the application.
	AppName = "xmtpd"
	// Bech32Prefix is the account address prefix (xmtp1…).
	Bech32Prefix = chainconfig.Bech32Prefix
	// BondDenom is the staking, gas and operator-bond token.
	BondDenom = chainconfig.BondDenom
	// RewardDenom is the default reward currency (micro-USDC).
	RewardDenom = "uusdc"
	// Bech32PrefixValAddr is the validator operator address prefix.
	Bech32PrefixValAddr = chainconfig.Bech32PrefixValAddr
	// Bech32PrefixValPub is the validator operator public key prefix.
	Bech32PrefixValPub = chainconfig.Bech32PrefixValPub
	// Bech32PrefixConsAddr is the consensus node address prefix.
	Bech32PrefixConsAddr = chainconfig.Bech32PrefixConsAddr
	// Bech32PrefixConsPub is the consensus node public key prefix.
	Bech32PrefixConsPub = chainconfig.Bech32PrefixConsPub
	// Bech32PrefixAccPub is the account public key prefix.
	Bech32PrefixAccPub = chainconfig.Bech32PrefixAccPub
)

// SetConfig seals the SDK's global config with the xmtp prefixes
// (chainconfig) and sets the bond denom. It is idempotent, so tests and the
// binary may both call it.
func SetConfig() {
	chainconfig.SetConfig()
	sdk.DefaultBondDenom = BondDenom
}
