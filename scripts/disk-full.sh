#!/usr/bin/env bash
# A full disk during a run. The data root is a small tmpfs; a filler file
# leaves only a few KiB free, a different amount each round, so that the
# disk fills at a different step of the run: the database, the claims, the
# problem spools, the staged outputs, the reports, the publishing. Each
# round expects
#
#   - exit 74 (or 0/1 when the space sufficed), never a crash or exit 70;
#   - no half-written file in outbox/: every file there is complete, byte
#     for byte the reference run's file of the same name;
#   - no input lost: each is in the inbox, in work/, or where the
#     reference put it;
#
# and, once the filler is gone, a run that converges to the reference's end
# state (scripts/killtest.sh --digest).
#
#   scripts/disk-full.sh            needs root (mount -t tmpfs)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product siirto >/dev/null
siirto="$(swift build --show-bin-path)/siirto"
now=2026-11-22T02:00:00Z

work="$(mktemp -d "${TMPDIR:-/tmp}/siirto-diskfull.XXXXXX")"
mnt="$work/mnt"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
  rmdir "$mnt"
  rm -rf "$work"
  echo "disk-full: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN);" \
    "the Swift test DiskFull is skipped for the same reason" >&2
  exit 77
fi
cleanup() {
  umount "$mnt" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The drop: the sample night, with fixed modification times and key.
prepare() { # root
  local root=$1 stamp=1795262400
  mkdir -p "$root/inbox" "$root/state"
  cp -R samples/inbox/. "$root/inbox/"
  while IFS= read -r -d '' file; do
    touch -d "@$stamp" "$file"
    stamp=$((stamp + 1))
  done < <(find "$root/inbox" -type f -print0 | sort -z)
  chmod 700 "$root/state"
  python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 7) & 255 for i in range(32)))' \
    >"$root/state/pseudonym.key"
  chmod 600 "$root/state/pseudonym.key"
}

reference="$work/reference"
prepare "$reference"
"$siirto" run --root "$reference" --now "$now" --min-age 0 >/dev/null 2>&1 || true
scripts/killtest.sh --digest "$reference" >"$work/reference.state"
inputs=$(find "$reference/archive" "$reference/rejected" -type f | wc -l)

failures=0
fail() {
  failures=$((failures + 1))
  echo "FAIL ($1): $2" >&2
}

rounds=0
full=0
for free_kib in 0 4 8 16 24 32 48 64 96 128 160 192 256 320 384 512 640 768 1024; do
  rounds=$((rounds + 1))
  root="$mnt/root"
  rm -rf "$root"
  prepare "$root"
  # Fill what is left but free_kib.
  avail_kib=$(df --output=avail -k "$mnt" | tail -1 | tr -d ' ')
  fill=$((avail_kib - free_kib))
  if [ "$fill" -gt 0 ]; then
    dd if=/dev/zero of="$mnt/filler" bs=1k count="$fill" status=none 2>/dev/null || true
  fi
  set +e
  "$siirto" run --root "$root" --now "$now" --min-age 0 >"$work/out" 2>"$work/err"
  code=$?
  set -e
  label="$free_kib KiB free, exit $code"
  case "$code" in
    74) full=$((full + 1)) ;;
    0 | 1) ;;
    *) fail "$label" "expected 74, or 0/1 with room: $(head -3 "$work/err")" ;;
  esac
  # Whatever reached outbox/ is complete: the reference's file, byte for byte.
  while IFS= read -r -d '' file; do
    rel="${file#"$root"/}"
    if ! cmp -s "$file" "$reference/$rel"; then fail "$label" "$rel is not the reference's"; fi
  done < <(find "$root/outbox" -type f -print0 2>/dev/null)
  # No input lost: in the inbox, in work/incoming, or archived or rejected.
  kept=$(find "$root/inbox" "$root/work/incoming" "$root/archive" "$root/rejected" -type f \
    2>/dev/null | wc -l)
  [ "$kept" -eq "$inputs" ] || fail "$label" "$kept of $inputs input files are anywhere"
  # With room again, the next run converges.
  rm -f "$mnt/filler"
  set +e
  "$siirto" run --root "$root" --now "$now" --min-age 0 >/dev/null 2>"$work/err"
  again=$?
  set -e
  [ "$again" -le 1 ] || fail "$label" "the run with room exited $again: $(head -3 "$work/err")"
  if ! scripts/killtest.sh --digest "$root" | cmp -s - "$work/reference.state"; then
    fail "$label" "the end state differs from the reference"
    scripts/killtest.sh --digest "$root" | diff "$work/reference.state" - | head -10 >&2 || true
  fi
  echo "disk-full: $label; then exit $again"
done

echo "disk-full: $rounds rounds, $full of them ran out of space (exit 74); $failures failures"
[ "$failures" -eq 0 ]
