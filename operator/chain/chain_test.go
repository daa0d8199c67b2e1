package chain_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/operator/chain"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestClassify(t *testing.T) {
	dup := nstypes.ErrDuplicateAttestation.Wrap("operator x already attested cycle 3")
	require.True(t, errors.Is(chain.Classify(nstypes.ModuleName, nstypes.ErrDuplicateAttestation.ABCICode(), ""), chain.ErrDuplicate))
	require.True(t, errors.Is(chain.Classify("", 0, "rpc error: "+dup.Error()), chain.ErrDuplicate))
	require.True(t, errors.Is(chain.Classify("", 0, nstypes.ErrWrongCycle.Wrap("cycle 3").Error()), chain.ErrNotAttestable))
	require.True(t, errors.Is(chain.Classify("sdk", 32, "account sequence mismatch, expected 4, got 3"), chain.ErrSequence))
	require.NoError(t, chain.Classify("sdk", 13, "insufficient fee"), "other failures are retried, not classified")
}
