package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func record(cycle uint64, budget, credited, excess, dust int64) types.CycleRecord {
	z := math.ZeroInt()
	return types.CycleRecord{
		Cycle: cycle, Budget: math.NewInt(budget), Backstop: z, TotalCredited: math.NewInt(credited),
		TotalWithheld: z, TotalCapExcess: math.NewInt(excess), Dust: math.NewInt(dust), Carried: z,
		Members: make([]types.MemberRecord, 2),
	}
}

func TestAuditReportTableAndCSV(t *testing.T) {
	// ARRANGE: cycle 0 matches, cycle 1 was tampered, cycle 2 is pruned.
	var r AuditReport
	ok := []types.AuditCheck{{Name: "recompute", Match: true}, {Name: "provenance", Match: true}, {Name: "continuity", Match: true}}
	r.add(0, &types.QueryAuditResponse{Match: true, Stored: record(0, 100, 60, 39, 1), Checks: ok}, nil)
	r.add(1, &types.QueryAuditResponse{Match: false, Stored: record(1, 100, 61, 39, 1), Checks: []types.AuditCheck{
		{Name: "recompute", Match: false, Differences: []types.FieldDiff{{Field: "members[0].credited", Stored: "31", Recomputed: "30", Source: "Allocate v2 on the stored inputs"}}},
		{Name: "provenance", Match: false, Differences: []types.FieldDiff{{Field: "members[0].uptime_bps", Stored: "10000", Recomputed: "9000", Source: "x/nodeselection performance record"}}},
		{Name: "continuity", Match: true},
	}}, nil)
	r.add(2, nil, errors.New("no stored record of cycle 2"))

	// ACT
	var out bytes.Buffer
	require.NoError(t, writeTable(&out, r))
	path := filepath.Join(t.TempDir(), "audit.csv")
	require.NoError(t, writeCSV(path, r))

	// ASSERT
	require.Equal(t, 1, r.Matched)
	require.Equal(t, 1, r.Mismatched)
	require.Equal(t, 1, r.Missing)
	require.Equal(t, "121", r.Totals.Credited)
	require.False(t, r.Rows[1].Conserved, "61 + 39 + 1 != 100")
	text := out.String()
	require.Contains(t, text, "audited 2 cycles: 1 match, 1 mismatch, 1 missing")
	require.Contains(t, text, "cycle 1: [recompute] members[0].credited: stored 31, other 30 (Allocate v2 on the stored inputs)")
	require.Contains(t, text, "cycle 1: [provenance] members[0].uptime_bps: stored 10000, other 9000 (x/nodeselection performance record)")
	require.Contains(t, text, "MISMATCH")
	csv, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	require.Len(t, lines, 4)
	require.Equal(t, "0,match,2,100,0,60,0,39,1,0,true,ok,ok,ok,", lines[1])
	require.Contains(t, lines[2], "MISMATCH,ok")
}

func TestAuditCmdFlags(t *testing.T) {
	cmd := AuditCmd()
	require.NoError(t, cmd.ParseFlags([]string{"--from", "3", "--to", "9", "-o", "json", "--csv", "x.csv"}))
	from, _ := cmd.Flags().GetUint64(flagFrom)
	to, _ := cmd.Flags().GetUint64(flagTo)
	require.Equal(t, uint64(3), from)
	require.Equal(t, uint64(9), to)
	q := QueryCmd()
	sub, _, err := q.Find([]string{"audit"})
	require.NoError(t, err)
	require.Equal(t, "audit", sub.Name())
}
