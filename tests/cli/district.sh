#!/bin/bash
# End-to-end checks of the district summary: -t summary alone, --summary
# beside a batch (scorecards from the workers), a department whose report
# fails, ties, a department without actuals, what is up to date, shards.
# Usage: tests/cli/district.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200
IN=tests/data/district

render() {
  timeout 300 "$JIXIAO" render "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}
# the text of a PDF, its spaces and line ends gone
text() { pdftotext -enc UTF-8 "$1" - | tr -d ' \n'; }
has() { # has FILE WHAT...: every WHAT in FILE's text
  local t missing=""
  t=$(text "$1")
  shift
  for w in "$@"; do [[ "$t" == *"$w"* ]] || missing="$missing $w"; done
  [ -z "$missing" ] || echo "$missing"
}

# ---- -t summary: the scores of departments/csv, worked by hand (defaults:
# 预算执行率 10, 产出 50 rescaled to 100 where only they apply):
#   甲局 (9.8 + 0.95 × 50) × 100 / 60 = 95.50 优; 乙局 and 丙局 (4.5 + 45) / 0.6
#   = 82.50 良, tied; 戊局 80 / 100 = 80.00 良; 己局 50.00 差; 丁局 no actuals.
#   Weighted by funds: (100×95.5 + 200×82.5 + 50×82.5 + 60×80 + 40×50) / 450
#   = 82.17.  Lights at the year's end: 甲 green (98 % of its budget, 0.95 of
#   its target); 乙, 丙 red (45 % executed, 55 points behind); 己 red (0.5 of
#   its target); 戊 yellow (0.8, no budget reported); 丁 yellow (nothing).
render -t summary -o "$WORK/alone" "$IN"
S="$WORK/alone/2024/summary.pdf"
if [ "$rc" = 0 ] && [ "$(cat "$WORK/out")" = "$S" ] && [ ! -s "$WORK/err" ] &&
  [ "$(find "$WORK/alone" -name '*.pdf' | wc -l)" = 1 ]; then ok; else bad "-t summary: exit $rc"; cat "$WORK/out" "$WORK/err"; fi
missing=$(has "$S" 本期汇总6个部门、6个项目、6项绩效指标，项目资金合计530.00万元 \
  其中5个部门已报实际完成情况，按项目资金加权平均得分82.17分；1个部门未报实际完成情况 \
  项目监控绿灯1个、黄灯2个、红灯3个 \
  优90分及以上120.0% 良80（含）～90分360.0% 中60（含）～80分00.0% 差60分以下120.0% 未报实际完成情况1 未评价合计6 \
  1甲局1100.0095.50优00 2（并列）丙局150.0082.50良10 2（并列）乙局1200.0082.50良10 4戊局160.0080.00良01 \
  5己局140.0050.00差10 —丁局180.00——01未报实际完成情况 \
  1甲局100.0098.0098.00%100.00%绿正常 2丙局50.0022.5045.00%100.00%红预警 \
  执行率45.00%，低于序时进度100.00%55.00个百分点 红灯指标1项：服务人次（完成率50.0%） \
  黄灯指标1项：服务人次（完成率80.0%） 丁项目黄关注本期未报监控情况)
if [ -z "$missing" ]; then ok; else bad "summary text lacks:$missing"; text "$S" | head -c 3000; echo; fi
# every table and chart: the ranking before the scatter, the map, the lights
order=$(text "$S" | sed 's/.*—1—//' | grep -o '二、部门得分排名\|三、得分与资金\|四、分类完成情况\|五、预算执行情况\|六、红灯、黄灯清单' | tr -d '\n')
if [ "$order" = "二、部门得分排名三、得分与资金四、分类完成情况五、预算执行情况六、红灯、黄灯清单" ]; then ok; else bad "summary parts: $order"; fi
# a point a department assessed, each named (room for all five): on the
# scatter's page, in the scatter and in the map's rows
p=1
while [ "$p" -le 9 ] && ! pdftotext -f $p -l $p "$S" - | grep -q 各部门得分与项目资金; do p=$((p + 1)); done
named=0
for d in 甲局 乙局 丙局 戊局 己局; do
  n=$(pdftotext -f $p -l $p "$S" - | grep -o "$d" | wc -l)
  [ "$n" -ge 2 ] && named=$((named + 1))
done
if [ "$named" = 5 ]; then ok; else bad "the scatter (page $p) names $named of 5"; fi
pages=$(pdfinfo "$S" | awk '/^Pages:/{print $2}')
if grep -q "\"path\": \"$S\", \"sha256\": \"$(sha256sum "$S" | cut -d' ' -f1)\", \"pages\": $pages" "$WORK/alone/manifest.json"; then ok; else bad "the manifest lacks the summary"; cat "$WORK/alone/manifest.json"; fi

# ---- --summary beside the reports, made from the workers' scorecards: the
# same bytes as -t summary, which assessed in this process ----
render --summary -j 2 -o "$WORK/both" "$IN"
if [ "$rc" = 0 ] && [ "$(grep -c 'annual.pdf$' "$WORK/out")" = 6 ] && [ "$(tail -1 "$WORK/out")" = "$WORK/both/2024/summary.pdf" ]; then ok; else bad "--summary -j 2: exit $rc"; cat "$WORK/out" "$WORK/err"; fi
if cmp -s "$S" "$WORK/both/2024/summary.pdf"; then ok; else bad "--summary's summary differs from -t summary's"; fi
# the workers sent each department's scorecard back with its report, and
# the tree keeps it for the runs that find the report up to date
cards=$(grep -cP '^scores=department\t' "$WORK/both/.jixiao-state.ini")
if [ "$cards" = 6 ] && grep -qP '^scores=department\t乙局\\nperiod\t2024\\n.*score\t1\t82.5[0-9]*\t良' "$WORK/both/.jixiao-state.ini"; then ok; else bad "scorecards kept: $cards"; grep scores "$WORK/both/.jixiao-state.ini" | head -3; fi
render --summary -j 1 -o "$WORK/one" "$IN"
if [ "$rc" = 0 ] && cmp -s "$S" "$WORK/one/2024/summary.pdf"; then ok; else bad "--summary -j 1 differs"; fi

# ---- a department whose report cannot be written: the summary says so,
# the others are made, the run exits 73 ----
mkdir -p "$WORK/fail/2024"
touch "$WORK/fail/2024/戊局"
render --summary -j 2 -o "$WORK/fail" "$IN"
F="$WORK/fail/2024/summary.pdf"
if [ "$rc" = 73 ] && grep -q "戊局" "$WORK/err" && [ -s "$F" ] && [ "$(grep -c 'annual.pdf$' "$WORK/out")" = 5 ]; then ok; else bad "a failed department: exit $rc"; cat "$WORK/err"; fi
missing=$(has "$F" 4戊局160.0080.00良01报告未能生成 5个部门已报实际完成情况)
if [ -z "$missing" ]; then ok; else bad "the summary does not show the failure:$missing"; fi
# the folder freed: the department made, and the summary made again
rm "$WORK/fail/2024/戊局"
render --summary -j 2 -o "$WORK/fail" "$IN"
if [ "$rc" = 0 ] && grep -q "戊局/annual.pdf" "$WORK/out" && grep -q "summary.pdf" "$WORK/out" &&
  [[ "$(text "$F")" != *报告未能生成* ]] && cmp -s "$S" "$F"; then ok; else bad "after the failure: exit $rc"; cat "$WORK/out" "$WORK/err"; fi
# and nothing to do the next time
render --summary -j 2 -o "$WORK/fail" "$IN"
if [ "$rc" = 0 ] && [ ! -s "$WORK/out" ] && cmp -s "$S" "$F"; then ok; else bad "an up-to-date run made: $(cat "$WORK/out")"; fi
# a run without --summary is another run: its reports are up to date
render -j 2 -o "$WORK/fail" "$IN"
if [ "$rc" = 0 ] && [ ! -s "$WORK/out" ]; then ok; else bad "without --summary: $(cat "$WORK/out")"; fi

# ---- a shard has a slice of the departments: no summary, and why ----
for args in "--summary --shard 1/2" "-t summary --shard 2/2"; do
  # shellcheck disable=SC2086
  render $args -o "$WORK/shard" "$IN"
  if [ "$rc" = 64 ] && grep -q "needs every department" "$WORK/err" && [ ! -e "$WORK/shard" ]; then ok; else bad "$args: exit $rc"; cat "$WORK/err"; fi
done

# ---- the same input, the same bytes ----
render -t summary -o "$WORK/again" "$IN"
if cmp -s "$S" "$WORK/again/2024/summary.pdf"; then ok; else bad "the summary is not reproducible"; fi

finish district
