# Helpers of scripts/bench.sh: tools, measuring, the table. Sourced, not run.

# Installs what the benchmark needs and is missing: GNU time, xmllint, libcsv, and
# frictionless in a venv under $1/venv.
ensure_tools() {
  local work="$1" need=()
  [ -x /usr/bin/time ] || need+=(time)
  command -v xmllint >/dev/null || need+=(libxml2-utils)
  [ -f /usr/include/csv.h ] || need+=(libcsv-dev)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]}…" >&2
    local sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if [ ! -x "$work/venv/bin/frictionless" ]; then
    echo "Installing frictionless into $work/venv…" >&2
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q frictionless >"$BENCH_LOGS/pip.log" 2>&1 ||
      echo "pip install frictionless failed (see $BENCH_LOGS/pip.log)" >&2
  fi
}

size_of() { stat -c %s "$1"; }

# The records and bytes a generated drop holds, from its generated.json.
records_in() { manifest_sum "$1" records; }
bytes_in() { manifest_sum "$1" bytes; }
manifest_sum() {
  python3 -c 'import json, sys
print(sum(f[sys.argv[2]] for f in json.load(open(sys.argv[1] + "/generated.json"))["files"]))' \
    "$1" "$2"
}

# A fresh data root at $2 whose inbox is a copy of generated drop $1's.
fresh_root() {
  rm -rf "$2"
  mkdir -p "$2"
  cp -a "$1/inbox" "$2/"
}

results() { echo "$BENCH_LOGS/results.tsv"; }

# The line above the table: what was measured where.
describe_machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
  echo "Siirto benchmark, $(date -u +%Y-%m-%dT%H:%MZ), seed $1, $(nproc) CPUs (${cpu:-unknown}), commit $(git describe --always --dirty 2>/dev/null || echo unknown)"
  echo
}

# measure [--runs N] WORKLOAD TOOL RECORDS BYTES COMMAND…
# Runs the command under GNU time, N times (default 1), and records the run of median wall
# time: its seconds, peak RSS, CPU seconds and exit code. On a shared machine a second's
# command moves by a third from run to run, and the peers set the ratios, so the short
# commands are run three times. Stdout and stderr go to a log file (a validator's report is
# part of its work). RECORDS and BYTES may be @DIR: the totals of the drop the command
# generates into DIR.
measure() {
  local runs=1
  if [ "$1" = --runs ]; then
    runs="$2"
    shift 2
  fi
  local workload="$1" tool="$2" records="$3" bytes="$4"
  shift 4
  local n
  n=$(($(wc -l <"$(results)") + 1))
  local log="$BENCH_LOGS/$n.log" timing="$BENCH_LOGS/$n.time"
  echo "[$n] $workload: $tool" >&2
  : >"$log"
  local i start end code rss cpu rows=()
  for ((i = 1; i <= runs; i++)); do
    echo "$ $*" >>"$log"
    code=0
    start=$(date +%s%N)
    timeout "${BENCH_TIMEOUT:-3600}" /usr/bin/time -v -o "$timing" "$@" >>"$log" 2>&1 || code=$?
    end=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing" 2>/dev/null || true)
    # User + system seconds: on a shared machine the wall time also counts waiting for a core.
    cpu=$(awk -F': ' '/(User|System) time/ {s += $2} END {printf "%.2f", s}' "$timing" \
      2>/dev/null || true)
    rows+=("$(((end - start) / 1000000))"$'\t'"${rss:-0}"$'\t'"$code"$'\t'"${cpu:-0}")
    [ "$code" -lt 4 ] || break
  done
  [[ "$records" != @* ]] || records=$(records_in "${records#@}" 2>/dev/null || echo 0)
  [[ "$bytes" != @* ]] || bytes=$(bytes_in "${bytes#@}" 2>/dev/null || echo 0)
  local median
  median=$(printf '%s\n' "${rows[@]}" | sort -n -k1,1 | sed -n "$(((${#rows[@]} + 1) / 2))p")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$tool" "$records" "$bytes" "$median" \
    "${#rows[@]}" >>"$(results)"
  code=$(cut -f3 <<<"$median")
  if [ "$code" -ge 4 ]; then
    echo "    exit $code; last lines of $log:" >&2
    tail -n 3 "$log" | sed 's/^/    /' >&2
  fi
}

# skip WORKLOAD TOOL REASON: a row that could not be measured.
skip() {
  printf '%s\t%s\t0\t0\t0\t0\tskipped: %s\t0\t0\n' "$1" "$2" "$3" >>"$(results)"
}

# The table: one row per measurement. Exit codes 0-3 finished their work (1 = problems
# found, 3 = xmllint's invalid document), so their figures stand; others failed.
# Each siirto row gives its time as a multiple of the workload's reference peer, and
# carries $BENCH_SIIRTO_NOTE when the canary found siirto not validating.
print_table() {
  awk -F'\t' '
    function group(n,   s, neg) {
      s = sprintf("%d", n); neg = ""
      while (length(s) > 3) { neg = "," substr(s, length(s) - 2) neg; s = substr(s, 1, length(s) - 3) }
      return s neg
    }
    function finished(code) { return code ~ /^[0-3]$/ }
    {
      w[NR] = $1; t[NR] = $2; rec[NR] = $3; by[NR] = $4; ms[NR] = $5; rss[NR] = $6; code[NR] = $7
      cpu[NR] = $8; runs[NR] = $9
    }
    END {
      split("libcsv parse|xmllint --stream --schema|frictionless validate", refs, "|")
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", "workload", "command", \
        "seconds", "runs", "CPU s", "records/s", "MB/s", "peak RSS MB", "status", "siirto ÷ peer"
      print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
      for (i = 1; i <= NR; i++) {
        status = code[i] == 0 ? "ok" : finished(code[i]) ? "exit " code[i] : \
          code[i] ~ /^skipped/ ? code[i] : "FAILED (exit " code[i] ")"
        secs = ms[i] / 1000; if (secs < 0.001) secs = 0.001
        if (finished(code[i])) {
          s = sprintf("%.2f", secs)
          rps = rec[i] > 0 ? group(rec[i] / secs) : "—"
          mbs = by[i] > 0 ? sprintf("%.1f", by[i] / 1e6 / secs) : "—"
          mem = sprintf("%.0f", rss[i] / 1024)
          c = sprintf("%.2f", cpu[i])
        } else { s = "—"; rps = "—"; mbs = "—"; mem = "—"; c = "—" }
        ratio = ""
        if (t[i] ~ /^siirto (validate|run)/ && ENVIRON["BENCH_SIIRTO_NOTE"] != "")
          status = status "; " ENVIRON["BENCH_SIIRTO_NOTE"]
        if (t[i] ~ /^siirto (validate|run)/ && finished(code[i]) && ENVIRON["BENCH_SIIRTO_NOTE"] == "") {
          for (r = 1; r <= 3 && ratio == ""; r++)
            for (j = 1; j <= NR; j++)
              if (w[j] == w[i] && t[j] == refs[r] && finished(code[j]) && ms[j] > 0) {
                q = ms[i] / ms[j]
                # Two significant digits below 1 (a twentieth is not "0.0×").
                ratio = sprintf(q < 1 ? "%.2g× %s" : "%.1f× %s", q, refs[r]); break
              }
        }
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", w[i], t[i], s, \
          (runs[i] > 0 ? runs[i] : "—"), c, rps, mbs, mem, status, ratio
      }
    }' "$(results)"
}
