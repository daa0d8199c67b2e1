package chainconfig_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/app/chainconfig"
)

// An address made from bytes has the xmtp spelling after SetConfig, and a
// second call (as the binary and its tests make) changes nothing.
func TestSetConfig(t *testing.T) {
	chainconfig.SetConfig()
	chainconfig.SetConfig()
	cfg := sdk.GetConfig()
	require.Equal(t, "xmtp", cfg.GetBech32AccountAddrPrefix())
	require.Equal(t, "xmtpvaloper", cfg.GetBech32ValidatorAddrPrefix())
	require.Equal(t, "xmtpvalcons", cfg.GetBech32ConsensusAddrPrefix())
	require.Equal(t, "xmtppub", cfg.GetBech32AccountPubPrefix())
	require.Regexp(t, `^xmtp1`, sdk.AccAddress(make([]byte, 20)).String())
}
