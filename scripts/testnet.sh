#!/usr/bin/env bash
# Run a multi-validator xmtpd network on loopback as background processes.
#
#   scripts/testnet.sh start    write .testnet/ (first time) and start every node
#   scripts/testnet.sh stop     stop every node (the chain data stays)
#   scripts/testnet.sh status   height and pid of every node
#   scripts/testnet.sh reset    stop, then delete .testnet/
#
# Node i lives in .testnet/node<i>/ with its log in xmtpd.log and its pid in
# xmtpd.pid; it listens on base+10i (p2p), +1 (rpc), +2 (abci), +3 (grpc),
# +4 (api, with /metrics?format=prometheus), +5 (CometBFT prometheus).
# node0's test keyring holds admin, payer and the demo operators op1..opN;
# their XMTP node signing keys (hex) are in .testnet/node0/operators/opN/node_key.hex
# and their monikers and public keys in genesis (require_node_key is on).
#
# Environment: XMTPD_BIN (default build/xmtpd), TESTNET_DIR (.testnet),
# TESTNET_VALIDATORS (4), TESTNET_CYCLE (30s), TESTNET_PAYOUT_PERIOD (5m),
# TESTNET_VOTING_PERIOD (60s), TESTNET_OPERATORS (12), TESTNET_BASE_PORT (36656).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${XMTPD_BIN:-$ROOT/build/xmtpd}"
DIR="${TESTNET_DIR:-$ROOT/.testnet}"
N="${TESTNET_VALIDATORS:-4}"
CYCLE="${TESTNET_CYCLE:-30s}"
PAYOUT="${TESTNET_PAYOUT_PERIOD:-5m}"
VOTING="${TESTNET_VOTING_PERIOD:-60s}"
OPS="${TESTNET_OPERATORS:-12}"
BASE_PORT="${TESTNET_BASE_PORT:-36656}" # clear of the localnet (26656)

rpc_port() { echo $((BASE_PORT + 10 * $1 + 1)); }

height() {
  curl -s --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" 2>/dev/null |
    sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p'
}

running() {
  local pidf="$DIR/node$1/xmtpd.pid"
  [[ -f "$pidf" ]] && kill -0 "$(cat "$pidf")" 2>/dev/null
}

start() {
  [[ -x "$BIN" ]] || { echo "no binary at $BIN: run 'make build'" >&2; exit 1; }
  if [[ ! -f "$DIR/node0/config/genesis.json" ]]; then
    "$BIN" testnet init-files --v "$N" --output-dir "$DIR" --base-port "$BASE_PORT" \
      --operators "$OPS" --cycle-duration "$CYCLE" --payout-period "$PAYOUT" --voting-period "$VOTING"
  fi
  for ((i = 0; i < N; i++)); do
    if running "$i"; then
      echo "node$i already running (pid $(cat "$DIR/node$i/xmtpd.pid"))"
      continue
    fi
    nohup "$BIN" start --home "$DIR/node$i" --log_no_color >>"$DIR/node$i/xmtpd.log" 2>&1 &
    echo $! >"$DIR/node$i/xmtpd.pid"
    echo "node$i started (pid $!, rpc tcp://127.0.0.1:$(rpc_port "$i"), log $DIR/node$i/xmtpd.log)"
  done
  echo "waiting for the first blocks…"
  for _ in $(seq 1 90); do
    local ok=1
    for ((i = 0; i < N; i++)); do
      if ! running "$i"; then
        echo "node$i exited; the end of $DIR/node$i/xmtpd.log:" >&2
        tail -5 "$DIR/node$i/xmtpd.log" >&2
        exit 1
      fi
      [[ "$(height "$i")" -ge 2 ]] 2>/dev/null || ok=0
    done
    if [[ $ok == 1 ]]; then
      status
      return 0
    fi
    sleep 1
  done
  echo "the network did not produce blocks within 90s; see $DIR/node*/xmtpd.log" >&2
  exit 1
}

stop() {
  for ((i = 0; i < N; i++)); do
    local pidf="$DIR/node$i/xmtpd.pid"
    [[ -f "$pidf" ]] || continue
    local pid
    pid="$(cat "$pidf")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "node$i stopped (pid $pid)"
    fi
    rm -f "$pidf"
  done
}

status() {
  for ((i = 0; i < N; i++)); do
    if running "$i"; then
      echo "node$i: pid $(cat "$DIR/node$i/xmtpd.pid") height $(height "$i")"
    else
      echo "node$i: stopped"
    fi
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) stop; rm -rf "$DIR"; echo "removed $DIR" ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
