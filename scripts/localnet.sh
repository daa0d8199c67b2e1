#!/usr/bin/env bash
# Writes a fresh single-validator localnet in .localnet/ and runs it in the
# foreground (Ctrl-C stops everything). Alongside the node, the demo payer
# funds the reward pool every cycle (log: .localnet/payer.log) and the demo
# operators attest each other (scripts/demo-attest.sh, log: .localnet/attest.log),
# so budgets, settlements, cap excess, treasury inflows, payouts, violations and
# withholding show up within minutes.
# See README.md for what to run next in another terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./build/xmtpd}
H=${LOCALNET_HOME:-./.localnet}
CYCLE=${CYCLE:-60}                        # seconds per cycle
PAYOUT_CYCLES=${PAYOUT_CYCLES:-10}        # payout period, in cycles
FUND=${FUND:-2000000000uusdc}             # paid into the pool every cycle (2,000 USDC)

rm -rf "$H"
"$BIN" testnet localnet --home "$H" --operators "${OPERATORS:-12}" \
  --cycle-duration "${CYCLE}s" --payout-period "$((CYCLE * PAYOUT_CYCLES))s"
# Burn auctions every AUCTION seconds (the chain default is 7 days).
sed -i "s/\"auction_period\": \"604800s\"/\"auction_period\": \"${AUCTION:-180}s\"/" "$H/config/genesis.json"

"$BIN" start --home "$H" &
node=$!
pids=("$node")
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

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

# The demo operators attest each other every cycle.
./scripts/demo-attest.sh "$BIN" "$H" "$node" "${OPERATORS:-12}" &
pids+=("$!")
./scripts/demo-bidder.sh "$BIN" "$H" "$node" & # one bid per burn auction
pids+=("$!")

cat <<MSG

xmtpd localnet is running (home $H, ${CYCLE}s cycles, payout every ${PAYOUT_CYCLES} cycles).
In another terminal:
  ./build/xmtpd q nodeselection active-set --home $H
  ./build/xmtpd q nodeselection schedule 5 --home $H
  ./build/xmtpd q rewards pool --home $H
  ./build/xmtpd q treasury buckets --home $H

MSG
wait "$node"
