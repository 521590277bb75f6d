#!/usr/bin/env bash
# The benchmark of operations.md "Targets", in one command:
#   scripts/bench.sh [--small] [--seed N] [--error-rate P] [--no-build]
# builds release, generates the files with siirto-gen, measures `siirto validate` and
# `siirto run` and their peers on the same files, and prints one table. P (default 0.02)
# is the share of bad records in a second nightly drop. --no-build measures the release
# binaries already built. Work files, logs and the table (results.md) are under
# .build-bench/. The peers and `siirto validate` run three times and show the median; the
# runs, once. A siirto command that fails is shown as failed with its exit code; the
# peers are measured regardless.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench/lib.sh

claims=1000000 mandates=1000000 partners=23 per_partner=5000 nightly_mandates=50000
slice=100000 seed=1 error_rate=0.02 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --small) claims=50000 mandates=50000 per_partner=500 nightly_mandates=5000 slice=20000 ;;
    --seed) seed="$2"; shift ;;
    --error-rate) error_rate="$2"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done
now="2026-11-22T02:00:00Z" next_night="2026-11-23T02:00:00Z"
work=.build-bench
rm -rf "$work/data" "$work/runs" "$work/logs"
mkdir -p "$work/data" "$work/runs" "$work/logs"
export BENCH_LOGS="$work/logs"
: >"$(results)"

ensure_tools "$work"

siirto=.build/release/siirto
if [ "$build" -eq 1 ]; then
  echo "Building release…" >&2
  if ! swift build -c release >"$work/logs/build.log" 2>&1; then
    echo "The full release build failed (see $work/logs/build.log); siirto rows will fail." >&2
    siirto="$work/no-siirto"
    swift build -c release --product siirto-gen >>"$work/logs/build.log" 2>&1
  fi
fi
[ -x "$siirto" ] || siirto="$work/no-siirto"
gen=.build/release/siirto-gen

cc -O2 -o "$work/csvparse" scripts/bench/csvparse.c -lcsv

# Generation is measured too: the generator's own speed is worth knowing.
measure generate "siirto-gen --claims-csv $claims" "@$work/data/claims" "@$work/data/claims" \
  "$gen" --seed "$seed" --quiet --out "$work/data/claims" --claims-csv "$claims"
measure generate "siirto-gen --mandates-xml $mandates" "@$work/data/mandates" \
  "@$work/data/mandates" \
  "$gen" --seed "$seed" --quiet --out "$work/data/mandates" --mandates-xml "$mandates"
for drop in nightly nightly-errors; do
  rate=0
  [ "$drop" = nightly ] || rate=$error_rate
  measure generate "siirto-gen --nightly --error-rate $rate" "@$work/data/$drop" \
    "@$work/data/$drop" \
    "$gen" --seed "$seed" --quiet --out "$work/data/$drop" --nightly --partners "$partners" \
    --claims-per-partner "$per_partner" --mandates "$nightly_mandates" --error-rate "$rate"
done

claims_csv=$(find "$work/data/claims/inbox" -name 'claims-001.csv' -print -quit)
mandates_xml="$work/data/mandates/inbox/mandates.xml"
[ -n "$claims_csv" ] && [ -f "$mandates_xml" ] || {
  echo "bench.sh: siirto-gen did not write the drops; see $work/logs/1.log…3.log" >&2
  exit 70
}
slice_csv="$work/data/claims-slice.csv"
head -n "$((slice + 1))" "$claims_csv" >"$slice_csv"
# BENCH_SCHEMAS points the peers at other schemas (to try the script before ours exist).
xsd="${BENCH_SCHEMAS:-schemas}/mandates.xsd"
tableschema="${BENCH_SCHEMAS:-schemas}/claims.tableschema.json"

# A canary: one claim with a wrong control character. A siirto that passes it is not
# validating yet, and its figures are marked so.
canary="$work/data/canary.csv"
head -n 2 "$claims_csv" | awk -F';' -v OFS=';' 'NR == 2 { $5 = "010190-900R" } { print }' >"$canary"
canary_code=0
"$siirto" validate --now "$now" "$canary" >"$work/logs/canary.log" 2>&1 || canary_code=$?
export BENCH_SIIRTO_NOTE=""
if [ ! -x "$siirto" ]; then
  BENCH_SIIRTO_NOTE="siirto not built"
elif [ "$canary_code" -ne 1 ]; then
  BENCH_SIIRTO_NOTE="unverified: a bad hetu gave exit $canary_code, not 1"
fi

# 1,000,000 claims in one CSV.
w="claims CSV ($claims)"
bytes=$(size_of "$claims_csv")
measure --runs 3 "$w" "wc -l" "$claims" "$bytes" wc -l "$claims_csv"
measure --runs 3 "$w" "libcsv parse" "$claims" "$bytes" "$work/csvparse" "$claims_csv"
measure --runs 3 "$w" "siirto validate" "$claims" "$bytes" \
  "$siirto" validate --now "$now" "$claims_csv"
fresh_root "$work/data/claims" "$work/runs/claims"
measure "$w" "siirto run" "$(records_in "$work/data/claims")" "$(bytes_in "$work/data/claims")" \
  "$siirto" run --root "$work/runs/claims" --min-age 0 --now "$now"

# The same claims, a slice for the Python validator.
w="claims CSV slice ($slice)"
bytes=$(size_of "$slice_csv")
if [ -f "$tableschema" ]; then
  measure "$w" "frictionless validate" "$slice" "$bytes" \
    "$work/venv/bin/frictionless" validate --trusted --schema "$tableschema" "$slice_csv"
else
  skip "$w" "frictionless validate" "no $tableschema"
fi
measure --runs 3 "$w" "siirto validate" "$slice" "$bytes" \
  "$siirto" validate --now "$now" "$slice_csv"

# 1,000,000 mandates in one XML export.
w="mandates XML ($mandates)"
bytes=$(size_of "$mandates_xml")
measure --runs 3 "$w" "wc -l" "$mandates" "$bytes" wc -l "$mandates_xml"
measure --runs 3 "$w" "xmllint --stream (no schema)" "$mandates" "$bytes" \
  xmllint --stream --noout "$mandates_xml"
if [ -f "$xsd" ]; then
  measure --runs 3 "$w" "xmllint --stream --schema" "$mandates" "$bytes" \
    xmllint --stream --noout --schema "$xsd" "$mandates_xml"
else
  skip "$w" "xmllint --stream --schema" "no $xsd"
fi
measure --runs 3 "$w" "siirto validate" "$mandates" "$bytes" \
  "$siirto" validate --now "$now" "$mandates_xml"
fresh_root "$work/data/mandates" "$work/runs/mandates"
measure "$w" "siirto run" "$(records_in "$work/data/mandates")" \
  "$(bytes_in "$work/data/mandates")" \
  "$siirto" run --root "$work/runs/mandates" --min-age 0 --now "$now"
# The next night's export: the same mandates under a new export ID, as Suomi.fi sends
# every night, into the state the run above left.
next_xml="$work/runs/mandates/inbox/mandates-next.xml"
sed '2s/exportId="\([^"]*\)"/exportId="\1-next"/' "$mandates_xml" >"$next_xml"
measure "$w" "siirto run, next night's export" "$mandates" "$bytes" \
  "$siirto" run --root "$work/runs/mandates" --min-age 0 --now "$next_night"

# A night: 23 partners' claim files, the mandate export and the register; then the same
# night with a share of bad records, as real nights have (receipts, rejections).
for drop in nightly nightly-errors; do
  w="nightly drop ($partners × $per_partner + $nightly_mandates)"
  [ "$drop" = nightly ] || w="$w, error rate $error_rate"
  mapfile -t files < <(find "$work/data/$drop/inbox" -type f | sort)
  records=$(records_in "$work/data/$drop")
  bytes=$(bytes_in "$work/data/$drop")
  measure --runs 3 "$w" "wc -l" "$records" "$bytes" wc -l "${files[@]}"
  measure --runs 3 "$w" "siirto validate" "$records" "$bytes" \
    "$siirto" validate --now "$now" "${files[@]}"
  fresh_root "$work/data/$drop" "$work/runs/$drop"
  measure "$w" "siirto run" "$records" "$bytes" \
    "$siirto" run --root "$work/runs/$drop" --min-age 0 --now "$now"
done

{ describe_machine "$seed"; print_table; } | tee "$work/results.md"
