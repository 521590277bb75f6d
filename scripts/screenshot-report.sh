#!/usr/bin/env bash
# Renders the auditor report of the sample night to a PNG with headless
# Chromium, so a person can look at the page as a browser draws it.
#
#   scripts/screenshot-report.sh [OUT.png]     default: .build/report-screenshot.png
#
# The samples run in a temporary data root with the samples' own clock, by
# $SIIRTO_BIN, else the debug or release build (a debug build is made when
# there is none). Chromium comes from Debian's `chromium` package, installed
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/report-screenshot.png}"

if ! command -v chromium >/dev/null; then
  echo "Installing chromium…" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

binary="${SIIRTO_BIN:-}"
for candidate in .build/debug/siirto .build/release/siirto; do
  [ -n "$binary" ] && break
  [ -x "$candidate" ] && binary="$candidate"
done
if [ -z "$binary" ]; then
  scripts/deps.sh
  swift build --product siirto
  binary=.build/debug/siirto
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/inbox"
cp -R samples/inbox/. "$root/inbox/"
status=0
# The samples describe the night of 2026-11-22; some are rejected on purpose (exit 1).
"$binary" run --root "$root" --min-age 0 --now 2026-11-22T02:00:00Z >/dev/null || status=$?
if [ "$status" -gt 1 ]; then
  echo "screenshot-report: siirto run exited $status" >&2
  exit "$status"
fi
report="$(ls -d "$root"/reports/*/report.html | head -n 1)"

mkdir -p "$(dirname "$out")"
rm -f "$out"
# Chromium writes its profile and crash data under $HOME; the temporary root keeps them out of it.
HOME="$root" chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size=1280,4000 --screenshot="$(realpath -m "$out")" "file://$report" \
  >"$root/chromium.log" 2>&1 || {
  cat "$root/chromium.log" >&2
  exit 1
}

# A blank or failed render is a few kilobytes of one colour; the sample page is far more.
size="$(stat -c %s "$out" 2>/dev/null || echo 0)"
if [ "$size" -lt 20000 ]; then
  echo "screenshot-report: $out is missing or trivial ($size bytes)" >&2
  exit 1
fi
echo "$out: $size bytes, from $(basename "$(dirname "$report")")/report.html"
