#!/usr/bin/env bash
# The nightly job on the sample drop, under the default data root ./var.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product siirto
mkdir -p var/inbox
cp -R samples/inbox/. var/inbox/
status=0
# The samples describe the night of 2026-11-22; the fixed clock keeps the demo showing that night.
.build/release/siirto run --min-age 0 --now 2026-11-22T02:00:00Z || status=$?
echo "siirto run exited $status; receipts are in var/outbox/, reports in var/reports/." >&2
# 1 means some sample files were rejected on purpose: that is the demo working.
[ "$status" -le 1 ] || exit "$status"
