#!/bin/bash
# Runs libFuzzer targets: first every saved case of each (tests/fuzz/cases/
# TARGET/, inputs that once crashed or hung it), then SECONDS of fuzzing from
# the seeds.  What a target finds is left in tests/fuzz/found/ and the run
# fails: make it a case once it is fixed.
# Usage: tests/fuzz/run.sh BINDIR SECONDS TARGET...
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$1
SECONDS_EACH=$2
shift 2
mkdir -p "$ROOT/tests/fuzz/found"
failed=0
for name in "$@"; do
  target=${name#fuzz_}
  work=$(mktemp -d)
  log=$(mktemp)
  # seeds: what each target reads, from the sample, the test data and the
  # seed table
  case $target in
  csv | tables) cp "$ROOT"/input/*.csv "$work"/ 2>/dev/null
    find "$ROOT/tests/data" -type f \( -name '*.csv' -o -name '*.txt' \) -size -64k -exec cp --backup=numbered {} "$work"/ \; ;;
  template) cp "$ROOT"/templates/*.ini "$work"/ ;;
  xlsx | docx | xls) for f in "$ROOT"/tests/data/office/*/*."$target"; do cp "$f" "$work/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
  form) cp "$ROOT"/tests/data/forms/*.csv "$work"/
    cp "$ROOT"/../shared/examples/forms/*.csv "$work"/ 2>/dev/null ;;
  *) cp "$ROOT/tests/fuzz/seeds/$target"/* "$work"/ ;;
  esac
  cases="$ROOT/tests/fuzz/cases/$target"
  if [ -d "$cases" ] && [ -n "$(ls -A "$cases")" ]; then
    if ! "$BIN/$name" -timeout=20 "$cases"/* >"$log" 2>&1; then
      echo "FAIL: $name: a saved case fails again"
      tail -30 "$log"
      failed=1
    fi
  fi
  if "$BIN/$name" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$ROOT/tests/fuzz/found/$target-" "$work" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "ok: $name: ${runs:-?} inputs in ${SECONDS_EACH} s, nothing found"
  else
    echo "FAIL: $name: found something (tests/fuzz/found/)"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -8
    failed=1
  fi
  rm -rf "$work" "$log"
done
exit $failed
