package integration_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"

	"github.com/xmtp/xmtpd-chain/app"
	"github.com/xmtp/xmtpd-chain/app/apptesting"
)

// A legacy text proposal (MsgExecLegacyContent) is accepted by x/gov instead
// of failing inside the SDK for want of a legacy router.
func TestLegacyTextProposalIsAccepted(t *testing.T) {
	ta := apptesting.Setup(t, apptesting.Config{Accounts: 1})
	proposer := ta.Accounts[0]
	content, err := govv1.NewLegacyContent(govv1beta1.NewTextProposal("Signal", "Run xmtpd v2 nodes"),
		authtypes.NewModuleAddress(govtypes.ModuleName).String())
	require.NoError(t, err)
	msg, err := govv1.NewMsgSubmitProposal([]sdk.Msg{content}, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000_000)),
		proposer.Addr.String(), "", "Signal", "Run xmtpd v2 nodes", false)
	require.NoError(t, err)

	res := ta.DeliverTx(proposer, time.Second, msg)

	require.Zero(t, res.Code, res.Log)
	p, err := ta.GovKeeper.Proposals.Get(ta.Ctx(), 1)
	require.NoError(t, err)
	require.Equal(t, govv1.StatusVotingPeriod, p.Status)
}
