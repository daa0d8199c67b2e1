package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// attestIndex lists the (cycle, owner) entries of the attestation index.
func (f *fixture) attestIndex() map[uint64][]string {
	out := map[uint64][]string{}
	require.NoError(f.t, f.k.AttestMembers().Walk(f.ctx, nil, func(k collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		out[k.K1()] = append(out[k.K1()], f.str(k.K2()))
		return false, nil
	}))
	return out
}

// The index holds the members of the cycle that can be attested, and only
// that cycle: each boundary replaces it with the cycle that just ended.
func TestAttestIndexFollowsBoundaries(t *testing.T) {
	f, _ := dutiesFixture(t, nil)
	require.Empty(t, f.attestIndex(), "no cycle has ended")
	for c := 1; c <= 3; c++ {
		ending := f.state().Current
		f.boundary(c)
		want := memberOwners(ending)
		got := f.attestIndex()
		require.Len(t, got, 1, "after boundary %d only one cycle is indexed", c)
		require.ElementsMatch(t, want, got[uint64(c-1)], "after boundary %d: the members of cycle %d", c, c-1)
		cycle, err := f.k.AttestableCycle().Get(f.ctx)
		require.NoError(t, err)
		require.Equal(t, uint64(c-1), cycle)
		require.NoError(t, f.k.CheckInvariants(f.ctx))
	}
}

// The invariant catches an index that disagrees with the cycle record.
func TestAttestIndexInvariant(t *testing.T) {
	f, ops := dutiesFixture(t, nil)
	f.boundary(1)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	require.NoError(t, f.k.AddAttestMember(f.ctx, collections.Join(uint64(0), ops[5])))
	err := f.k.CheckInvariants(f.ctx)
	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.Contains(t, err.Error(), "not a member of the attestable cycle 0")

	require.NoError(t, keeper.AttestMembersForTest(f.k).Remove(f.ctx, collections.Join(uint64(0), ops[5])))
	require.NoError(t, keeper.AttestMembersForTest(f.k).Remove(f.ctx, collections.Join(uint64(0), ops[0])))
	err = f.k.CheckInvariants(f.ctx)
	require.ErrorIs(t, err, types.ErrInvariantBroken)
	require.Contains(t, err.Error(), "holds 3 members; cycle 0 had 4")
}

// A version-2 store has no index: attestations are refused until
// Migrate2to3 builds it from the cycle state and the cycle record.
func TestMigrate2to3(t *testing.T) {
	// ARRANGE: a chain past its first boundary, the index removed as in version 2.
	f, ops := dutiesFixture(t, nil)
	f.boundary(1)
	want := f.attestIndex()
	require.NoError(t, keeper.AttestableCycleForTest(f.k).Remove(f.ctx))
	require.NoError(t, keeper.AttestMembersForTest(f.k).Clear(f.ctx, nil))
	require.ErrorIs(t, f.attest(ops[0], 0, f.obs(10000, 1, ops[1])), types.ErrWrongCycle)

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))

	// ASSERT
	require.Equal(t, want, f.attestIndex())
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	require.NoError(t, f.attest(ops[0], 0, f.obs(10000, 1, ops[1])))
}

// Migrate2to3 on a chain that never reached a boundary leaves no index.
func TestMigrate2to3BeforeFirstBoundary(t *testing.T) {
	f, _ := dutiesFixture(t, nil)
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))
	require.Empty(t, f.attestIndex())
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}
