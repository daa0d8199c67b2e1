package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Runs of one benchmark fold into one row with the median of each metric.
func TestMedians(t *testing.T) {
	var in []result
	for _, line := range []string{
		"BenchmarkThroughput/bank_send-2  20  50000000 ns/op  49191 gas/tx  2000 tx/s",
		"BenchmarkThroughput/bank_send-2  20  40000000 ns/op  49191 gas/tx  2500 tx/s",
		"BenchmarkThroughput/bank_send-2  20  90000000 ns/op  49191 gas/tx  1100 tx/s",
		"BenchmarkThroughput/add_stake-2  20  70000000 ns/op  84201 gas/tx  1400 tx/s",
	} {
		r, ok := parse(line)
		require.True(t, ok, line)
		in = append(in, r)
	}
	out := medians(in)
	require.Len(t, out, 2)
	require.Equal(t, "Throughput/bank_send", out[0].name)
	require.Equal(t, 3, out[0].runs)
	require.Equal(t, 2000.0, out[0].metrics["tx/s"], "the middle of 1100, 2000, 2500")
	require.Equal(t, 50000000.0, out[0].metrics["ns/op"], "each metric has its own median")
	require.Equal(t, 1, out[1].runs)
	require.Equal(t, 1400.0, out[1].metrics["tx/s"])
}

// Every goal of issue 22 gets a row: met, not met, or not measured, with the
// throughput spread over the runs and the documented make test figure.
func TestGoalRows(t *testing.T) {
	var in []result
	for _, line := range []string{
		"BenchmarkThroughput-2  30  1 ns/op  0.55 register_operator_ratio  0.95 add_stake_ratio",
		"BenchmarkThroughput-2  30  1 ns/op  0.65 register_operator_ratio  0.85 add_stake_ratio",
		"BenchmarkThroughput-2  30  1 ns/op  0.62 register_operator_ratio  0.91 add_stake_ratio",
		"BenchmarkQueriesUnderLoad-2  1  1 ns/op  3.5 schedule200_x_balance  2.5 schedule200_idle_x_balance  4.9 audit_x_balance  0.05 cyclerecords_per_record_x_balance",
		"BenchmarkBoundary100kOperators-2  300  12000000 ns/op",
		"BenchmarkBoundary100Operators-2  300  10000000 ns/op",
		"BenchmarkAgentMemory/xmtpd-operator/peers=1-2  1  1 ns/op  54.1 agent-MiB",
		"BenchmarkAgentMemory/xmtpd-operator/peers=11  1  1 ns/op  61 agent-MiB",
	} {
		r, ok := parse(line)
		require.True(t, ok, line)
		in = append(in, r)
	}
	doc := docFigures("text **19 min 48 s** <!-- goal:make_test_fresh_minutes=19.8 --> more")

	rows := goalRows(medians(in), doc)

	require.Len(t, rows, len(goals))
	find := func(prefix string) string {
		for _, r := range rows {
			if strings.HasPrefix(r, "| "+prefix) {
				return r
			}
		}
		t.Fatalf("no row %q in %v", prefix, rows)
		return ""
	}
	require.Contains(t, find("agent memory, `xmtpd-operator start`, 1 peer"), "| met |")
	require.Contains(t, find("agent memory, `xmtpd-operator start`, 11 peers"), "NOT met", "61 > 60, and a name without -N suffix")
	require.Contains(t, find("agent memory, `xmtpd operator start`"), "not measured")
	reg := find("throughput MsgRegisterOperator")
	require.Contains(t, reg, "| 0.62 × | ≥ 0.6 × | met |", "the median of 0.55, 0.62, 0.65")
	require.Contains(t, reg, "median of 3 runs, spread 0.55–0.65")
	require.Contains(t, find("throughput MsgAddStake"), "| 0.91 × | ≥ 0.9 × | met |")
	require.Contains(t, find("throughput MsgUpdateOperator"), "not measured")
	require.Contains(t, find("Schedule{200}"), "| 3.50 × | ≤ 3 × | **NOT met** | idle (no block committing): 2.500× |", "the goal is the ratio under load")
	require.Contains(t, find("Audit"), "| 4.90 × | ≤ 5 × | met |")
	require.Contains(t, find("CycleRecords"), "| 0.05 × | ≤ 0.2 × | met |")
	require.Contains(t, find("boundary block"), "| 1.20 × | ≤ 1.1 × | **NOT met** |")
	require.Contains(t, find("`make test`"), "| 19.80 min | ≤ 20 min | met |")

	// With the paired boundary benchmark, its ratio is the figure.
	for _, line := range []string{
		"BenchmarkBoundaryPaired-2  300  1 ns/op  1.04 ratio  1.02 cpu-ratio",
		"BenchmarkBoundaryPaired-2  300  1 ns/op  1.30 ratio  1.20 cpu-ratio",
		"BenchmarkBoundaryPaired-2  300  1 ns/op  1.08 ratio  1.05 cpu-ratio",
	} {
		r, ok := parse(line)
		require.True(t, ok, line)
		in = append(in, r)
	}
	rows = goalRows(medians(in), doc)
	require.Contains(t, find("boundary block"), "| 1.08 × | ≤ 1.1 × | met |", "the median of the paired ratios, not 12/10 ns/op")
	require.Contains(t, find("boundary block"), "CPU 1.05×")
}

// A throughput run without -count 3 is flagged.
func TestGoalRowsFlagSingleRun(t *testing.T) {
	r, ok := parse("BenchmarkThroughput-2  30  1 ns/op  0.95 update_operator_ratio")
	require.True(t, ok)
	rows := goalRows(medians([]result{r}), nil)
	for _, row := range rows {
		if strings.Contains(row, "MsgUpdateOperator") {
			require.Contains(t, row, "needs -count ≥ 3")
			return
		}
	}
	t.Fatal("no MsgUpdateOperator row")
}

// A benchmark that prints its own table while it runs splits its result
// line (go test writes the name, the table, then the metrics): the result is
// still read, joined to its name, and the table passes through.
func TestReadJoinsSplitResultLines(t *testing.T) {
	in := strings.Join([]string{
		"goos: linux",
		"BenchmarkThroughput-2   \t",
		"| kind | tx/s |",
		"|---|---:|",
		"| bank_send | 3259 |",
		"      30\t 225560847 ns/op\t     0.8679 add_stake_ratio\t  0.48 register_operator_ratio",
		"BenchmarkQueriesUnderLoad-2   \t       1\t138869026995 ns/op\t         6.958 audit_idle_x_balance",
		"PASS",
	}, "\n")
	var out strings.Builder
	results, failed := read(strings.NewReader(in), &out)
	require.False(t, failed)
	require.Len(t, results, 2)
	require.Equal(t, "Throughput", results[0].name)
	require.Equal(t, 0.8679, results[0].metrics["add_stake_ratio"])
	require.Equal(t, 0.48, results[0].metrics["register_operator_ratio"])
	require.Equal(t, "QueriesUnderLoad", results[1].name)
	require.Contains(t, out.String(), "| bank_send | 3259 |")
}
