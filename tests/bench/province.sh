#!/bin/bash
# A province's inputs: departments of 10 projects each (tests/bench/
# synthetic.awk, a fixed seed), each department's tables in files of its own
# as units send them.  The peak memory of the process that reads them, with
# `check`, at 1,000, 10,000 and 100,000 departments; a whole run at 2,000
# departments against one shard of 50 at 100,000 (each makes some 2,000
# reports), the shard with its index to build and then with it cached.  One
# run a figure: each takes minutes.  The inputs (5 GB at 100,000) are kept in
# PROVINCE_DIR when it is set.
# Usage: tests/bench/province.sh ./jixiao
set -u
JIXIAO=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA=${PROVINCE_DIR:-$WORK}

# inputs N: DATA/prov-N, made once
inputs() {
  if [ ! -s "$DATA/prov-$1/done" ]; then
    rm -rf "$DATA/prov-$1"
    mkdir -p "$DATA/prov-$1"
    awk -v DEPTS="$1" -v PROJECTS=10 -v SPLIT=1 -v OUT="$DATA/prov-$1" -f "$ROOT/tests/bench/synthetic.awk" /dev/null
    du -sm "$DATA/prov-$1" | cut -f1 >"$DATA/prov-$1/done"
  fi
}

# run ARGS...: jixiao ARGS once; T seconds, M peak KB of the whole (the
# largest process), R the reading process's own peak (MB, from -v)
run() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/peak" "$JIXIAO" "$@" >"$WORK/out" 2>"$WORK/err"
  end=$(date +%s%N)
  T=$(awk -v d="$((end - start))" 'BEGIN { printf "%.1f", d / 1e9 }')
  M=$(cat "$WORK/peak")
  R=$(sed -n 's/.*the reading process peaked at \([0-9.]*\) MB.*/\1/p' "$WORK/err")
}

# pages OUT: the pages of every PDF under OUT
pages() { find "$1" -name '*.pdf' -exec pdfinfo {} \; | awk '/^Pages:/ { n += $2 } END { print n + 0 }'; }

echo
echo "a province: each department's tables in two files of its own, 10 projects a department"
echo "(target: the reading process flat within a small factor from 1,000 to 100,000 departments;"
echo "one shard of 50 at 100,000 about the time of a whole run at 2,000)"
for n in 1000 10000 100000; do
  inputs "$n"
  run check "$DATA/prov-$n"
  awk -v n="check, $n departments ($(cat "$DATA/prov-$n/done") MB)" -v t="$T" -v m="$M" \
    'BEGIN { printf "%-58s %7.1f s  peak %7.1f MB\n", n, t, m / 1024 }'
done
inputs 2000
run render -v -j 2 -o "$WORK/whole" "$DATA/prov-2000"
p=$(pages "$WORK/whole")
d=$(grep -c '\.pdf$' "$WORK/out")
awk -v n="render, 2,000 departments, -j 2 ($d reports)" -v t="$T" -v r="$R" -v p="$p" \
  'BEGIN { printf "%-58s %7.1f s  reading %6.1f MB  %d pages, %.0f pages/s\n", n, t, r, p, p / t }'
rm -rf "$WORK/whole"
# the first run of a shard: its index to build, the files read from the disk
# where the page cache can be emptied (as root), as on a machine that has
# just been handed the inputs
cold="page cache kept"
if sync && echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then cold="from the disk"; fi
run render -v -j 2 --shard 1/50 -o "$WORK/shard" "$DATA/prov-100000"
p=$(pages "$WORK/shard")
d=$(grep -c '\.pdf$' "$WORK/out")
awk -v n="render, 100,000 departments, shard 1/50, -j 2 ($d reports; index built, $cold)" -v t="$T" -v r="$R" -v p="$p" \
  'BEGIN { printf "%-58s %7.1f s  reading %6.1f MB  %d pages, %.0f pages/s\n", n, t, r, p, p / t }'
run render -v -j 2 --force --shard 1/50 -o "$WORK/shard" "$DATA/prov-100000"
awk -v n="the same shard again, its index kept (--force)" -v t="$T" -v r="$R" -v p="$p" \
  'BEGIN { printf "%-58s %7.1f s  reading %6.1f MB  %d pages, %.0f pages/s\n", n, t, r, p, p / t }'
