#!/usr/bin/env bash
# bench.sh — every benchmark of docs/benchmarks.md, one `go test -bench` per
# group (the group's -benchtime is its op count), formatted by
# tests/bench/benchtable. Set BENCH_OUT to keep the raw output; set
# BENCH_PROFILE to a file to keep the CPU profile of the 100,000-operator
# boundary (look at it with `go tool pprof -top tests/bench/bench.test FILE`).
# The last table is every figure of issue 22 with its goal (met / NOT met);
# `make test` on a fresh machine is measured by hand and read from the
# `<!-- goal:make_test_fresh_minutes=… -->` marker of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=${BENCH_OUT:-$(mktemp)}
profile=${BENCH_PROFILE:-$(mktemp)}
: >"$out"
run() { echo "+ go test $*" >&2; "$GO" test -run '^$' -timeout 20m "$@" 2>&1 | tee -a "$out" >&2; }

run -bench . -benchtime 20x ./x/... ./tests/ibc/
run -bench 'Throughput' -benchtime 30x -count 3 ./tests/bench/ # the ratios' spread over 3 runs
run -bench 'ActiveSetBoundary' -benchtime 1x ./tests/bench/
run -bench 'TwoYearsOfState' -benchtime 1x ./tests/bench/
run -bench 'QueriesUnderLoad' -benchtime 1x ./tests/bench/
run -bench 'Boundary(100(k)?Operators|Paired)' -benchtime 300x -count 3 ./tests/bench/ -args -boundary.cpuprofile="$profile"
# The operator agent's resident memory on localnets of 2 and 12 operators
# (real processes; about 4 minutes).
run -bench 'AgentMemory' -benchtime 1x ./tests/bench/
"$GO" run ./tests/bench/benchtable -doc docs/benchmarks.md <"$out"
echo
echo "CPU profile of the 100,000-operator boundary blocks: $profile (top entries:)"
"$GO" tool pprof -top -nodecount 25 "$profile" 2>/dev/null | sed -n '1,32p'
