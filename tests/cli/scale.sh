#!/bin/bash
# Pathological input: a 10 MB cell, 1,000,000 rows, one project of 100,000
# indicators, a 10,000-character indicator name, a value of 10,000
# sub-targets, the header row repeated before every project, a table of
# continuation rows, 10,000 forms in one file.  Each is read (and the long ones rendered) at a size
# and at twice it: time and memory must grow linearly.  The check is a
# ratio, not a time: (t(2n) - t0) / (t(n) - t0) under 2.8, where t0 is the
# same command on a one-row input (start-up); quadratic growth gives 4.
# Usage: tests/cli/scale.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200

# run ARGS...: the best of two runs of jixiao ARGS (one when it takes over
# a second: noise is small beside it): T (ms) and M (peak KB)
run() {
  T=
  M=
  for _ in 1 2; do
    [ -n "$T" ] && [ "$T" -gt 1000 ] && break
    local s e
    s=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$WORK/mem" timeout 300 "$JIXIAO" "$@" >/dev/null 2>"$WORK/err"
    RC=$?
    e=$(date +%s%N)
    local t=$(((e - s) / 1000000)) m
    m=$(tail -1 "$WORK/mem")
    if [ -z "$T" ] || [ "$t" -lt "$T" ]; then T=$t; fi
    if [ -z "$M" ] || [ "$m" -lt "$M" ]; then M=$m; fi
  done
}

# linear NAME MAKE N CMD...: MAKE SIZE FILE writes an input; CMD (with
# FILE for the input) run on sizes 1 (start-up), N and 2N
linear() {
  local name=$1 make=$2 n=$3
  shift 3
  local args=("$@") t0 m0 t1 m1 t2 m2 rc1
  for size in 1 "$n" $((2 * n)); do
    [ -s "$WORK/$make-$size.csv" ] || "$make" "$size" "$WORK/$make-$size.csv"
  done
  # measure, and when the ratio looks bad measure again keeping the best
  # of each: a machine busy for a moment slows one run, a quadratic
  # reader slows every run
  local try verdict
  for try in 1 2 3; do
    # the baseline too: a slow moment on it makes the growth look larger
    run "${args[@]/FILE/$WORK/$make-1.csv}"
    if [ "$try" = 1 ]; then t0=$T m0=$M; else
      [ "$T" -ge "$t0" ] || t0=$T
      [ "$M" -ge "$m0" ] || m0=$M
    fi
    run "${args[@]/FILE/$WORK/$make-$n.csv}"
    rc1=$RC
    if [ "$try" = 1 ]; then t1=$T m1=$M; else
      [ "$T" -ge "$t1" ] || t1=$T
      [ "$M" -ge "$m1" ] || m1=$M
    fi
    run "${args[@]/FILE/$WORK/$make-$((2 * n)).csv}"
    if [ "$try" = 1 ]; then t2=$T m2=$M; else
      [ "$T" -ge "$t2" ] || t2=$T
      [ "$M" -ge "$m2" ] || m2=$M
    fi
    verdict=$(awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v m0="$m0" -v m1="$m1" -v m2="$m2" 'BEGIN {
      # below 50 ms or 2 MB of growth the ratio is noise: it passes
      tr = (t1 - t0 < 50) ? 1 : (t2 - t0) / (t1 - t0)
      mr = (m1 - m0 < 2048) ? 1 : (m2 - m0) / (m1 - m0)
      printf "%s %.2f %.2f", (tr < 2.8 && mr < 2.8) ? "ok" : "bad", tr, mr }')
    [ "${verdict%% *}" = ok ] && break
    echo "  ($name: time x$(echo "$verdict" | cut -d' ' -f2) on the first measure; measured again)"
  done
  set -- $verdict
  echo "  $name: n ${t1} ms ${m1} KB, 2n ${t2} ms ${m2} KB; growth time x$2, memory x$3"
  if [ "$1" = ok ] && { [ "$rc1" = 0 ] || [ "$rc1" = 65 ]; } && [ "$RC" = "$rc1" ]; then ok; else
    bad "$name grows faster than its input (time x$2, memory x$3; exit $rc1, $RC)"
    tail -3 "$WORK/err"
  fi
}

# ---- the inputs, by size ----
# the 绩效目标 cell of one project, SIZE × 4 characters (12 bytes)
big_cell() {
  awk -v N="$1" 'BEGIN { print "部门名称：测试局"; print "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标"
    printf "甲,1.00,1.00,,,\""; for (i = 0; i < N; i++) printf "目标内容"
    print "\",\"1、产出指标,数量指标,甲指标；年度指标值:1个；\"" }' >"$2"
}
# SIZE rows of one indicator each, ten indicators a project
rows() {
  { echo '项目名称,一级指标,二级指标,三级指标,指标值,计量单位,分值'
    seq 1 "$1" | awk '{ printf "项目%d,产出指标,数量指标,指标%d,≥%d,个,1\n", int($1 / 10), $1, $1 }'; } >"$2"
}
# one project of SIZE indicators, without weights: each shares its
# category's points with the others
one_project() {
  { echo '项目名称：十万指标'; echo '一级指标,二级指标,三级指标,指标值,计量单位'
    seq 1 "$1" | awk '{ printf "产出指标,数量指标,指标%d,≥%d,个\n", $1, $1 }'; } >"$2"
}
# an indicator name of SIZE characters
long_name() {
  { echo '项目名称：长名'; echo '一级指标,二级指标,三级指标,指标值,计量单位,分值'
    awk -v N="$1" 'BEGIN { printf "产出指标,数量指标,"; for (i = 0; i < N; i++) printf "名"; print ",≥1,个,10" }'; } >"$2"
}
# a value of SIZE sub-targets
sub_targets() {
  { echo '项目名称：子目标'; echo '一级指标,二级指标,三级指标,指标值,计量单位,分值'
    awk -v N="$1" 'BEGIN { printf "产出指标,数量指标,多项指标,\""; for (i = 1; i <= N; i++) printf "%s%d个", (i > 1 ? "；" : ""), i; print "\",,10" }'; } >"$2"
}
# SIZE projects, each under the header row again (a table printed page by
# page and exported whole)
headers() {
  awk -v N="$1" 'BEGIN { print "部门名称：测试局"; for (i = 1; i <= N; i++) {
    print "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标"
    printf "项目%d,1.00,1.00,,,目标,\"1、产出指标,数量指标,甲指标；年度指标值:1个；\"\n", i } }' >"$2"
}
# one project row and SIZE continuation rows under it
continuation() {
  awk -v N="$1" 'BEGIN { print "部门名称：测试局"; print "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标"
    print "甲,1.00,1.00,,,目标,\"1、产出指标,数量指标,甲指标0；年度指标值:1个；\""
    for (i = 1; i <= N; i++) printf ",,,,,,\"%d、产出指标,数量指标,甲指标%d；年度指标值:1个；\"\n", i + 1, i }' >"$2"
}
# SIZE forms one after another, each its title, pairs, funds block, goal
# and five indicators (the national 自评表)
forms() {
  awk -v N="$1" 'BEGIN { for (i = 1; i <= N; i++) {
    print "项目支出绩效自评表,,,,,,,"; print "（2024年度）,,,,,,,"
    printf "项目名称,%d-项目%d,,,,,,\n", 100 + i, i
    print "主管部门,测试局,实施单位,测试中心,,,,"
    print "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分"
    print ",年度资金总额,10.00,10.00,9.00,10,90%,9"
    print "年度总体目标,预期目标,,,实际完成情况,,,"; print ",目标,,,完成,,,"
    print "绩效指标（90分）,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分"
    print ",产出指标,数量指标,甲,≥10个,10个,30,30"; print ",,质量指标,乙,≥90%,90%,20,20"
    print ",效益指标,社会效益指标,丙,明显,明显,30,30"; print ",满意度指标,服务对象满意度指标,丁,≥90%,95%,10,10"
    print ",,,……,,,,"; print "总分,,,,,,100,99"; print "评价结论,良好,,,,,," } }' >"$2"
}
# a workbook of one sheet of SIZE rows of one cell, each its own shared
# string (a sheet of 1,048,576 rows; a shared-string table as large)
workbook() {
  /usr/bin/python3 - "$1" "$2.xlsx" <<'PY'
import sys, zipfile
n, out = int(sys.argv[1]), sys.argv[2]
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", f"<sst {ns}>" + "".join(f"<si><t>行{i}</t></si>" for i in range(n)) + "</sst>")
    z.writestr("xl/worksheets/sheet1.xml", f"<worksheet {ns}><sheetData>" + "".join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(n)) + "</sheetData></worksheet>")
PY
  echo "$2.xlsx" >"$2"
}

echo "scale (the best of two runs each):"
linear "a 10 MB cell" big_cell 400000 check FILE
linear "1,000,000 rows" rows 500000 check FILE
linear "one project of 100,000 indicators" one_project 50000 check FILE
linear "a 10,000-character name, rendered" long_name 10000 render -q --force -t targets -o "$WORK/o" FILE
linear "10,000 sub-targets, rendered" sub_targets 10000 render -q --force -t targets -o "$WORK/o" FILE
linear "the header row before each of 10,000 projects" headers 10000 check FILE
linear "50,000 continuation rows" continuation 50000 check FILE
linear "10,000 forms one after another" forms 10000 check FILE
# (no table in it: read to the end, then exit 65 saying what its first lines hold)
linear "a sheet of 1,048,576 rows, as many shared strings" workbook 524288 check FILE.xlsx
finish scale
