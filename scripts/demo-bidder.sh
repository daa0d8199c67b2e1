#!/usr/bin/env bash
# The localnet's demo bidder: a "bidder" key funded with uxmtp by the payer
# bids once per burn auction (the smallest accepted bid plus 1 XMTP), so an
# auction with a lot completes and burns XMTP within minutes.
# Usage: scripts/demo-bidder.sh <xmtpd-binary> <home> <node-pid>
# Log: <home>/bidder.log
set -uo pipefail
BIN=$1 H=$2 NODE=$3
TX=(--keyring-backend test --home "$H" -y -o json)
log="$H/bidder.log"
sleep 8
"$BIN" keys add bidder --keyring-backend test --home "$H" >/dev/null 2>&1
bidder=$("$BIN" keys show bidder -a --keyring-backend test --home "$H")
for try in 1 2 3 4 5; do # the payer's own transactions may race for its sequence
  "$BIN" tx bank send payer "$bidder" 100000000000uxmtp "${TX[@]}" >>"$log" 2>&1
  sleep 6
  "$BIN" q bank balance "$bidder" uxmtp --home "$H" -o json 2>/dev/null | grep -q '"amount":"0"' || break
done
last=""
while kill -0 "$NODE" 2>/dev/null; do
  sleep 20
  a=$("$BIN" q treasury auction --home "$H" -o json 2>/dev/null | tr -d " \n") || continue
  id=$(grep -o '"id":"[0-9]*"' <<<"$a" | head -1 | grep -o '[0-9]*')
  [[ -z "$id" || "$id" == "$last" ]] && continue
  grep -q '"lot":\[{' <<<"$a" || continue # nothing to buy yet
  min=$(grep -o '"min_next_bid":{[^}]*}' <<<"$a" | grep -o '"amount":"[0-9]*"' | grep -o '[0-9]*')
  echo "auction $id: bidding $((min + 1000000))uxmtp" >>"$log"
  "$BIN" tx treasury bid "$((min + 1000000))uxmtp" --from bidder "${TX[@]}" >>"$log" 2>&1 && last=$id
done
