package main

import (
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
