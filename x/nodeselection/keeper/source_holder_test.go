package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The rotation source reads an operator's NFT holder only when eligibility
// depends on it; an operator whose NFT is no longer held is still reported
// (and skipped), a jailed one keeps its own reason.
func TestQueueReasonReadsHolderWhenItMatters(t *testing.T) {
	f, owners := genesisWithOperators(t, 3, nil)
	require.NoError(t, f.nft.Transfer(f.ctx, types.NFTClassID, "op-2", addr(99)))
	jailed := f.operator(owners[2])
	jailed.Status = types.OPERATOR_STATUS_JAILED
	require.NoError(t, f.k.SetOperator(f.ctx, owners[2], jailed))

	q, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{})
	require.NoError(t, err)
	reasons := map[string]string{}
	for _, e := range q.Entries {
		reasons[e.Owner] = e.Reason
	}
	require.Equal(t, map[string]string{
		f.str(owners[0]): "",
		f.str(owners[1]): "no longer holds op-2",
		f.str(owners[2]): "jailed",
	}, reasons)
}
