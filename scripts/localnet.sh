#!/usr/bin/env bash
# Writes a fresh single-validator localnet in .localnet/ and runs it in the
# foreground (Ctrl-C stops it). See README.md for what to run next.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-./build/xmtpd}
HOME_DIR=${LOCALNET_HOME:-./.localnet}
CYCLE=${CYCLE:-60s}

rm -rf "$HOME_DIR"
"$BIN" testnet localnet --home "$HOME_DIR" --operators "${OPERATORS:-12}" --cycle-duration "$CYCLE"
echo
echo "Starting xmtpd (home $HOME_DIR). In another terminal, try:"
echo "  ./build/xmtpd q nodeselection active-set --home $HOME_DIR"
echo "  ./build/xmtpd q nodeselection schedule --cycles 5 --home $HOME_DIR"
echo
exec "$BIN" start --home "$HOME_DIR"
