#!/usr/bin/env bash
# The kill test at scale: a mixed nightly drop processed once without
# interruption (the reference), then again and again from the same start with
# `siirto run` killed by SIGKILL at a different moment each time — at every
# named crash point with several hit counts, at random delays, and killed a
# second time while it recovers — each time run again to completion and the
# end state compared with the reference's. Any difference or lost file fails.
#
#   scripts/killtest.sh [--random N] [--keep]
#   scripts/killtest.sh --digest ROOT     print a data root's end state (disk-full.sh uses it)
#
# The end state is the one Sandbox.endState() compares in the Swift tests:
# every database row and every file of outbox/, archive/, rejected/ and
# reports/, without the real start time of a run, the runs that only
# recovered (they processed no file) with their reports and audit records,
# the in-flight workItem table and the derived reports/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."

digest() {
  python3 - "$1" <<'EOF'
import hashlib, os, sqlite3, sys
root = sys.argv[1]
db = sqlite3.connect(os.path.join(root, "state", "siirto.sqlite"))
idle = {r[0] for r in db.execute("SELECT id FROM run WHERE files = 0")}
idle_records = {r[0] for r in db.execute(
    "SELECT seq FROM audit_record WHERE run_id IN (SELECT id FROM run WHERE files = 0)")}
out = []
tables = [r[0] for r in db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name NOT IN ('grdb_migrations', 'workItem') ORDER BY name")]
for table in tables:
    cols = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")') if c[1] != "startedAt"]
    run_col = next((c for c in cols if c in ("runID", "runId", "run_id")), None)
    lines = []
    for row in db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"'):
        rec = dict(zip(cols, row))
        if table == "run" and rec["id"] in idle: continue
        if run_col and rec[run_col] in idle: continue
        if table == "audit_file" and rec.get("seq") in idle_records: continue
        lines.append("|".join(f"{c}={rec[c]!r}" for c in cols))
    out.append(f"db:{table}\n" + "\n".join(sorted(lines)))
for top in ("outbox", "archive", "rejected", "reports", "inbox"):
    base = os.path.join(root, top)
    for dirpath, dirnames, filenames in os.walk(os.fsencode(base)):
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, os.fsencode(root)).decode("utf-8", "backslashreplace")
            if rel == "reports/index.html": continue
            if any(rel.startswith(f"reports/{r}/") for r in idle): continue
            if os.path.islink(path):
                content = b"link:" + os.readlink(path)
            else:
                with open(path, "rb") as f: content = f.read()
            out.append(f"file:{rel} {hashlib.sha256(content).hexdigest()}")
print("\n".join(sorted(out)))
EOF
}

random=40
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --random) random="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    --digest) digest "$2"; exit ;;
    *) echo "usage: $0 [--random N] [--keep]" >&2; exit 64 ;;
  esac
done
command -v python3 >/dev/null || { echo "killtest: needs python3 (end-state digest)" >&2; exit 1; }

swift build --product siirto >/dev/null
swift build --product siirto-gen >/dev/null
bin="$(swift build --show-bin-path)"
siirto="$bin/siirto"
now=2026-11-22T02:00:00Z

work="$(mktemp -d "${TMPDIR:-/tmp}/siirto-killtest.XXXXXX")"
cleanup() { if ! $keep; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT

# The drop: the sample night (register, requests, mandates, six partners'
# claims), generated claim files of four more partners (with errors; their
# register is left out, so that a debug build gets through the drop in
# seconds), and a few of the bad samples.
template="$work/template"
"$bin/siirto-gen" --quiet --out "$work/generated" --nightly --partners 4 --claims-per-partner 40 \
  --files-per-partner 2 --mandates 10 --error-rate 0.05 --seed 9
mkdir -p "$template/inbox"
find "$work/generated/inbox" -mindepth 1 -maxdepth 1 -type d -exec cp -R {} "$template/inbox/" \;
cp -R samples/inbox/. "$template/inbox/"
for bad in tyhja.csv billion-laughs.xml katkennut.xml lainausmerkki-auki.csv \
  kenttien-maara.csv varoitukset.csv; do
  cp "samples/bad/$bad" "$template/inbox/bad-$bad"
done
# Fixed modification times, one second apart in name order, so that every
# copy processes its files in the same order.
stamp=1795262400
while IFS= read -r -d '' file; do
  touch -d "@$stamp" "$file"
  stamp=$((stamp + 1))
done < <(find "$template/inbox" -type f -print0 | sort -z)
mkdir -p "$template/state"
chmod 700 "$template/state"
# One pseudonym key for every copy: it is part of the state.
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 7) & 255 for i in range(32)))' \
  >"$template/state/pseudonym.key"
chmod 600 "$template/state/pseudonym.key"
files=$(find "$template/inbox" -type f | wc -l)

run_siirto() { "$siirto" run --root "$1" --now "$now" --min-age 0 >/dev/null 2>&1; }

fresh() {
  rm -rf "$work/trial"
  cp -a "$template" "$work/trial"
}

# The reference, and how often it passes each named point.
fresh
set +e
run_siirto "$work/trial"
reference_exit=$?
set -e
[ "$reference_exit" -le 1 ] || { echo "killtest: the reference run exited $reference_exit" >&2; exit 1; }
digest "$work/trial" >"$work/reference.state"
grep -q '^file:inbox/' "$work/reference.state" && { echo "killtest: the reference left files in the inbox" >&2; exit 1; }
outputs=$(grep -c '^file:outbox/' "$work/reference.state" || true)
reports=$(grep -c '^file:reports/' "$work/reference.state" || true)
published=$((outputs + reports))
echo "killtest: $files input files, $published published outputs, reference exit $reference_exit"

# Every named point, each with hit counts spread over its range.
spread() { # name total count → name:1 … name:total
  local name=$1 total=$2 count=$3 i
  for ((i = 0; i < count; i++)); do
    echo "$name:$((1 + i * (total - 1) / (count > 1 ? count - 1 : 1)))"
  done | sort -u
}
points=(claims-recorded after-claim before-commit after-commit before-published)
mapfile -t -O "${#points[@]}" points < <(spread claim-move "$files" 12)
mapfile -t -O "${#points[@]}" points < <(spread after-file "$files" 20)
mapfile -t -O "${#points[@]}" points < <(spread publish-output "$published" 25)
mapfile -t -O "${#points[@]}" points < <(spread publish-input "$files" 15)

survived=0
counted=true
failed=0
lost=0
check() { # label
  local label=$1 state
  state="$work/trial.state"
  digest "$work/trial" >"$state"
  if grep -q '^file:inbox/' "$state"; then
    lost=$((lost + 1))
    echo "LOST: files left in the inbox after $label" >&2
  fi
  if cmp -s "$state" "$work/reference.state"; then
    if $counted; then survived=$((survived + 1)); fi
  else
    failed=$((failed + 1))
    echo "DIFFERS after $label:" >&2
    diff "$work/reference.state" "$state" | head -20 >&2 || true
  fi
}

finish() { # label: runs to completion after a kill; a second kill is allowed to have happened
  local label=$1 code
  set +e
  run_siirto "$work/trial"
  code=$?
  set -e
  if [ "$code" -gt 1 ]; then
    failed=$((failed + 1))
    echo "FAILED: the run after $label exited $code" >&2
    return
  fi
  check "$label"
}

killed_at() { # point [recovery point]
  local point=$1 second=${2:-} code
  fresh
  set +e
  { (SIIRTO_TEST_CRASH_AT="$point" exec "$siirto" run --root "$work/trial" --now "$now" \
    --min-age 0 >/dev/null 2>&1); } 2>/dev/null
  code=$?
  set -e
  if [ "$code" -ne 137 ]; then
    echo "killtest: $point was never reached (exit $code)" >&2
    failed=$((failed + 1))
    return
  fi
  if [ -n "$second" ]; then
    set +e
    { (SIIRTO_TEST_CRASH_AT="$second" exec "$siirto" run --root "$work/trial" --now "$now" \
      --min-age 0 >/dev/null 2>&1); } 2>/dev/null
    set -e
  fi
  finish "$point${second:+ then $second}"
}

for point in "${points[@]}"; do killed_at "$point"; done
# Killed again while recovering: the recovery itself must be crash-safe.
for pair in "after-commit publish-output:1" "publish-output:3 publish-output:2" \
  "publish-input:2 before-published" "after-file:5 after-claim" "claim-move:4 claims-recorded"; do
  # shellcheck disable=SC2086
  killed_at $pair
done

# Random moments: SIGKILL from outside after a seeded delay.
reference_seconds=$(
  fresh
  start=$(date +%s%N)
  run_siirto "$work/trial" || true
  echo $((($(date +%s%N) - start) / 1000000))
)
RANDOM=20261122
random_done=0
for ((i = 0; i < random; i++)); do
  fresh
  delay_ms=$((RANDOM % (reference_seconds + 1)))
  "$siirto" run --root "$work/trial" --now "$now" --min-age 0 >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  set +e
  { wait "$pid"; } 2>/dev/null
  code=$?
  set -e
  # A run that finished before its kill is compared all the same, but is no kill.
  counted=false
  if [ "$code" -eq 137 ]; then
    random_done=$((random_done + 1))
    counted=true
  fi
  finish "a kill after $delay_ms ms"
done

total=$((${#points[@]} + 5))
echo "killtest: survived $survived of $((total + random_done)) kills" \
  "($total at named points, $random_done random delays that landed mid-run of $random);" \
  "$failed failed, $lost lost files"
[ "$failed" -eq 0 ] && [ "$lost" -eq 0 ]
