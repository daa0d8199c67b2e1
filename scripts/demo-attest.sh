#!/usr/bin/env bash
# The demo operators' attestation duty on a localnet: after every boundary,
# each member of the cycle that just ended attests the others' uptime and work
# for that cycle (MsgSubmitAttestation). Every 4th cycle the whole set reports
# one "flaky" member at 90% uptime (a downtime violation, so penalties and
# withholding show up), and every 3rd cycle one member lies about everyone
# (a minority, so the median ignores it). Log: $H/attest.log.
# Usage: scripts/demo-attest.sh <xmtpd-binary> <home> <node-pid> [operators]
set -uo pipefail
BIN=$1 H=$2 NODE=$3 OPS=${4:-12}
ADDR_RE='xmtp1[02-9ac-hj-np-z]\{38\}'

declare -A KEY
for i in $(seq 1 "$OPS"); do
  KEY[$("$BIN" keys show "op$i" -a --keyring-backend test --home "$H")]="op$i"
done

last=-1
while kill -0 "$NODE" 2>/dev/null; do
  sleep 3
  cycle=$("$BIN" q nodeselection active-set --home "$H" -o json 2>/dev/null |
    grep -o '"cycle": *"[0-9]*"' | grep -o '[0-9]\+' || true)
  cycle=${cycle:-0}
  prev=$((cycle - 1))
  [ "$prev" -ge 0 ] && [ "$prev" -ne "$last" ] || continue
  mapfile -t members < <("$BIN" q nodeselection cycle-history "$prev" --home "$H" -o json 2>/dev/null | grep -o "$ADDR_RE")
  [ "${#members[@]}" -gt 1 ] || { last=$prev; continue; }
  flaky=""
  (( prev % 4 == 3 )) && flaky=${members[0]}
  liar=""
  (( prev % 3 == 2 )) && liar=${members[1]}
  for m in "${members[@]}"; do
    key=${KEY[$m]:-}
    [ -n "$key" ] || continue
    obs=()
    for o in "${members[@]}"; do
      [ "$o" = "$m" ] && continue
      up=10000
      [ "$o" = "$flaky" ] && up=9000
      [ "$m" = "$liar" ] && up=1000
      obs+=("{\"operator\":\"$o\",\"uptime_bps\":$up,\"work_units\":$((900 + RANDOM % 200))}")
    done
    echo "cycle $prev: $key attests ${#obs[@]} members${flaky:+ (flaky: $flaky)}" >>"$H/attest.log"
    "$BIN" tx nodeselection submit-attestation "$prev" "${obs[@]}" --from "$key" \
      --keyring-backend test --home "$H" --gas 400000 -y -o json >>"$H/attest.log" 2>&1
    echo >>"$H/attest.log"
  done
  last=$prev
done
