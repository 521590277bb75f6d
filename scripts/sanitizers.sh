#!/usr/bin/env bash
# The test suite under AddressSanitizer, then ThreadSanitizer, each in a
# scratch path of its own (.build-asan, .build-tsan) so that neither
# invalidates the plain build.
#
#   scripts/sanitizers.sh [address|thread]…      default: both
#
# Exit status 1 when either found something or a test failed.
set -uo pipefail
cd "$(dirname "$0")/.."

sanitizers=("$@")
[[ ${#sanitizers[@]} -gt 0 ]] || sanitizers=(address thread)

status=0
for sanitizer in "${sanitizers[@]}"; do
  case $sanitizer in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *)
      echo "unknown sanitizer $sanitizer" >&2
      exit 2
      ;;
  esac
  log=$scratch/test.log
  mkdir -p "$scratch"
  echo "== swift test --sanitize=$sanitizer (log: $log)"
  # gold stops on the sanitized objects' debug information. Swift's
  # backtracer would read a crashed stack under the sanitizer: it reports instead.
  # SIIRTO_SANITIZER lets the memory bounds of the hostile-input tests allow for
  # ThreadSanitizer's shadow memory.
  if SIIRTO_SANITIZER=$sanitizer SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 TSAN_OPTIONS=halt_on_error=0 \
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" -Xswiftc -use-ld=lld \
    >"$log" 2>&1; then
    result=passed
  else
    result=failed
    status=1
  fi
  reports=$(grep -c "^SUMMARY: \(Address\|Thread\)Sanitizer" "$log" || true)
  echo "$sanitizer: tests $result, $reports sanitizer report(s)"
  grep "^SUMMARY: \(Address\|Thread\)Sanitizer" "$log" | sort | uniq -c || true
  [[ $reports -eq 0 ]] || status=1
done
exit $status
