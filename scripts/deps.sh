#!/usr/bin/env bash
# Installs the Debian packages Siirto builds and tests with, when missing.
set -euo pipefail
need=()
for pkg in libxml2-dev libcsv-dev libsqlite3-dev libxml2-utils pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}…" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
