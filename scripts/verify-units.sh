#!/usr/bin/env bash
# Checks cron/siirto.service and cron/siirto.timer with `systemd-analyze verify`.
# The units run /usr/local/bin/siirto, which need not exist on the machine
# checking them, so a temporary copy points ExecStart at a binary that does:
# $SIIRTO_BIN, else the debug or release build, else /bin/true.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
  echo "Installing systemd for systemd-analyze…" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq systemd >/dev/null
fi
binary="${SIIRTO_BIN:-}"
for candidate in .build/debug/siirto .build/release/siirto /bin/true; do
  [ -n "$binary" ] && break
  [ -x "$candidate" ] && binary="$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate")"
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp cron/siirto.timer "$work/"
sed "s|^ExecStart=/usr/local/bin/siirto |ExecStart=$binary |" cron/siirto.service >"$work/siirto.service"
grep -q "^ExecStart=$binary " "$work/siirto.service" || {
  echo "verify-units: no ExecStart=/usr/local/bin/siirto line in cron/siirto.service" >&2
  exit 1
}
# Any finding is printed; with --man=no the man page need not be installed.
output="$(systemd-analyze verify --man=no "$work/siirto.service" "$work/siirto.timer" 2>&1)" || {
  printf '%s\n' "$output" >&2
  exit 1
}
if [ -n "$output" ]; then
  printf '%s\n' "$output" >&2
  exit 1
fi
# The exposure score of the hardening, for information.
systemd-analyze security --offline=yes "$work/siirto.service" 2>/dev/null | tail -1 || true
echo "verify-units: siirto.service and siirto.timer are valid (ExecStart checked with $binary)."
