#!/usr/bin/env bash
# Builds the libFuzzer harnesses with AddressSanitizer and runs each for
# SECONDS (default 600), one after another.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]      targets: FuzzCSVReader FuzzXMLReader FuzzIdentifiers
#
# The committed seeds (Fuzz/corpus/TARGET) are read, never written: what the
# fuzzer adds goes to .build-fuzz/corpus/TARGET, kept between runs. Crash,
# timeout and out-of-memory inputs are kept in .build-fuzz/crashes/. A crash
# does not end the run: libFuzzer's fork mode restarts and fuzzes on.
# Replay one with: .build-fuzz/debug/TARGET .build-fuzz/crashes/FILE
#
# Exit status 1 when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(FuzzCSVReader FuzzXMLReader FuzzIdentifiers)

scratch=.build-fuzz
crashes=$scratch/crashes
mkdir -p "$crashes"

# SwiftPM gives an executable's main another name and links it back, so
# -sanitize=fuzzer (whose archive brings a main of its own) would break every
# executable of the build, the schema embedder first. Instead the code gets
# the coverage instrumentation -sanitize=fuzzer would add, and the harnesses
# call libFuzzer's driver from the archive without a main (CLibFuzzer).
runtime=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib/clang
fuzzer=$(find "$runtime" -name 'libclang_rt.fuzzer_no_main-x86_64.a' -print -quit)
[[ -n $fuzzer ]] || {
  echo "no libclang_rt.fuzzer_no_main in $runtime" >&2
  exit 2
}
flags=(
  -c debug --scratch-path "$scratch"
  -Xswiftc -sanitize=address
  -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
  -Xswiftc -DSIIRTO_LIBFUZZER
  # gold stops on the sanitized objects' debug information.
  -Xswiftc -use-ld=lld
  -Xlinker "$fuzzer" -Xlinker -lstdc++
)

dictionary() {
  case $1 in
    FuzzCSVReader) echo Fuzz/dict/csv.dict ;;
    FuzzXMLReader) echo Fuzz/dict/xml.dict ;;
    FuzzIdentifiers) echo Fuzz/dict/identifiers.dict ;;
  esac
}

# Builds first, all of them, so that a build error shows before any fuzzing.
for target in "${targets[@]}"; do
  [[ -n $(dictionary "$target") ]] || {
    echo "unknown target $target" >&2
    exit 2
  }
  swift build "${flags[@]}" --product "$target" 2>&1 | grep -v 'Cannot export local symbol' >&2
done

status=0
summary=()
for target in "${targets[@]}"; do
  corpus=$scratch/corpus/$target
  log=$scratch/fuzz-$target.log
  mkdir -p "$corpus"
  before=$(find "$crashes" -name "$target-*" | wc -l)
  echo "== $target for $seconds s (log: $log)"
  # Crashes, hangs and memory growth are what is looked for; leaks are not
  # checked. Swift's backtracer would read the crashed stack under ASan, so
  # libFuzzer alone reports.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    "$scratch/debug/$target" "$corpus" "Fuzz/corpus/$target" \
    -dict="$(dictionary "$target")" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=16384 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$crashes/$target-" -print_final_stats=1 >"$log" 2>&1 || true
  # Fork mode reports each job's executions; the last report is the total.
  executions=$(grep -o '#[0-9]*: cov' "$log" | tail -1 | tr -dc '0-9')
  found=$(($(find "$crashes" -name "$target-*" | wc -l) - before))
  [[ $found -eq 0 ]] || status=1
  summary+=("$(printf '%-16s %12s executions %4d crashes' "$target" "${executions:-0}" "$found")")
done

echo "== summary ($seconds s each; crashes in $crashes)"
printf '%s\n' "${summary[@]}"
exit $status
