# xmtpd — build, run and test. `make localnet` and `make test` are the two
# commands a new user runs; everything CI runs is in `make test`.
BINDIR   ?= $(CURDIR)/build
BINARY   := $(BINDIR)/xmtpd
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/cosmos/cosmos-sdk/version.Name=xmtpd \
            -X github.com/cosmos/cosmos-sdk/version.AppName=xmtpd \
            -X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION)
GOTEST_FLAGS ?= -timeout 25m
# Test packages go test builds and runs at once (its default is the number of
# cores). The end-to-end packages spend most of their time waiting for blocks
# of the chains they start (load average 1.5-2.5 on 2 cores with two of them
# running), and a running package holds its slot, so make test runs one more
# than the 2 cores of CI (docs/benchmarks.md, make test wall time).
TEST_PARALLEL ?= 3

.PHONY: all build install test test-bins test-bin-preibc test-bin-systemtest fmt-check test-tools test-dashboard test-unit test-e2e lint fmt proto-gen localnet localnet-clean bench clean

all: build

build:
	@mkdir -p $(BINDIR)
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BINARY) ./cmd/xmtpd
	$(GO) build -o $(BINDIR)/xmtpd-operator ./cmd/xmtpd-operator

install:
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/xmtpd
	$(GO) install ./cmd/xmtpd-operator

## test: everything CI runs — lint, unit/keeper/integration tests and the
## end-to-end tests that drive the real binary (and headless Chromium and
## promtool, which test-tools installs when missing).
## The slow parts of a first run overlap: the Debian/npm tools install and
## the relayer build (its own module, downloads and compiles of its own) run
## while go vet compiles every dependency (the tests reuse those compiled
## packages); the three xmtpd binaries that the end-to-end packages start are
## then built side by side (each is a chain of single-package compiles and a
## link) and handed to them ($$XMTPD_BIN, $$XMTPD_BIN_PREIBC,
## $$XMTPD_BIN_SYSTEMTEST) instead of each test package linking its own.
test: fmt-check
	@mkdir -p $(BINDIR)/test
	@./scripts/ensure-test-tools.sh >$(BINDIR)/test/tools.log 2>&1 & tools=$$!; \
	  ./scripts/build-relayer.sh >$(BINDIR)/test/relayer.log 2>&1 & rly=$$!; \
	  $(GO) vet ./... && $(MAKE) --no-print-directory -j3 test-bins; rc=$$?; \
	  wait $$rly; rrc=$$?; cat $(BINDIR)/test/relayer.log; \
	  wait $$tools; trc=$$?; cat $(BINDIR)/test/tools.log; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	  [ $$rrc -eq 0 ] || { echo "scripts/build-relayer.sh failed"; exit $$rrc; }; \
	  [ $$trc -eq 0 ] || { echo "scripts/ensure-test-tools.sh failed"; exit $$trc; }
	XMTPD_BIN=$(BINARY) XMTPD_BIN_PREIBC=$(BINDIR)/test/xmtpd-preibc XMTPD_BIN_SYSTEMTEST=$(BINDIR)/test/xmtpd-systemtest \
	  $(GO) test -p $(TEST_PARALLEL) $(GOTEST_FLAGS) ./...

## test-bins: the binaries the end-to-end tests start (the chain as released,
## and the two builds of the upgrade tests).
test-bins: build test-bin-preibc test-bin-systemtest

test-bin-preibc test-bin-systemtest:
	@mkdir -p $(BINDIR)/test
	$(GO) build -tags $(@:test-bin-%=%) -o $(BINDIR)/test/xmtpd-$(@:test-bin-%=%) ./cmd/xmtpd

## test-tools: install Chromium and promtool (Debian packages) when missing,
## and build the pinned IBC relayer tests/relayer drives (build/rly, once).
test-tools:
	./scripts/ensure-test-tools.sh
	./scripts/build-relayer.sh

## test-dashboard: the browser test of /dashboard/ and the deploy/ checks.
test-dashboard: test-tools
	$(GO) test $(GOTEST_FLAGS) -v ./tests/dashboard/...

test-unit:
	$(GO) test $(GOTEST_FLAGS) $$($(GO) list ./... | grep -v /tests/)

test-e2e:
	$(GO) test $(GOTEST_FLAGS) -v ./tests/e2e/... ./tests/agent/...

lint: fmt-check
	$(GO) vet ./...

fmt-check:
	@echo "gofmt check"; out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '\.pb\(\.gw\)\?\.go$$') 2>/dev/null); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '\.pb\(\.gw\)\?\.go$$')

proto-gen:
	./scripts/protocgen.sh

## localnet: build, write a fresh single-validator home in .localnet/ with 12
## demo operators and 60s cycles, and run the node with one operator agent and
## one HTTPS health server per demo operator (logs in .localnet/; Ctrl-C stops all).
localnet: build
	./scripts/localnet.sh

localnet-clean:
	rm -rf .localnet

## testnet: 4 validators on loopback in .testnet/, background processes with
## logs and pid files in each home (see docs/testnet.md); testnet-stop stops them.
.PHONY: testnet testnet-stop bench-load
testnet: build
	./scripts/testnet.sh start

testnet-stop:
	./scripts/testnet.sh stop

## bench-load: load a running testnet (make testnet) and print the figures of
## docs/benchmarks.md "Load (bench-load)".
bench-load:
	$(GO) run -tags load ./tests/load $(BENCH_LOAD_FLAGS)

## bench: every benchmark of docs/benchmarks.md (keeper, IBC, app-level
## throughput, large active sets, two years of state, queries under load and
## the 100,000-operator boundary profile, the operator agent's memory), then
## the table (scripts/bench.sh).
bench:
	GO=$(GO) ./scripts/bench.sh

clean:
	rm -rf $(BINDIR) .localnet .testnet

.PHONY: sim fuzz
SIM_BLOCKS ?= 500
SIM_BLOCK_SIZE ?= 50
FUZZTIME ?= 60s

## sim: the long simulation — 6 seeds x 500 blocks with every invariant checked
## at every block, export/import store comparison and same-seed determinism.
sim:
	XMTPD_SIM_SEEDS=long $(GO) test ./app -run 'TestFullAppSimulation|TestAppImportExport|TestAppStateDeterminism' \
	  -NumBlocks=$(SIM_BLOCKS) -BlockSize=$(SIM_BLOCK_SIZE) -timeout 120m -v

## fuzz: run every fuzz target for FUZZTIME each (their seed corpora also run in `make test`).
fuzz:
	@set -e; for t in \
	  ./app:FuzzMsgRouter \
	  ./x/rewards/types:FuzzAllocate ./x/rewards/types:FuzzRewardsParamsValidate \
	  ./x/treasury/types:FuzzTreasuryParamsValidate \
	  ./x/nodeselection/types:FuzzNodeSelectionParamsValidate ./x/nodeselection/types:FuzzValidateEndpoint \
	  ./x/nodeselection/types:FuzzValidateRegion ./x/nodeselection/types:FuzzDrawWeighted; do \
	  pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$fn ($$pkg)"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME); done

## soak: not part of `make test`. A 4-validator network with an RPC node,
## operator agents and an issuer chain funding the pool over IBC (cosmos/relayer)
## every cycle, one fault every SOAK_FAULT_EVERY cycles (validator kill,
## partition, agent kill, RPC node restart, relayer restart), then the audit,
## invariants and USDC conservation; prints the table of docs/reliability.md.
SOAK_CYCLES      ?= 30
SOAK_CYCLE       ?= 12s
SOAK_FAULT_EVERY ?= 2
SOAK_TIMEOUT     ?= 45m
.PHONY: soak
soak: build
	./scripts/build-relayer.sh
	XMTPD_BIN=$(BINARY) $(GO) test -tags soak -timeout $(SOAK_TIMEOUT) -count 1 -v -run TestSoak ./tests/soak \
	  -soak.cycles $(SOAK_CYCLES) -soak.cycle $(SOAK_CYCLE) -soak.fault-every $(SOAK_FAULT_EVERY) $(SOAK_FLAGS)
