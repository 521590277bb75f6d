#!/usr/bin/env bash
# Night after night into one data root, to see how a run grows with the state:
#   scripts/bench/soak.sh [--nights N] [--small] [--no-build]
# Night k (from 0) is `siirto-gen --nightly --night k --date D+k` (seed 1, D 2026-11-22):
# new claims from the same 23 partners, and the first night's mandates and register in an
# export and a snapshot dated that day. Its inbox goes into one data root under .build-bench/soak/ and `siirto run --now`
# D+k 02:00 runs on it. One row per night: wall and CPU seconds, peak RSS, the run's exit
# code, the claims in the state and the database's size. --small: 23 × 500 claims and
# 5,000 mandates a night instead of 23 × 5,000 and 50,000.
set -euo pipefail
cd "$(dirname "$0")/../.."
nights=10 per_partner=5000 mandates=50000 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nights) nights="$2"; shift ;;
    --small) per_partner=500 mandates=5000 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done
work=.build-bench/soak
rm -rf "$work"
mkdir -p "$work/root/inbox" "$work/logs"
if [ ! -x /usr/bin/time ]; then
  echo "Installing time…" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq time >/dev/null
fi
if [ "$build" -eq 1 ]; then
  echo "Building release…" >&2
  swift build -c release >"$work/logs/build.log" 2>&1
fi
siirto=.build/release/siirto gen=.build/release/siirto-gen

echo "Siirto soak, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, commit $(git describe --always --dirty)," \
  "23 × $per_partner claims and $mandates mandates a night"
echo
echo "| night | date | seconds | CPU s | peak RSS MB | exit | claims in state | database MB |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for ((k = 0; k < nights; k++)); do
  day=$(date -u -d "2026-11-22 +$k days" +%F)
  rm -rf "$work/drop"
  "$gen" --seed 1 --quiet --out "$work/drop" --nightly --night "$k" --date "$day" \
    --claims-per-partner "$per_partner" --mandates "$mandates"
  cp -a "$work/drop/inbox/." "$work/root/inbox/"
  code=0
  /usr/bin/time -f "%e %U %S %M" -o "$work/logs/time-$k" \
    "$siirto" run --root "$work/root" --min-age 0 --now "${day}T02:00:00Z" \
    >"$work/logs/run-$k.log" 2>&1 || code=$?
  read -r wall user sys rss <"$work/logs/time-$k"
  read -r claims bytes < <(python3 -c 'import os, sqlite3, sys
p = sys.argv[1]
print(sqlite3.connect(p).execute("SELECT COUNT(*) FROM claims").fetchone()[0], os.path.getsize(p))' \
    "$work/root/state/siirto.sqlite")
  printf '| %d | %s | %.2f | %.2f | %d | %d | %s | %d |\n' "$k" "$day" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((rss / 1024)) "$code" \
    "$claims" $((bytes / 1048576))
done
