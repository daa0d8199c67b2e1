#!/usr/bin/env bash
# Installs what `make test` needs beyond Go, gcc and git, when missing:
# Chromium (tests/dashboard drives it headless), promtool (Debian package
# prometheus; tests/dashboard checks deploy/prometheus/alerts.yml with it) and
# Node.js with npm (tests/wallet runs CosmJS; the test itself runs `npm ci`
# from tests/wallet/js/package-lock.json).
# Debian/Ubuntu only; needs root or sudo. Set XMTPD_SKIP_BROWSER=1 and
# XMTPD_SKIP_PROMTOOL=1 to opt out (the tests then skip those checks).
set -euo pipefail
need=()
if [ "${XMTPD_SKIP_BROWSER:-}" != 1 ] && [ ! -x "${XMTPD_CHROMIUM:-/usr/bin/chromium}" ]; then
  need+=(chromium)
fi
if [ "${XMTPD_SKIP_PROMTOOL:-}" != 1 ] && [ ! -x "${XMTPD_PROMTOOL:-/usr/bin/promtool}" ]; then
  need+=(prometheus)
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  need+=(nodejs npm)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "ensure-test-tools: apt-get not found; install ${need[*]} yourself (or set XMTPD_SKIP_BROWSER=1 / XMTPD_SKIP_PROMTOOL=1)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "ensure-test-tools: installing ${need[*]}"
$sudo apt-get update -qq
# --no-install-recommends keeps the prometheus package from pulling its web UI extras.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
# The Debian package starts a Prometheus server; the tests only need promtool.
if [[ " ${need[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
