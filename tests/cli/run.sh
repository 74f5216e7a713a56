#!/bin/bash
# End-to-end checks of the jixiao command: the bad inputs of tests/data/bad
# (each NAME.expect holds the arguments, the exit status and the exact
# stderr and stdout), then cases built here from the sample input.
# Usage: tests/cli/run.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")

# Runs jixiao with a time bound; output to $WORK/out and $WORK/err, status in rc.
run() {
  timeout 300 "$JIXIAO" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}

# ---- bad inputs, as data ----
cd "$ROOT/tests/data/bad" || exit 1
for expect in *.expect; do
  name=${expect%.expect}
  args=$(sed -n 's/^args: //p' "$expect")
  want_rc=$(sed -n 's/^exit: //p' "$expect")
  sed -n '/^--- stderr$/,/^--- stdout$/p' "$expect" | sed '1d;$d' >"$WORK/want-err"
  sed -n '/^--- stdout$/,$p' "$expect" | sed '1d' >"$WORK/want-out"
  # shellcheck disable=SC2086
  run $args
  if [ "$rc" != "$want_rc" ]; then
    bad "$name: exit $rc, expected $want_rc"
  elif ! diff -u "$WORK/want-err" "$WORK/err" >"$WORK/diff"; then
    bad "$name: stderr differs"; cat "$WORK/diff"
  elif ! diff -u "$WORK/want-out" "$WORK/out" >"$WORK/diff"; then
    bad "$name: stdout differs"; cat "$WORK/diff"
  else
    ok
  fi
done
cd "$ROOT" || exit 1

# dump refuses to print anything when an input has an error
run dump tests/data/bad/amount.csv
if [ "$rc" = 65 ] && [ ! -s "$WORK/out" ] && grep -q "nothing dumped" "$WORK/err"; then ok; else bad "dump of a bad table: exit $rc, $(wc -c <"$WORK/out") bytes out"; fi

# ---- the sample: counts, and the dump read back gives the same bytes ----
run check input
if [ "$rc" = 0 ] && grep -q "haizhu-2024-targets.csv: published target table (UTF-8 with BOM, comma), 广州市海珠区政务服务数据管理局（本级）, 5 projects, 41 indicators: 0 errors, 0 warnings" "$WORK/out"; then ok; else bad "check input: exit $rc"; cat "$WORK/out" "$WORK/err"; fi

run dump input
cp "$WORK/out" "$WORK/dump1.csv"
# 41 indicators × 4 periods + 5 projects × 4 execution records + the header
rows=$(grep -c '' "$WORK/dump1.csv")
lines_in_goals=$(awk -F'"' 'NF>1{n+=gsub(/\n/,"")}END{print n+0}' "$WORK/dump1.csv")
if [ "$rc" = 0 ] && [ "$(head -1 "$WORK/dump1.csv")" = "部门,部门编码,项目编码,项目名称,实施单位,部门整体,总计,财政拨款,财政专户拨款,上年结转资金,单位资金,其他资金,年初预算数,绩效目标,目标完成情况,序号,一级指标,二级指标,三级指标,实施周期指标值,年度指标值,指标性质,目标数值,度量单位,分值,期间,实际完成值,全年预计完成值,完成状态,完成率,得分,填报得分,标记,监控结果,偏差原因分析及改进措施,完成可能性,备注" ]; then ok; else bad "dump header"; fi
# one goal (智慧城市建设经费) has two paragraphs, so one quoted cell spans two lines
if [ "$rows" = $((1 + 41 * 4 + 5 * 4 + 1)) ]; then ok; else bad "dump has $rows lines, expected 186 ($lines_in_goals)"; fi
# the assessment columns: 通勤率 99.4% of 100% at year end is 部分达成, 0.994
# of its 30 points (效益 has this one indicator) = 29.82
if grep -q '^广州市海珠区政务服务数据管理局（本级）,,,琶洲政务分中心运营经费,,,,,,,,,,,,1,效益指标,社会效益,琶洲分中心对外服务通勤率,100%,100%,≥,100,%,,2024,99.4%,,部分达成,0.994,29.82,,,绿,,,$' "$WORK/dump1.csv"; then ok; else bad "dump assessment columns"; grep '琶洲分中心对外服务通勤率' "$WORK/dump1.csv" | tail -1; fi
# the lights at 2024-09 (序时进度 9/12 = 0.75; yellow beyond 0.1 behind, red
# beyond 0.2): 归集数据量 2160000 of 4000000 is 2160000 / (0.75 × 4000000) =
# 0.72 of what is due, 0.28 behind: 红; 应用主题数量 2 of 3 is 2 / 2.25 = 0.8889,
# 0.111 behind: 黄; 智慧城市's budget 288.18 of 439.63 = 0.6555, 0.0945 behind
# 序时进度: 绿
light() { grep "$1" "$WORK/dump1.csv" | grep -o ",2024-09,.*" | awk -F, '{print $10}'; }
if [ "$(light '平台归集数据量')/$(light '平台建设应用主题数量')" = "红/黄" ]; then ok; else bad "dump lights: $(light '平台归集数据量')/$(light '平台建设应用主题数量')"; fi
if grep -q '^广州市海珠区政务服务数据管理局（本级）,,,智慧城市建设经费,.*,预算执行数,,,,,,,2024-09,288.18,,,0.6555,[0-9.]*,,,绿,' "$WORK/dump1.csv"; then ok; else bad "dump budget light"; grep '智慧城市建设经费.*预算执行数,,,,,,,2024-09' "$WORK/dump1.csv"; fi
run dump "$WORK/dump1.csv"
if [ "$rc" = 0 ] && cmp -s "$WORK/dump1.csv" "$WORK/out"; then ok; else bad "dump → read → dump is not the same bytes"; diff "$WORK/dump1.csv" "$WORK/out" | head; fi

# the seed as published text and as the CSV export read the same
run dump tests/data/seed-haizhu.txt
cp "$WORK/out" "$WORK/seed-text.csv"
run dump input/haizhu-2024-targets.csv
if cmp -s "$WORK/seed-text.csv" "$WORK/out"; then ok; else bad "seed text and seed CSV differ"; diff "$WORK/seed-text.csv" "$WORK/out" | head; fi

# ---- encodings and line ends: the same table in every form reads the same ----
cp "$WORK/out" "$WORK/want.csv"
tail -c +4 input/haizhu-2024-targets.csv >"$WORK/plain.csv"                    # UTF-8, no BOM
iconv -f UTF-8 -t GB18030 "$WORK/plain.csv" >"$WORK/gb18030.csv"
iconv -f UTF-8 -t GBK "$WORK/plain.csv" >"$WORK/gbk.csv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$WORK/plain.csv"; } >"$WORK/utf16.csv"
tr -d '\r' <"$WORK/plain.csv" >"$WORK/lf.csv"
tr -d '\n' <"$WORK/plain.csv" >"$WORK/cr.csv"
# tab-separated, its cells' commas kept: both delimiters in its lines
python3 -c 'import csv,sys; csv.writer(sys.stdout, delimiter="\t", lineterminator="\r\n").writerows(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))' "$WORK/plain.csv" >"$WORK/tabs.csv"
for form in plain gb18030 gbk utf16 lf cr tabs; do
  run dump "$WORK/$form.csv"
  # the department is named by the preamble, so the file name does not show
  if [ "$rc" = 0 ] && cmp -s "$WORK/want.csv" "$WORK/out"; then ok; else bad "$form: exit $rc, dump differs"; head -3 "$WORK/err"; fi
done
run check "$WORK/tabs.csv"
if [ "$rc" = 0 ] && grep -q "(UTF-8, tab)" "$WORK/out"; then ok; else bad "tab-separated read as: $(cat "$WORK/out")"; fi
run check --encoding GBK "$WORK/gbk.csv"
if [ "$rc" = 0 ] && grep -q "(GBK, comma)" "$WORK/out"; then ok; else bad "--encoding GBK: $rc"; fi
run check --encoding=UTF-8 "$WORK/gb18030.csv"
if [ "$rc" = 65 ] && grep -q "bytes that are not UTF-8" "$WORK/err"; then ok; else bad "--encoding=UTF-8 on GB18030: $rc"; fi

# a bundle of three departments, each with its own 合计 and department row:
# 3 × 5 projects, 3 × 41 indicators, and every total agrees
awk -v COPIES=3 -f tests/bench/bigtable.awk input/haizhu-2024-targets.csv >"$WORK/bundle.csv"
run check "$WORK/bundle.csv"
if [ "$rc" = 0 ] && grep -q "广州市海珠区政务服务数据管理局（本级）（1） and 2 more departments, 15 projects, 123 indicators: 0 errors, 0 warnings" "$WORK/out"; then ok; else bad "bundle of departments: exit $rc"; cat "$WORK/out" "$WORK/err" | head -5; fi

# ---- hostile sizes, each within the time bound of run() ----
{
  echo '项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标'
  printf '甲项目,10.00,10.00,,,"'
  head -c 10485760 /dev/zero | tr '\0' 'x'
  echo '","1、1-产出指标,11-数量指标,服务人次；年度指标值:≥500人次；"'
} >"$WORK/cell10m.csv"
run check "$WORK/cell10m.csv"
if [ "$rc" = 0 ] && grep -q "1 project, 1 indicator" "$WORK/out"; then ok; else bad "10 MB cell: exit $rc"; fi

{
  echo '项目名称：十万指标'
  echo '一级指标,二级指标,三级指标,指标值,计量单位,分值'
  seq 1 100000 | awk '{printf "产出指标,数量指标,指标%d,≥%d,个,0.001\n", $1, $1}'
} >"$WORK/rows100k.csv"
run check "$WORK/rows100k.csv"
if [ "$rc" = 0 ] && grep -q "1 project, 100000 indicators" "$WORK/out"; then ok; else bad "100,000 rows: exit $rc"; fi
run dump "$WORK/rows100k.csv"
if [ "$rc" = 0 ] && [ "$(grep -c '' "$WORK/out")" = 100001 ]; then ok; else bad "100,000 rows dump"; fi

# a broken file of 100,000 rows: every problem counted, 200 shown
seq 1 100000 | awk 'BEGIN{print "项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标"}{printf "项目%d,x,1.00,,,目标,\"1、产出指标,数量指标,a；年度指标值:1个；\"\n", $1}' >"$WORK/bad100k.csv"
run check "$WORK/bad100k.csv"
if [ "$rc" = 65 ] && [ "$(grep -c ': error: ' "$WORK/err")" = 200 ] && grep -q "99800 more problems not shown (100000 errors, 0 warnings in all)" "$WORK/err"; then ok; else bad "100,000 bad rows: exit $rc"; tail -2 "$WORK/err"; fi

# ---- the command line ----
run --version
if [ "$rc" = 0 ] && grep -Eq '^jixiao [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/out"; then ok; else bad "--version"; fi
run --help
if [ "$rc" = 0 ] && grep -q "jixiao check" "$WORK/out"; then ok; else bad "--help"; fi
run render -f pdf,tiff input
if [ "$rc" = 64 ] && grep -q "takes pdf, svg, svg-outlines, png and html" "$WORK/err"; then ok; else bad "render -f tiff: exit $rc"; fi
run render -o "$WORK/bad-render" tests/data/bad/amount.csv
if [ "$rc" = 65 ] && [ ! -e "$WORK/bad-render" ] && grep -q "nothing rendered" "$WORK/err"; then ok; else bad "render of a bad table: exit $rc"; fi
run check
if [ "$rc" = 64 ] && grep -q "no INPUT given" "$WORK/err"; then ok; else bad "check without input: $rc"; fi
run check --colour input
if [ "$rc" = 64 ] && grep -q "unknown option '--colour'" "$WORK/err"; then ok; else bad "unknown option: $rc"; fi
run frobnicate
if [ "$rc" = 64 ]; then ok; else bad "unknown command: $rc"; fi
run check no/such/file.csv
if [ "$rc" = 66 ] && grep -q "no/such/file.csv: no such file or folder" "$WORK/err"; then ok; else bad "missing input: $rc"; fi
mkdir -p "$WORK/emptydir"
run check "$WORK/emptydir"
if [ "$rc" = 66 ] && grep -q "holds no .csv" "$WORK/err"; then ok; else bad "empty folder: $rc"; fi
if [ "$(id -u)" != 0 ]; then
  cp input/haizhu-2024-targets.csv "$WORK/secret.csv" && chmod 000 "$WORK/secret.csv"
  run check "$WORK/secret.csv"
  if [ "$rc" = 74 ]; then ok; else bad "unreadable input: $rc"; fi
fi
timeout 60 "$JIXIAO" dump input >/dev/full 2>"$WORK/err"
rc=$?
if [ "$rc" = 74 ] && grep -q "cannot write" "$WORK/err"; then ok; else bad "dump to a full disk: $rc"; fi

# ---- templates ----
# a house template in ten lines: annual with budget execution worth 20 and
# outputs 40.  By hand, 琶洲政务分中心运营经费: 效益 99.4% × 30 = 29.82, 产出
# (1 + 19519/20000 + 19.8/20) / 3 × 40 = 0.98865 × 40 = 39.546, 满意度 10,
# execution 98.20% × 20 = 19.64: 99.006 → 99.01 (annual gives 99.07);
# 区政府信息公开工作经费, every indicator met: 100 − 20 × (1 − 95.59%) = 99.118
printf '# our bureau\n[template]\nextends=annual\n\n[weights]\n预算执行率=20\n产出指标=40\n' >"$WORK/house.ini"
run check -t "$WORK/house.ini" input
if [ "$rc" = 0 ] && grep -q "琶洲政务分中心运营经费: 2024 score 99.01, 优" "$WORK/out" &&
  grep -q "区政府信息公开工作经费: 2024 score 99.12, 优" "$WORK/out"; then ok; else bad "house template: $rc"; cat "$WORK/out" "$WORK/err"; fi
run check input
if grep -q "琶洲政务分中心运营经费: 2024 score 99.07, 优" "$WORK/out"; then ok; else bad "annual scores"; fi
# defaults.ini sets every key: one that lacks a section is an error naming it
mkdir -p "$WORK/tpl"
sed '/^\[sections\]/,/^project=/d' templates/defaults.ini >"$WORK/tpl/defaults.ini"
cp templates/annual.ini "$WORK/tpl/"
sed -i '/^\[sections\]/,/^project=/d' "$WORK/tpl/annual.ini"
JIXIAO_TEMPLATES="$WORK/tpl" timeout 60 "$JIXIAO" check input >/dev/null 2>"$WORK/err"
rc=$?
if [ "$rc" = 64 ] && grep -q "annual.ini:1: error: \[sections\] report is missing" "$WORK/err"; then ok; else bad "missing section: $rc"; cat "$WORK/err"; fi

finish cli
