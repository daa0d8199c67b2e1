//go:build !preibc

package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting"
	"github.com/xmtp/xmtpd-chain/app/upgrades"
	nskeeper "github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// x/nodeselection 4 -> 5 is registered with the module manager: an upgrade
// that runs the module migrations (v5's handler, from a store at version 4
// whose violations have no time index) builds the violations-by-time index.
func TestMigrationBuildsViolationTimeIndex(t *testing.T) {
	// ARRANGE: a violation stored the way version 4 stored it (no time index entry)
	ta := apptesting.Setup(t, apptesting.Config{Operators: 2})
	ctx := upgradeCtx(ta)
	nk := ta.NodeSelectionKeeper
	owner := ta.Operators[1].Addr
	at := ctx.BlockTime().Add(-time.Hour)
	require.NoError(t, nk.SetViolation(ctx, nskeeper.ViolationKeyOf(owner, 1),
		nstypes.Violation{Id: 1, Owner: owner.String(), Kind: nstypes.VIOLATION_KIND_MISCONDUCT, Time: at}))
	store := ctx.KVStore(ta.GetKey(nstypes.StoreKey))
	prefix := nstypes.ViolationsByTimeKey
	it := store.Iterator(prefix, append(append([]byte{}, prefix...), 0xff))
	var keys [][]byte
	for ; it.Valid(); it.Next() {
		keys = append(keys, it.Key())
	}
	require.NoError(t, it.Close())
	require.Len(t, keys, 1)
	store.Delete(keys[0])
	require.ErrorContains(t, ta.CheckInvariants(ctx), "violations_by_time")
	vm, err := ta.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	vm[nstypes.ModuleName] = 4
	require.NoError(t, ta.UpgradeKeeper.SetModuleVersionMap(ctx, vm))

	// ACT
	require.NoError(t, ta.UpgradeKeeper.ApplyUpgrade(ctx, upgradetypes.Plan{Name: upgrades.V5Name, Height: ctx.BlockHeight()}))

	// ASSERT
	owners, err := nk.ViolatorsBetween(ctx, at, at)
	require.NoError(t, err)
	require.Equal(t, []sdk.AccAddress{owner}, owners)
	require.NoError(t, ta.CheckInvariants(ctx))
}
