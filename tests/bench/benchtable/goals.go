package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// goal is one figure of issue 22 with its goal: where the figure comes from
// (a benchmark and its metric, a ratio of two benchmarks, or a documented
// figure), the bound and its direction.
type goal struct {
	figure string
	bound  float64
	atMost bool // the figure must be <= bound (else >= bound)
	unit   string
	// value returns the figure, a note (runs, spread) and whether it was measured.
	value func(byName map[string]result, doc map[string]float64) (float64, string, bool)
}

// metric reads one benchmark's metric (its median over the runs).
func metric(bench, name string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(byName map[string]result, _ map[string]float64) (float64, string, bool) {
		r, ok := byName[bench]
		if !ok {
			return 0, "", false
		}
		v, ok := r.metrics[name]
		return v, "", ok
	}
}

// queryRatio reads a query's p50 / balance under load, with the idle ratio as note.
func queryRatio(name string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(byName map[string]result, _ map[string]float64) (float64, string, bool) {
		r, ok := byName["QueriesUnderLoad"]
		if !ok {
			return 0, "", false
		}
		v, ok := r.metrics[name+"_x_balance"]
		note := ""
		if idle, ok := r.metrics[name+"_idle_x_balance"]; ok {
			note = fmt.Sprintf("idle (no block committing): %.3f×", idle)
		}
		return v, note, ok
	}
}

// throughputRatio reads a kind's ratio to bank sends with its spread over the
// runs; fewer than 3 runs are flagged.
func throughputRatio(kind string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(byName map[string]result, _ map[string]float64) (float64, string, bool) {
		r, ok := byName["Throughput"]
		if !ok {
			return 0, "", false
		}
		k := kind + "_ratio"
		v, ok := r.metrics[k]
		if !ok {
			return 0, "", false
		}
		note := fmt.Sprintf("median of %d runs, spread %.2f–%.2f", r.runs, r.lo[k], r.hi[k])
		if r.runs < 3 {
			note += "; needs -count ≥ 3"
		}
		return v, note, true
	}
}

// ratioOf divides one benchmark's ns/op by another's.
func ratioOf(num, den string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(byName map[string]result, _ map[string]float64) (float64, string, bool) {
		a, ok1 := byName[num]
		b, ok2 := byName[den]
		if !ok1 || !ok2 || b.metrics["ns/op"] == 0 {
			return 0, "", false
		}
		return a.metrics["ns/op"] / b.metrics["ns/op"], fmt.Sprintf("%s / %s ns/op", num, den), true
	}
}

// pairedRatio reads the ratio metric of a paired benchmark (both sizes
// alternated in one process: the same load and GC for both), else divides the
// ns/op of the two separate benchmarks.
func pairedRatio(paired, num, den string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(byName map[string]result, doc map[string]float64) (float64, string, bool) {
		if r, ok := byName[paired]; ok {
			if v, ok := r.metrics["ratio"]; ok {
				note := fmt.Sprintf("%s ratio (alternated in one process), median of %d runs", paired, r.runs)
				if c, ok := r.metrics["cpu-ratio"]; ok {
					note += fmt.Sprintf("; CPU %.2f×", c)
				}
				return v, note, true
			}
		}
		return ratioOf(num, den)(byName, doc)
	}
}

// documented reads a figure measured by hand and recorded in the doc.
func documented(name string) func(map[string]result, map[string]float64) (float64, string, bool) {
	return func(_ map[string]result, doc map[string]float64) (float64, string, bool) {
		v, ok := doc[name]
		return v, "documented in docs/benchmarks.md (measured by hand, not by make bench)", ok
	}
}

// goals are the figures of issue 22.
var goals = []goal{
	{"agent memory, `xmtpd-operator start`, 1 peer (VmRSS median)", 60, true, "MiB", metric("AgentMemory/xmtpd-operator/peers=1", "agent-MiB")},
	{"agent memory, `xmtpd-operator start`, 11 peers (VmRSS median)", 60, true, "MiB", metric("AgentMemory/xmtpd-operator/peers=11", "agent-MiB")},
	{"agent memory, `xmtpd operator start`, 11 peers (VmRSS median)", 60, true, "MiB", metric("AgentMemory/xmtpd/peers=11", "agent-MiB")},
	{"throughput MsgRegisterOperator / bank send", 0.6, false, "×", throughputRatio("register_operator")},
	{"throughput MsgAddStake / bank send", 0.9, false, "×", throughputRatio("add_stake")},
	{"throughput MsgUpdateOperator / bank send", 0.9, false, "×", throughputRatio("update_operator")},
	{"throughput MsgSubmitAttestation (10 obs.) / bank send", 0.9, false, "×", throughputRatio("submit_attestation_10obs")},
	{"throughput MsgFundRewardPool / bank send", 0.9, false, "×", throughputRatio("fund_reward_pool")},
	{"Schedule{200} p50 / bank balance p50, under load", 3, true, "×", queryRatio("schedule200")},
	{"Audit (one cycle) p50 / bank balance p50, under load", 5, true, "×", queryRatio("audit")},
	{"CycleRecords p50 / bank balance p50 per record, under load", 0.2, true, "×", queryRatio("cyclerecords_per_record")},
	{"boundary block, 100,000 / 100 operators", 1.1, true, "×", pairedRatio("BoundaryPaired", "Boundary100kOperators", "Boundary100Operators")},
	{"`make test` on a fresh machine", 20, true, "min", documented("make_test_fresh_minutes")},
}

// printGoals prints every goal with its figure and whether it is met.
func printGoals(results []result, doc map[string]float64) {
	fmt.Println("\n| issue 22 figure | measured | goal | status | note |\n|---|---:|---:|---|---|")
	for _, row := range goalRows(results, doc) {
		fmt.Println(row)
	}
}

// goalRows are the rows of the goal table, one per goal.
func goalRows(results []result, doc map[string]float64) []string {
	byName := map[string]result{}
	for _, r := range results {
		byName[r.name] = r
	}
	var rows []string
	for _, g := range goals {
		v, note, ok := g.value(byName, doc)
		op := "≥"
		if g.atMost {
			op = "≤"
		}
		bound := fmt.Sprintf("%s %s %s", op, strconv.FormatFloat(g.bound, 'f', -1, 64), g.unit)
		if !ok {
			rows = append(rows, fmt.Sprintf("| %s | – | %s | not measured in this run | |", g.figure, bound))
			continue
		}
		status := "**NOT met**"
		if (g.atMost && v <= g.bound) || (!g.atMost && v >= g.bound) {
			status = "met"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s %s | %s | %s | %s |", g.figure, strconv.FormatFloat(v, 'f', 2, 64), g.unit, bound, status, note))
	}
	return rows
}

var docFigure = regexp.MustCompile(`<!--\s*goal:([a-z_]+)=([0-9.]+)\s*-->`)

// docFigures reads the `<!-- goal:NAME=VALUE -->` markers of the doc.
func docFigures(doc string) map[string]float64 {
	out := map[string]float64{}
	for _, m := range docFigure.FindAllStringSubmatch(doc, -1) {
		if v, err := strconv.ParseFloat(strings.TrimSpace(m[2]), 64); err == nil {
			out[m[1]] = v
		}
	}
	return out
}
