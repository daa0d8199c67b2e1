package keeper_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/keeper"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// ownerRecords lists the OwnerRecords index as "owner@cycle", sorted.
func ownerRecords(t *testing.T, f *fixture) []string {
	var out []string
	require.NoError(t, f.k.OwnerRecords.Walk(f.ctx, nil, func(k collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		out = append(out, entry(k.K1(), k.K2()))
		return false, nil
	}))
	sort.Strings(out)
	return out
}

func entry(owner sdk.AccAddress, cycle uint64) string {
	return fmt.Sprintf("%s@%d", owner, cycle)
}

// servedBy lists, from the stored records themselves, "owner@cycle" of every member.
func servedBy(t *testing.T, f *fixture) []string {
	var out []string
	require.NoError(t, f.k.CycleRecords.Walk(f.ctx, nil, func(c uint64, r types.CycleRecord) (bool, error) {
		for _, m := range r.Members {
			out = append(out, entry(sdk.MustAccAddressFromBech32(m.Owner), c))
		}
		return false, nil
	}))
	sort.Strings(out)
	return out
}

// The index holds one entry per member of every stored record: written with
// the settlement, removed with the pruned record.
func TestOwnerRecordsFollowSettlementAndPruning(t *testing.T) {
	// ARRANGE: a, b serve cycles 0-2, c replaces a in 3-4, a is back in 5.
	f := newFixture(t)
	ops := f.operators(3)
	a, b, c := ops[0], ops[1], ops[2]
	p := types.DefaultParams()
	p.RecordRetention, p.MaxPrunePerBlock = 24*time.Hour, 2
	require.NoError(t, f.k.Params.Set(f.ctx, p))

	// ACT
	for cyc := uint64(0); cyc <= 5; cyc++ { // record c is settled at the end of c+1
		f.fund(100_000_000)
		switch {
		case cyc <= 2:
			f.end(cyc, 1, a, b)
		case cyc <= 4:
			f.end(cyc, 1, c, b)
		default:
			f.end(cyc, 1, a, b)
		}
	}

	// ASSERT: records 0-4 settled, 10 entries, exactly the records' members.
	got := ownerRecords(t, f)
	require.Len(t, got, 10)
	require.Equal(t, servedBy(t, f), got)
	require.Contains(t, got, entry(c, 3))
	require.NotContains(t, got, entry(a, 3))

	// ACT: past retention, 2 records per block are pruned (cycles 0..3 have expired).
	require.NoError(t, f.k.BeginBlocker(f.ctx))

	// ASSERT: the entries of cycles 0 and 1 went with their records.
	got = ownerRecords(t, f)
	require.Len(t, got, 6)
	require.Equal(t, servedBy(t, f), got)
	require.NotContains(t, got, entry(a, 0))
	require.NotContains(t, got, entry(b, 1))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

// The audit finds a member's previous record through the index however far
// back it is, and compares with that record (here 4 cycles back).
func TestAuditContinuityReadsThePreviousRecordFarBack(t *testing.T) {
	// ARRANGE: a serves 0, is away 1-3 (c serves), is back in 4.
	f := newFixture(t)
	ops := f.operators(3)
	a, b, c := ops[0], ops[1], ops[2]
	for cyc := uint64(0); cyc <= 5; cyc++ { // record c is settled at the end of c+1
		f.fund(100_000_000)
		if cyc == 0 || cyc >= 4 {
			f.end(cyc, 1, a, b)
		} else {
			f.end(cyc, 1, c, b)
		}
	}
	clean, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 4})
	require.NoError(t, err)
	require.True(t, clean.Match, "%v", clean.Differences)
	rec, err := f.k.CycleRecords.Get(f.ctx, 4)
	require.NoError(t, err)
	require.Equal(t, a.String(), rec.Members[0].Owner)
	rec.Members[0].ArrearsBefore = rec.Members[0].ArrearsBefore.Add(math.NewInt(3))
	require.NoError(t, f.k.CycleRecords.Set(f.ctx, 4, rec))

	// ACT
	res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 4})

	// ASSERT: the difference names record 0, a's previous record.
	require.NoError(t, err)
	require.False(t, check(res, keeper.CheckContinuity).Match)
	var found bool
	for _, d := range check(res, keeper.CheckContinuity).Differences {
		if d.Field == "members[0].arrears_before" {
			found = true
			require.Equal(t, "arrears_after of record 0", d.Source)
		}
	}
	require.True(t, found, "%v", res.Differences)
}

// An index entry that names a record without the owner is reported, not skipped.
func TestAuditContinuityReportsAnIndexEntryWithoutItsRecord(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	ops := f.operators(2)
	for cyc := uint64(0); cyc <= 3; cyc++ {
		f.fund(100_000_000)
		f.end(cyc, 1, ops...)
	}
	rec, err := f.k.CycleRecords.Get(f.ctx, 1)
	require.NoError(t, err)
	rec.Members = rec.Members[1:] // ops[0] no longer in record 1, the index still says so
	require.NoError(t, f.k.CycleRecords.Set(f.ctx, 1, rec))

	// ACT
	res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 2})

	// ASSERT
	require.NoError(t, err)
	require.False(t, res.Match)
	require.Equal(t, "members[0].previous_record", check(res, keeper.CheckContinuity).Differences[0].Field)
	require.ErrorContains(t, f.k.CheckInvariants(f.ctx), "owner_records")
}

// The invariant compares the index with the records both ways.
func TestOwnerRecordsInvariant(t *testing.T) {
	for name, breakIt := range map[string]func(f *fixture, ops []sdk.AccAddress){
		"entry missing": func(f *fixture, ops []sdk.AccAddress) {
			require.NoError(t, f.k.OwnerRecords.Remove(f.ctx, collections.Join(ops[1], uint64(1))))
		},
		"stray entry": func(f *fixture, ops []sdk.AccAddress) {
			require.NoError(t, f.k.OwnerRecords.Set(f.ctx, collections.Join(addr("never"), uint64(1))))
		},
		"wrong cycle": func(f *fixture, ops []sdk.AccAddress) {
			require.NoError(t, f.k.OwnerRecords.Remove(f.ctx, collections.Join(ops[0], uint64(0))))
			require.NoError(t, f.k.OwnerRecords.Set(f.ctx, collections.Join(ops[0], uint64(7))))
		},
	} {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			ops := f.operators(2)
			for cyc := uint64(0); cyc <= 2; cyc++ {
				f.fund(10_000_000)
				f.end(cyc, 1, ops...)
			}
			require.NoError(t, f.k.CheckInvariants(f.ctx))

			// ACT
			breakIt(f, ops)

			// ASSERT
			require.ErrorContains(t, f.k.CheckInvariants(f.ctx), "owner_records")
		})
	}
}

// Migrate3to4 builds the index on a chain whose records were stored without it,
// and InitGenesis rebuilds it from the exported records.
func TestMigrate3to4AndGenesisBuildOwnerRecords(t *testing.T) {
	// ARRANGE: records settled, then the index removed (a version-3 store).
	f := newFixture(t)
	ops := f.operators(3)
	for cyc := uint64(0); cyc <= 5; cyc++ {
		f.fund(100_000_000)
		f.end(cyc, 1, ops[cyc%2], ops[2])
	}
	want := ownerRecords(t, f)
	require.Equal(t, servedBy(t, f), want)
	require.Len(t, want, 10)
	require.NoError(t, f.k.OwnerRecords.Clear(f.ctx, nil))
	require.Error(t, f.k.CheckInvariants(f.ctx))

	// ACT
	require.NoError(t, keeper.NewMigrator(f.k).Migrate3to4(f.ctx))

	// ASSERT
	require.Equal(t, want, ownerRecords(t, f))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	res, err := f.q.Audit(f.ctx, &types.QueryAuditRequest{Cycle: 4})
	require.NoError(t, err)
	require.True(t, res.Match, "%v", res.Differences)

	// ACT: export, import into a fresh chain.
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	g.ns.records, g.ns.operators, g.tr.spends = f.ns.records, f.ns.operators, f.tr.spends
	require.NoError(t, g.k.InitGenesis(g.ctx, exported))

	// ASSERT
	require.Equal(t, want, ownerRecords(t, g))
}
