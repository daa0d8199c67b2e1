// Command benchtable reads `go test -bench` output on stdin and prints the
// tables of docs/benchmarks.md: one markdown row per benchmark with ns/op
// and its custom metrics, the throughput ratio of every tx kind to bank sends
// of the same run, and the tables the benchmarks print themselves (lines
// starting with "|"). A benchmark run several times (-count) gets one row
// with the median of each metric and its run count. Lines of failures are passed through; it exits 1 if
// the input reported a failure.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

type result struct {
	name    string
	iters   string
	runs    int
	metrics map[string]float64
	// lo and hi are the smallest and largest value of each metric over the runs.
	lo, hi map[string]float64
}

// medians folds the runs of each benchmark into one result holding the
// median of every metric (the upper median for an even count), in the order
// of first appearance.
func medians(results []result) []result {
	var order []string
	byName := map[string][]result{}
	for _, r := range results {
		if _, ok := byName[r.name]; !ok {
			order = append(order, r.name)
		}
		byName[r.name] = append(byName[r.name], r)
	}
	out := make([]result, 0, len(order))
	for _, name := range order {
		runs := byName[name]
		m := result{name: name, iters: runs[0].iters, runs: len(runs), metrics: map[string]float64{},
			lo: map[string]float64{}, hi: map[string]float64{}}
		for k := range runs[0].metrics {
			var vs []float64
			for _, r := range runs {
				if v, ok := r.metrics[k]; ok {
					vs = append(vs, v)
				}
			}
			sort.Float64s(vs)
			m.metrics[k] = vs[len(vs)/2]
			m.lo[k], m.hi[k] = vs[0], vs[len(vs)-1]
		}
		out = append(out, m)
	}
	return out
}

func main() {
	doc := flag.String("doc", "", "docs/benchmarks.md, read for the figures measured by hand (<!-- goal:NAME=VALUE -->)")
	flag.Parse()
	results, failed := read(os.Stdin, os.Stdout)
	folded := medians(results)
	printResults(folded)
	documented := map[string]float64{}
	if *doc != "" {
		bz, err := os.ReadFile(*doc)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		documented = docFigures(string(bz))
	}
	printGoals(folded, documented)
	if failed {
		os.Exit(1)
	}
}

// read collects the benchmark results of `go test -bench` output in and
// passes the benchmarks' own tables, log lines and failures through to w. A
// benchmark that prints while it runs splits its line: go test writes the
// name, then what the benchmark printed, then the iterations and metrics on
// a line of their own; such a result is joined to the name before it.
func read(in io.Reader, w io.Writer) (results []result, failed bool) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pending := "" // a benchmark name whose result line has not come yet
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Benchmark"):
			if r, ok := parse(line); ok {
				results = append(results, r)
				pending = ""
			} else if f := strings.Fields(line); len(f) == 1 {
				pending = f[0]
			}
		case pending != "" && strings.TrimSpace(line) != "" && (line[0] == ' ' || line[0] == '\t'):
			if r, ok := parse(pending + " " + strings.TrimSpace(line)); ok {
				results = append(results, r)
				pending = ""
			} else {
				fmt.Fprintln(w, line)
			}
		case strings.HasPrefix(line, "|"), line == "":
			fmt.Fprintln(w, line)
		case strings.HasPrefix(line, "--- FAIL"), strings.HasPrefix(line, "FAIL"), strings.Contains(line, "panic:"):
			failed = true
			fmt.Fprintln(w, line)
		case strings.HasPrefix(line, "    "):
			fmt.Fprintln(w, line)
		}
	}
	return results, failed
}

// parse reads "BenchmarkX/y-2  N  123 ns/op  4.5 unit ...".
func parse(line string) (result, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return result{}, false
	}
	name := f[0]
	if i := strings.LastIndex(name, "-"); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil { // the -GOMAXPROCS suffix
			name = name[:i]
		}
	}
	r := result{name: strings.TrimPrefix(name, "Benchmark"), iters: f[1], runs: 1, metrics: map[string]float64{}}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return result{}, false
		}
		r.metrics[f[i+1]] = v
	}
	return r, true
}

func printResults(results []result) {
	var bank float64
	for _, r := range results {
		if r.name == "Throughput/bank_send" {
			bank = r.metrics["tx/s"]
		}
	}
	fmt.Println("\n| benchmark | ops × runs | ns/op (median) | metrics (medians) |\n|---|---:|---:|---|")
	for _, r := range results {
		var keys []string
		for k := range r.metrics {
			if k != "ns/op" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %s", num(r.metrics[k]), k))
		}
		if tps, ok := r.metrics["tx/s"]; ok && bank > 0 && strings.HasPrefix(r.name, "Throughput/") {
			parts = append(parts, fmt.Sprintf("**%.2f× bank send**", tps/bank))
		}
		fmt.Printf("| %s | %s × %d | %s | %s |\n", r.name, r.iters, r.runs, num(r.metrics["ns/op"]), strings.Join(parts, ", "))
	}
}

// num formats with thousands separators and at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if v < 100 && v != float64(int64(v)) {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var out []byte
	for i, c := range []byte(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 && intPart[0] != '-' {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out) + frac
}
