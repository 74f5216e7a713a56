#!/bin/bash
# Whole-process timings and peak memory of jixiao, medians of several runs.
# Usage: tests/bench/run.sh ./jixiao [RUNS]
set -u
JIXIAO=$(realpath "$1")
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# median of the numbers on standard input
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# measure ARGS...: runs jixiao ARGS RUNS times; sets T (median seconds) and
# M (median peak KB)
measure() {
  : >"$WORK/t"
  : >"$WORK/m"
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$WORK/one" "$JIXIAO" "$@" >/dev/null 2>"$WORK/stderr"
    end=$(date +%s%N)
    echo "$(((end - start) / 1000))" | awk '{printf "%.4f\n", $1 / 1e6}' >>"$WORK/t"
    cat "$WORK/one" >>"$WORK/m"
  done
  T=$(median <"$WORK/t")
  M=$(median <"$WORK/m")
}

# timed NAME ARGS...: runs jixiao ARGS; prints the median time and peak memory
timed() {
  local name=$1
  shift
  measure "$@"
  awk -v n="$name" -v t="$T" -v m="$M" 'BEGIN { printf "%-42s %7.3f s  peak %6.1f MB\n", n, t, m / 1024 }'
}

# bench NAME FILE ARGS...: runs jixiao ARGS RUNS times; prints the medians,
# with the throughput and memory against FILE's size
bench() {
  local name=$1 file=$2
  shift 2
  measure "$@"
  awk -v n="$name" -v t="$T" -v m="$M" -v b="$(stat -c %s "$file")" 'BEGIN {
    mb = b / 1048576
    printf "%-34s %8.2f MB  %7.3f s  %6.1f MB/s  peak %6.1f MB (%.1fx input)\n", n, mb, t, (t > 0 ? mb / t : 0), m / 1024, (m * 1024) / b
  }'
}

command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (apt-get install time)"; exit 1; }
echo "jixiao bench: medians of $RUNS runs"
awk -v COPIES=4700 -f "$ROOT/tests/bench/bigtable.awk" "$ROOT/input/haizhu-2024-targets.csv" >"$WORK/published-50mb.csv"
bench "check, published table ~50 MB" "$WORK/published-50mb.csv" check "$WORK/published-50mb.csv"
bench "dump, published table ~50 MB" "$WORK/published-50mb.csv" dump "$WORK/published-50mb.csv"
# a workbook of ~50 MB (1,400,000 indicator rows, written by openpyxl)
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  /usr/bin/python3 "$ROOT/tests/bench/workbook.py" 1400000 "$WORK/rows-50mb.xlsx"
  bench "check, workbook ~50 MB (.xlsx)" "$WORK/rows-50mb.xlsx" check "$WORK/rows-50mb.xlsx"
  bench "dump, workbook ~50 MB (.xlsx)" "$WORK/rows-50mb.xlsx" dump "$WORK/rows-50mb.xlsx"
else
  echo "workbook ~50 MB: python3-openpyxl is not installed (scripts/bootstrap)"
fi
{
  echo '项目名称：十万指标'
  echo '一级指标,二级指标,三级指标,指标值,计量单位,分值'
  seq 1 100000 | awk '{printf "产出指标,数量指标,指标%d,≥%d,个,0.001\n", $1, $1}'
} >"$WORK/rows100k.csv"
bench "check, 100,000 indicator rows" "$WORK/rows100k.csv" check "$WORK/rows100k.csv"
cat "$ROOT"/input/*.csv >"$WORK/sample-size"
bench "check, the sample input (5 files)" "$WORK/sample-size" check "$ROOT/input"

echo
echo "render (PDF; targets: one page <= 0.15 s, 100 pages <= 0.5 s, peak <= 80 MB)"
# the font cache is made on the first run; timings are of the runs after
"$JIXIAO" render -o "$WORK/out" "$ROOT/tests/bench/one-page.csv" >/dev/null
timed "render, one project (10 indicators)" render --force -t targets -o "$WORK/out" "$ROOT/tests/bench/one-page.csv"
# every shipped template on the sample department
for t in annual monthly targets official; do
  "$JIXIAO" render -t $t -o "$WORK/t-$t" "$ROOT/input" >/dev/null 2>&1
  pages=$(pdfinfo "$(find "$WORK/t-$t" -name '*.pdf')" | sed -n 's/^Pages: *//p')
  timed "render, the sample, $t ($pages pages)" render --force -t $t -o "$WORK/t-$t" "$ROOT/input"
done
# the libharu engine on the same report (its own TrueType faces)
timed "render, the sample, annual, --engine haru" render --force --engine haru -o "$WORK/haru" "$ROOT/input"
timed "render, the sample, haru --pdfa" render --force --engine haru --pdfa -o "$WORK/haru" "$ROOT/input"
awk -v COPIES=14 -f "$ROOT/tests/bench/manyprojects.awk" "$ROOT/input/haizhu-2024-targets.csv" >"$WORK/many.csv"
"$JIXIAO" render -o "$WORK/many" "$WORK/many.csv" >/dev/null
pages=$(pdfinfo "$(find "$WORK/many" -name '*.pdf')" | sed -n 's/^Pages: *//p')
timed "render, $pages pages (70 projects)" render --force -o "$WORK/many" "$WORK/many.csv"
timed "render, $pages pages as SVG" render --force -o "$WORK/many" -f svg "$WORK/many.csv"
timed "render, $pages pages as SVG outlines" render --force -o "$WORK/many" -f svg-outlines "$WORK/many.csv"
timed "render, the sample, annual, PDF and web page" render --force -o "$WORK/web" -f pdf,html "$ROOT/input"
timed "render, the sample, annual, Word document" render --force -o "$WORK/word" -f docx "$ROOT/input"
timed "render, the sample, annual, Word document, no charts" render --force --no-charts -o "$WORK/word" -f docx "$ROOT/input"
timed "render, $pages pages as a Word document" render --force -o "$WORK/many" -f docx "$WORK/many.csv"

echo
echo "charts (target: at most 5 ms a chart)"
# the 70 projects with a year's actuals and three months': bullet, score,
# trend and department charts
mkdir -p "$WORK/charts-in"
cp "$WORK/many.csv" "$WORK/charts-in/targets.csv"
for f in "$ROOT"/input/haizhu-2024-sample-actuals-*.csv; do
  enc=GB18030
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && enc=UTF-8
  iconv -f "$enc" -t UTF-8 "$f" |
    awk -v COPIES=14 -f "$ROOT/tests/bench/manyactuals.awk" >"$WORK/charts-in/$(basename "$f")"
done
"$JIXIAO" render -o "$WORK/chartrun" -f svg "$WORK/charts-in" >/dev/null
charts=$(find "$WORK/chartrun" -path "*/charts/*.svg" | wc -l)
timed "render, 70 projects with $charts charts" render --force -o "$WORK/chartrun" "$WORK/charts-in"
with=$T
timed "render, the same with --no-charts" render --force -o "$WORK/chartrun" --no-charts "$WORK/charts-in"
awk -v a="$with" -v b="$T" -v n="$charts" 'BEGIN { printf "%-42s %7.2f ms a chart\n", "charts, added time", 1000 * (a - b) / n }'


# ---- many reports (synthetic input, fixed seed: tests/bench/synthetic.awk) ----
# batch JIXIAO LABEL: single reports of synthetic departments (1, 22 and 100
# projects of 10–30 indicators each, with actuals for the year and June)
# and the batch of 1,000 departments of 10 projects, with that program; the
# big batch once a setting, being long
batch() {
  local prog=$1 label=$2
  for spec in "1 1 one" "1 22 22" "1 100 hundred" "1000 10 thousand"; do
    set -- $spec
    mkdir -p "$WORK/syn-$3"
    [ -s "$WORK/syn-$3/targets.csv" ] || awk -v DEPTS="$1" -v PROJECTS="$2" -v OUT="$WORK/syn-$3" -f "$ROOT/tests/bench/synthetic.awk" /dev/null
  done
  local saved=$JIXIAO
  JIXIAO=$prog
  # single(NAME TEMPLATE INPUT): the report's median time, peak and pages/s
  single() {
    local out="$WORK/s-$2-$(basename "$3")"
    "$JIXIAO" render -q -t "$2" -o "$out" "$3" >/dev/null
    local pages
    pages=$(pdfinfo "$(find "$out" -name '*.pdf' | head -1)" | sed -n 's/^Pages: *//p')
    measure render -q --force -t "$2" -o "$out" "$3"
    awk -v n="$label $1, $2 ($pages pages)" -v t="$T" -v m="$M" -v p="$pages" 'BEGIN {
      printf "%-50s %7.3f s  peak %6.1f MB  %5.0f pages/s\n", n, t, m / 1024, p / t }'
  }
  single "one page: 1 project of 10 indicators" targets "$ROOT/tests/bench/one-page.csv"
  single "synthetic 1 project" targets "$WORK/syn-one"
  single "synthetic 1 project" annual "$WORK/syn-one"
  single "synthetic 22 projects" annual "$WORK/syn-22"
  single "synthetic 100 projects" targets "$WORK/syn-hundred"
  single "synthetic 100 projects" annual "$WORK/syn-hundred"
  local runs=$RUNS
  RUNS=1
  for j in 1 2; do
    rm -rf "$WORK/b-thousand"
    measure render -v -j $j -o "$WORK/b-thousand" "$WORK/syn-thousand"
    local pages worker
    pages=$(find "$WORK/b-thousand" -name '*.pdf' -exec pdfinfo {} \; | awk '/^Pages:/ { n += $2 } END { print n }')
    # the workers' own peak, as they report it (-v); -j 1 works in-process
    worker=$(sed -n 's/.*the largest peaked at \([0-9.]*\) MB.*/\1/p' "$WORK/stderr")
    awk -v n="$label 1,000 departments, -j $j" -v t="$T" -v m="$M" -v p="$pages" -v w="${worker:-}" 'BEGIN {
      printf "%-50s %7.1f s  peak %6.1f MB", n, t, m / 1024
      if (w != "") printf " (a worker %.1f MB)", w
      printf "  %d pages, %.0f pages/s\n", p, p / t }'
  done
  # the district summary over the 1,000: alone (assessing every department
  # in this process), and beside the batch from the workers' scorecards
  if [ "$JIXIAO" = "$saved" ]; then
    RUNS=3
    measure render -q --force -t summary -o "$WORK/d-thousand" "$WORK/syn-thousand"
    local sp
    sp=$(pdfinfo "$(find "$WORK/d-thousand" -name summary.pdf)" | sed -n 's/^Pages: *//p')
    awk -v n="$label district summary, 1,000 departments ($sp pages)" -v t="$T" -v m="$M" 'BEGIN { printf "%-50s %7.1f s  peak %6.1f MB\n", n, t, m / 1024 }'
    RUNS=1
    measure render -q -j 2 --summary --force -o "$WORK/b-summary" "$WORK/syn-thousand"
    awk -v n="$label 1,000 departments and the summary, -j 2" -v t="$T" -v m="$M" 'BEGIN { printf "%-50s %7.1f s  peak %6.1f MB\n", n, t, m / 1024 }'
  fi
  measure render -q -j 2 -o "$WORK/b-thousand" "$WORK/syn-thousand"
  awk -v n="$label 1,000 departments, nothing changed" -v t="$T" -v m="$M" 'BEGIN { printf "%-50s %7.2f s  peak %6.1f MB\n", n, t, m / 1024 }'
  touch "$WORK/syn-thousand/actuals.csv"
  measure render -q -j 2 -o "$WORK/b-thousand" "$WORK/syn-thousand"
  awk -v n="$label 1,000 departments, an input touched" -v t="$T" -v m="$M" 'BEGIN { printf "%-50s %7.2f s  peak %6.1f MB\n", n, t, m / 1024 }'
  RUNS=$runs
  JIXIAO=$saved
}

echo
echo "many reports (targets: one page <= 0.07 s, 100 pages <= 0.3 s, 1,000 departments <= 60 s at -j 2"
echo "with <= 100 MB a worker, a rebuild with nothing changed <= 2 s)"
batch "$JIXIAO" "batch,"
# PREVIOUS=path/to/an/older/jixiao make bench: the same figures for it
if [ -n "${PREVIOUS:-}" ]; then
  batch "$(realpath "$PREVIOUS")" "previous,"
fi

# a province: the reading process, shards (tests/bench/province.sh)
"$ROOT/tests/bench/province.sh" "$JIXIAO"
