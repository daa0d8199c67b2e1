#!/usr/bin/env bash
# Writes a fresh single-validator localnet in .localnet/ and runs it in the
# foreground (Ctrl-C stops everything). Beside the node run, as background
# processes with logs under .localnet/:
#   - one HTTPS health server per demo operator (the stand-in for its XMTP
#     node, at the endpoint it registered; TLS from a CA generated into
#     .localnet/tls), logs .localnet/health/opN.log;
#   - one operator agent per demo operator (`xmtpd-operator start`): it
#     probes the other members, attests every cycle and announces its role,
#     logs .localnet/agents/opN.log, state .localnet/agents/opN/, role
#     changes .localnet/agents/hooks.log;
#   - the "flaky" operator's health server (FLAKY, default op1) is switched
#     off for half a cycle every few cycles (.localnet/health/flaky.log), so
#     its downtime violation comes from real probes;
#   - the demo payer funds the reward pool every cycle (.localnet/payer.log).
# Each demo operator opN is registered at genesis with a moniker and the
# public key of its XMTP node signing key, whose private key (hex) is in
# .localnet/operators/opN/node_key.hex; require_node_key is on.
# See README.md for what to run next in another terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./build/xmtpd}
AGENT=${AGENT:-$(dirname "$BIN")/xmtpd-operator} # the agent binary without the chain
H=${LOCALNET_HOME:-./.localnet}
CYCLE=${CYCLE:-60}                        # seconds per cycle
PAYOUT_CYCLES=${PAYOUT_CYCLES:-10}        # payout period, in cycles
FUND=${FUND:-2000000000uusdc}             # paid into the pool every cycle (2,000 USDC)
OPS=${OPERATORS:-12}
FLAKY=${FLAKY:-1}                         # demo operator whose health server goes down
BASE=${BASE_PORT:-26656}                  # p2p; rpc +1, grpc +3, api (and dashboard) +4
EP=$((BASE + 1000))                       # op i's endpoint: https://127.0.0.1:$((EP+i-1))
STATUS=${STATUS_BASE_PORT:-9470}          # op i's agent: http://127.0.0.1:$((STATUS+i))/status

rm -rf "$H"
"$BIN" testnet localnet --home "$H" --operators "$OPS" --base-port "$BASE" --endpoint-base-port "$EP" \
  --cycle-duration "${CYCLE}s" --payout-period "$((CYCLE * PAYOUT_CYCLES))s" --with-dashboard
# Burn auctions every AUCTION seconds (the chain default is 7 days).
sed -i "s/\"auction_period\": \"604800s\"/\"auction_period\": \"${AUCTION:-180}s\"/" "$H/config/genesis.json"
# Soft close of AUCTION_EXTENSION seconds (the chain default of 10 minutes is longer than a
# localnet auction, so every bid would extend it).
sed -i "s/\"auction_extension\": \"600s\"/\"auction_extension\": \"${AUCTION_EXTENSION:-20}s\"/" "$H/config/genesis.json"
"$BIN" operator gen-tls "$H/tls" --home "$H" >/dev/null
mkdir -p "$H/health" "$H/agents"
cat >"$H/agents/hook.sh" <<'HOOK'
#!/bin/sh
# Run by each agent on a role change: a real XMTP node would start or stop syncing here.
echo "$(date -u +%FT%TZ) cycle $XMTPD_CYCLE $XMTPD_OPERATOR -> $1" >>"$(dirname "$XMTPD_STATUS_FILE")/../hooks.log"
HOOK
chmod +x "$H/agents/hook.sh"

"$BIN" start --home "$H" >"$H/node.log" 2>&1 &
node=$!
pids=("$node")
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

health() { # health <i>: one health server in the foreground
  exec "$BIN" operator health-server --home "$H" --listen "127.0.0.1:$((EP + $1 - 1))" --tls-dir "$H/tls" \
    >>"$H/health/op$1.log" 2>&1
}
for i in $(seq 1 "$OPS"); do
  [ "$i" -eq "$FLAKY" ] && continue
  health "$i" &
  pids+=("$!")
done
# The flaky server: up for 3 cycles, off for half a cycle, again and again.
(
  while kill -0 "$node" 2>/dev/null; do
    health "$FLAKY" &
    srv=$!
    echo "$(date -u +%FT%TZ) op$FLAKY health server on" >>"$H/health/flaky.log"
    sleep "$((CYCLE * 3))"
    kill "$srv" 2>/dev/null || true
    wait "$srv" 2>/dev/null || true
    echo "$(date -u +%FT%TZ) op$FLAKY health server off" >>"$H/health/flaky.log"
    sleep "$((CYCLE / 2))"
  done
) &
pids+=("$!")

for i in $(seq 1 "$OPS"); do
  "$AGENT" start --home "$H" --chain-id xmtp-localnet-1 \
    --signer-key "op$i" --keyring-backend test --keyring-dir "$H" \
    --node-rpc "tcp://127.0.0.1:$((BASE + 1))" --node-grpc "127.0.0.1:$((BASE + 3))" \
    --ca-file "$H/tls/ca.pem" --probe-interval 2s --probe-timeout 1s --jitter 5s --timeout-blocks 10 \
    --work-url "https://127.0.0.1:$((EP + i - 1))/metrics" \
    --state-dir "$H/agents/op$i" --listen "127.0.0.1:$((STATUS + i))" --hook "$H/agents/hook.sh" \
    >>"$H/agents/op$i.log" 2>&1 &
  pids+=("$!")
done

# The demo payer: one fund-reward-pool transaction per cycle.
(
  sleep 5
  while kill -0 "$node" 2>/dev/null; do
    "$BIN" tx rewards fund-reward-pool "$FUND" --from payer --keyring-backend test \
      --home "$H" -y -o json >>"$H/payer.log" 2>&1 || true
    sleep "$CYCLE"
  done
) &
pids+=("$!")

./scripts/demo-bidder.sh "$BIN" "$H" "$node" & # one bid per burn auction
pids+=("$!")

cat <<MSG

xmtpd localnet is running (home $H, ${CYCLE}s cycles, payout every ${PAYOUT_CYCLES} cycles; node log $H/node.log).
Dashboard: http://127.0.0.1:$((BASE + 4))/dashboard/
$OPS operator agents (logs $H/agents/opN.log, status http://127.0.0.1:$((STATUS + 1))/status ...),
each with a moniker and an XMTP node signing key ($H/operators/opN/node_key.hex),
health servers https://127.0.0.1:$EP.. ; op$FLAKY's goes off for half a cycle every 3 cycles.
In another terminal:
  ./build/xmtpd q nodeselection active-set --home $H
  ./build/xmtpd q nodeselection nodes --home $H
  ./build/xmtpd q nodeselection violations \$(./build/xmtpd keys show op$FLAKY -a --keyring-backend test --home $H) --home $H
  tail -f $H/agents/op2.log
  curl -s http://127.0.0.1:$((STATUS + 2))/status

MSG
wait "$node"
