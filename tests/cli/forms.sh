#!/bin/bash
# Forms as units publish them (DOMAIN.md §6): the three real 自评表 of
# ../shared/examples/forms and a test form of each shape in
# tests/data/forms, read with check and dump.  Every expected number is
# worked out by hand from the form in the comment beside it; the real forms'
# facts are those their SOURCES.md lists.
#   tests/cli/forms.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
EXAMPLES=$ROOT/../shared/examples/forms
FORMS=tests/data/forms

# The dump cell of COLUMN in the row whose 项目名称 is PROJECT and whose
# 三级指标 is NAME ("" for the project's first row), at PERIOD when given.
# Python's csv reads each dump once, into a table of tabs (a line end in a
# cell kept as \001) that awk then looks in: one Python a dump, not one a cell.
cell() { # DUMP PROJECT NAME COLUMN [PERIOD]
  local tsv
  tsv="$WORK/cells-$(md5sum <"$1" | cut -c1-32).tsv"
  [ -s "$tsv" ] || python3 - "$1" >"$tsv" <<'EOF'
import csv, sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8")):
    print("\t".join(f.replace("\t", " ").replace("\n", "\x01") for f in r))
EOF
  awk -F'\t' -v p="$2" -v n="$3" -v c="$4" -v per="${5-}" -v any="${5+no}" '
    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["项目名称"] != p { next }
    n != "" && $h["三级指标"] != n { next }
    any == "no" && $h["期间"] != per { next }
    { v = $h[c]; gsub(/\001/, "\n", v); print v; exit }' "$tsv"
}
# expect WHAT GOT WANT
expect() { if [ "$2" = "$3" ]; then ok; else bad "$1: '$2', expected '$3'"; fi; }

run() { # check|dump FILE: $rc, $WORK/out, $WORK/err
  "$JX" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}

# ---- the real forms ----
if [ -d "$EXAMPLES" ]; then
  # 大英县司法局 (Sichuan layout, cut after its first indicator)
  f=$EXAMPLES/daying_sfj_2023_anke_zipingbiao_PARTIAL.csv
  run check "$f"
  expect "daying: exit" "$rc" 0
  run dump "$f"
  cp "$WORK/out" "$WORK/daying.csv"
  p=2023年全县安可替代补助资金项目
  d=$WORK/daying.csv
  expect "daying: code kept apart" "$(cell "$d" "$p" "" 项目编码)" 51092324T000010263357
  expect "daying: 年初预算" "$(cell "$d" "$p" "" 年初预算数)" 0.00
  expect "daying: 调整后预算数" "$(cell "$d" "$p" "" 总计)" 3.36
  expect "daying: 财政资金" "$(cell "$d" "$p" "" 财政拨款)" 3.36
  expect "daying: 预算执行数" "$(cell "$d" "$p" 预算执行数 实际完成值 2023)" 3.36
  expect "daying: 预算执行率 100.00%" "$(cell "$d" "$p" 预算执行率 实际完成值 2023)" 100%
  expect "daying: 权重" "$(cell "$d" "$p" 预算执行数 分值)" 10
  expect "daying: 得分" "$(cell "$d" "$p" 预算执行数 填报得分)" 10
  expect "daying: 年度目标完成情况" "$(cell "$d" "$p" "" 目标完成情况)" 完成
  expect "daying: 项目实施内容" "$(cell "$d" "$p" 项目实施内容及过程概述 实际完成值)" \
    "2023年购买13台安可电脑,并于12月前完成资金支付。"
  # the truncated indicator: = 100, its 完成值 unknown
  expect "daying: indicator" "$(cell "$d" "$p" 完成安可产品购买并按要求支付资金 指标性质)" "="
  expect "daying: the period from the title" "$(cell "$d" "$p" 预算执行数 期间)" 2023
  # the budget system's 原因 prompt ("…(100字以内)") is not the unit's text
  if ! grep -q '100字以内' "$d"; then ok; else bad "daying: the 原因 prompt was read as text"; fi

  # 廊坊市食品工程学校 (national layout, with template placeholders)
  f=$EXAMPLES/langfang_shipin_xuexiao_2019_zipingbiao_PARTIAL.csv
  run check "$f"
  expect "langfang: exit" "$rc" 0
  # 9 filled indicators; 指标2 and …… rows are placeholders, skipped silently
  if grep -q '9 indicators' "$WORK/out"; then ok; else bad "langfang: $(cat "$WORK/out")"; fi
  if ! grep -q "指标2\|……" "$WORK/err"; then ok; else bad "langfang: placeholders reported"; fi
  # 预算执行率 10 + 绩效指标 90 = 100: no rescaling.  By hand: 工程资金金额
  # 37.24 ÷ 43.2 = 0.862 × 10 = 8.62, eight indicators 10 each = 80, budget
  # execution 86% × 10 = 8.60: 97.22
  if grep -q '2019 score 97.22, 优' "$WORK/out"; then ok; else bad "langfang score: $(cat "$WORK/out")"; fi
  # the form's own 得分 (9 and 9) are compared and named
  if grep -q "budget execution of '办公宿舍楼、食堂及餐厅暖通改造经费' reports 得分 9; its score computes to 8.60" "$WORK/err" &&
    grep -q "'工程资金金额' reports 得分 9; its score computes to 8.62" "$WORK/err"; then ok; else
    bad "langfang warnings:"; cat "$WORK/err"
  fi
  if [ "$(grep -c ': warning:' "$WORK/err")" = 2 ]; then ok; else bad "langfang: warnings"; cat "$WORK/err"; fi
  # the file's line counts them: the two lines above are its warnings
  if grep -q 'langfang_shipin_xuexiao_2019_zipingbiao_PARTIAL.csv: form .*: 0 errors, 2 warnings$' "$WORK/out"; then ok; else
    bad "langfang: the summary's count: $(cat "$WORK/out")"
  fi
  run dump "$f"
  d=$WORK/langfang.csv
  cp "$WORK/out" "$d"
  p=办公宿舍楼、食堂及餐厅暖通改造经费
  expect "langfang: 年初预算数" "$(cell "$d" "$p" "" 年初预算数)" 43.20
  expect "langfang: 全年预算数" "$(cell "$d" "$p" "" 总计)" 43.20
  expect "langfang: 全年执行数" "$(cell "$d" "$p" 预算执行数 实际完成值 2019)" 37.24
  expect "langfang: 执行率" "$(cell "$d" "$p" 预算执行率 实际完成值 2019)" 86%
  expect "langfang: 分值" "$(cell "$d" "$p" 预算执行数 分值)" 10
  expect "langfang: 得分" "$(cell "$d" "$p" 预算执行数 填报得分)" 9
  # 指标1工程资金金额: the template's numbering is not part of the name
  expect "langfang: 年度指标值" "$(cell "$d" "$p" 工程资金金额 年度指标值)" 43.2
  expect "langfang: 实际完成值" "$(cell "$d" "$p" 工程资金金额 实际完成值)" 37.24
  expect "langfang: 分值" "$(cell "$d" "$p" 工程资金金额 分值)" 10
  expect "langfang: 得分" "$(cell "$d" "$p" 工程资金金额 填报得分)" 9
  expect "langfang: 偏差原因" "$(cell "$d" "$p" 工程资金金额 偏差原因分析及改进措施)" \
    "已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。"
  expect "langfang: 100 / 100 / 10 / 10" "$(cell "$d" "$p" 长期使用性 年度指标值)/$(cell "$d" "$p" 长期使用性 实际完成值)/$(cell "$d" "$p" 长期使用性 分值)/$(cell "$d" "$p" 长期使用性 填报得分)" "100/100/10/10"
  # a reason cell holding the template's 0 is no reason
  expect "langfang: reason 0" "$(cell "$d" "$p" 安全率 偏差原因分析及改进措施)" ""
  expect "langfang: 主管部门 as the department" "$(cell "$d" "$p" "" 部门)" 廊坊市发改委
  expect "langfang: 实施单位" "$(cell "$d" "$p" "" 实施单位)" 廊坊市食品工程学校

  # 中江县水利局 (分值 before 年度指标值; points adding up to 110)
  f=$EXAMPLES/zhongjiang_slj_2022_jixiao_mubiao_zipingbiao.csv
  run check "$f"
  expect "zhongjiang: exit" "$rc" 0
  # 产出 70 + 效益 20 + 满意度 10 + budget execution 10 = 110, scored as
  # printed: every indicator at its 分值 and execution 10 = 110 of 110, which
  # is 100 on the 100-point scale
  if grep -q '2022 score 110.00 of 110 (100.00 of 100), 优' "$WORK/out"; then ok; else bad "zhongjiang score: $(cat "$WORK/out")"; fi
  if grep -q "add up to 110 (预算执行率 10 + 绩效指标 100), not 100" "$WORK/err"; then ok; else bad "zhongjiang: no word of 110"; cat "$WORK/err"; fi
  # the 总分 row (100 / 100) is the indicators' sums: no warning of it
  if ! grep -q '总分' "$WORK/err"; then ok; else bad "zhongjiang: 总分"; cat "$WORK/err"; fi
  run dump "$f"
  d=$WORK/zhongjiang.csv
  cp "$WORK/out" "$d"
  p=中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装
  expect "zhongjiang: 项目计划总投资" "$(cell "$d" "$p" 项目计划总投资 分值)/$(cell "$d" "$p" 项目计划总投资 年度指标值)/$(cell "$d" "$p" 项目计划总投资 实际完成值)/$(cell "$d" "$p" 项目计划总投资 填报得分)" "10/20万元/20万元/10"
  expect "zhongjiang: 验收合格率" "$(cell "$d" "$p" "项目(工程)验收合格率" 分值)/$(cell "$d" "$p" "项目(工程)验收合格率" 年度指标值)/$(cell "$d" "$p" "项目(工程)验收合格率" 实际完成值)/$(cell "$d" "$p" "项目(工程)验收合格率" 得分)" "20/100%/100%/20.00"
  expect "zhongjiang: 水标尺" "$(cell "$d" "$p" 安装坡面水标尺 年度指标值)/$(cell "$d" "$p" 安装坡面水标尺 实际完成值)" "≥266米/≥266米"
  expect "zhongjiang: 满意度" "$(cell "$d" "$p" "受益脱贫(含监测对象)户满意度" 年度指标值)/$(cell "$d" "$p" "受益脱贫(含监测对象)户满意度" 分值)" "≥95%/10"
  expect "zhongjiang: 年度资金总额" "$(cell "$d" "$p" "" 总计)/$(cell "$d" "$p" 预算执行数 实际完成值)/$(cell "$d" "$p" 预算执行数 分值)/$(cell "$d" "$p" 预算执行率 实际完成值)/$(cell "$d" "$p" 预算执行数 填报得分)" "20.00/20.00/10/100%/10"
  # 显著提升 for 显著提升: a qualitative actual repeating its target meets it
  expect "zhongjiang: 定性" "$(cell "$d" "$p" 群众生产生活条件改善状况 完成状态)" 达成
  # the footnote is not data
  if ! grep -q '一级指标分值统一设置' "$d"; then ok; else bad "zhongjiang: the footnote was read"; fi
else
  echo "forms: $EXAMPLES not found, the real forms are not checked"
fi

# ---- a test form of each shape ----
# national: codes before names, 10 + 90 with points in the labels, a two-line
# goal block, 总分, trailers, a prompt never filled in, 注 and signatures
run check $FORMS/national.csv
expect "national: exit" "$rc" 0
# 1080 ÷ 1200 = 90% × 10 = 9; 612 ≥ 600: 20; 96 ≥ 95: 15; 81 ÷ 90 = 0.9 × 15
# = 13.5; 明显改善: 30; 72 ÷ 90 = 0.8 × 10 = 8; 9 + 86.5 = 95.5, and 总分 says
# 100 / 95.5
if grep -q '某区民政局 / 社区养老服务补助: 2024 score 95.50, 优' "$WORK/out"; then ok; else bad "national: $(cat "$WORK/out")"; fi
expect "national: no warning" "$(grep -c ':' "$WORK/err")" 0
run dump $FORMS/national.csv
d=$WORK/national.csv
cp "$WORK/out" "$d"
p=社区养老服务补助
expect "national: 项目编码" "$(cell "$d" "$p" "" 项目编码)" 219
expect "national: 部门编码" "$(cell "$d" "$p" "" 部门编码)" 015001
expect "national: 实施单位" "$(cell "$d" "$p" "" 实施单位)" 某街道办事处
# 1,200.00 = 1,100.00 财政拨款 + 100.00 上年结转资金
expect "national: funds" "$(cell "$d" "$p" "" 年初预算数)/$(cell "$d" "$p" "" 总计)/$(cell "$d" "$p" "" 财政拨款)/$(cell "$d" "$p" "" 上年结转资金)" "1000.00/1200.00/1100.00/100.00"
expect "national: goal achieved" "$(cell "$d" "$p" "" 目标完成情况)" 为辖区612名老人提供了居家养老服务
expect "national: 评价结论" "$(cell "$d" "$p" 评价结论 实际完成值)" 项目完成情况良好，服务及时率未达预期。
expect "national: 存在问题" "$(cell "$d" "$p" 存在问题 实际完成值)" 部分服务时段人员不足。
expect "national: the prompt" "$(cell "$d" "$p" 改进措施 实际完成值)" ""
expect "national: 服务及时率" "$(cell "$d" "$p" 服务及时率 得分)" 13.50
if ! grep -q '项目负责人\|注：' "$d"; then ok; else bad "national: signatures or footnote read"; fi

# Sichuan: 指标性质 | 指标值 | 度量单位 | 完成值 | 权重, the unit column for the
# 完成值 too, a 合计 row of the indicators
run check $FORMS/sichuan.csv
expect "sichuan: exit" "$rc" 0
# 228 ÷ 240 = 95% × 10 = 9.5; 124 ≥ 120 公里: 30; 93 ÷ 95 × 20 = 19.58;
# 1.84 ≤ 2 万元: 10; 明显改善: 20; 94 ≥ 90: 10; 9.5 + 89.58 = 99.08
if grep -q '2023 score 99.08, 优' "$WORK/out"; then ok; else bad "sichuan: $(cat "$WORK/out")"; cat "$WORK/err"; fi
expect "sichuan: no warning" "$(grep -c ':' "$WORK/err")" 0
run dump $FORMS/sichuan.csv
d=$WORK/sichuan.csv
cp "$WORK/out" "$d"
p=2023年乡村道路养护项目
expect "sichuan: codes" "$(cell "$d" "$p" "" 项目编码)/$(cell "$d" "$p" "" 部门编码)" "51092324T000010263357/103001"
# 240 = 220 财政资金 + 20 单位资金
expect "sichuan: funds" "$(cell "$d" "$p" "" 总计)/$(cell "$d" "$p" "" 财政拨款)/$(cell "$d" "$p" "" 单位资金)" "240.00/220.00/20.00"
expect "sichuan: unit of 完成值" "$(cell "$d" "$p" 养护里程 完成率)" 1.0333

# monitoring: 1-6月 columns are month 6 of the title's year
run check $FORMS/monitor.csv
expect "monitor: exit" "$rc" 0
# at June 序时进度 is 0.5: execution 180 ÷ 400 = 0.45, ÷ 0.5 = 0.9 × 10 = 9;
# 产出 50 over three: 52000 of 100000 by June is 1.04 of the pace, 99.5% ≥
# 99%, 180 of ≤ 400 万元 by June: 16.67 each; 70% of 80% = 0.875 × 30 = 26.25;
# 91% ≥ 90%: 10; 9 + 50 + 26.25 + 10 = 95.25
if grep -q '2024-06 score 95.25, 优' "$WORK/out"; then ok; else bad "monitor: $(cat "$WORK/out")"; fi
run dump $FORMS/monitor.csv
d=$WORK/monitor.csv
cp "$WORK/out" "$d"
p=智慧社区平台运维
expect "monitor: 全年预计" "$(cell "$d" "$p" 服务居民人次 全年预计完成值 2024-06)" 105000人次
expect "monitor: 全年预计执行数" "$(cell "$d" "$p" 预算执行数 全年预计完成值 2024-06)" 392.00
expect "monitor: 1-6月执行数" "$(cell "$d" "$p" 预算执行数 实际完成值 2024-06)" 180.00
expect "monitor: 完成目标可能性" "$(cell "$d" "$p" 事项网上办理率 完成可能性)" 有可能
expect "monitor: 偏差原因" "$(cell "$d" "$p" 事项网上办理率 偏差原因分析及改进措施)" 经费保障
expect "monitor: trailers" "$(cell "$d" "$p" 相关建议或举措 实际完成值)" 加快事项上线。

# 半年度指标执行情况 is the same month as 1-6月执行情况
sed 's/1-6月执行情况/半年度指标执行情况/' $FORMS/monitor.csv >"$WORK/half.csv"
run check "$WORK/half.csv"
if grep -q '2024-06 score 95.25, 优' "$WORK/out"; then ok; else bad "半年度: $(cat "$WORK/out")"; fi

# target form: long-term and annual columns, a spaced 一级 label, 中期目标
run check $FORMS/targets.csv
expect "targets: exit" "$rc" 0
run dump $FORMS/targets.csv
d=$WORK/targets.csv
cp "$WORK/out" "$d"
p=老旧小区改造
expect "targets: 长期 and 年度" "$(cell "$d" "$p" 改造小区数量 实施周期指标值)/$(cell "$d" "$p" 改造小区数量 年度指标值)" "60个/20个"
expect "targets: 产 出 指 标" "$(cell "$d" "$p" 改造小区数量 一级指标)" 产出指标
expect "targets: 中期目标" "$(cell "$d" "$p" 中期目标 实际完成值)" 三年内完成辖区60个老旧小区改造
expect "targets: 年度目标" "$(cell "$d" "$p" "" 绩效目标)" 完成20个老旧小区改造
# 3,000.00 = 2,800.00 + 200万元 (an amount with its unit), written label | amount
expect "targets: funds" "$(cell "$d" "$p" "" 总计)/$(cell "$d" "$p" "" 财政拨款)/$(cell "$d" "$p" "" 其他资金)" "3000.00/2800.00/200.00"

# a header over two rows, signs of other forms, a label broken over lines
run check $FORMS/two-row-header.csv
expect "two-row: exit" "$rc" 0
# 5200 ≧ 5000: 30; 18000 of ＞＝20000: 0.9 × 30 = 27; 1.5 ≦ 2: 20; 24 ﹦ 24:
# 10; 95 ≥ 90: 10; 97
if grep -q '2024 score 97.00, 优' "$WORK/out"; then ok; else bad "two-row: $(cat "$WORK/out")"; fi
expect "two-row: no warning" "$(grep -c ':' "$WORK/err")" 0
run dump $FORMS/two-row-header.csv
d=$WORK/two-row.csv
cp "$WORK/out" "$d"
expect "two-row: parts" "$(cell "$d" 社区图书室 新增藏书 指标性质)/$(cell "$d" 社区图书室 新增藏书 目标数值)/$(cell "$d" 社区图书室 新增藏书 度量单位)" "≥/5000/册"
expect "two-row: ﹦" "$(cell "$d" 社区图书室 阅读活动场次 指标性质)" "="
expect "two-row: goal" "$(cell "$d" 社区图书室 "" 绩效目标)" 全年新增藏书5000册，接待读者2万人次。

# two forms in one file are two projects
run check $FORMS/two-forms.csv
expect "two forms: exit" "$rc" 0
# 道路保洁 100 + 30 + 20 = 100; 垃圾分类宣传 10 ÷ 20 × 50 = 25 + 30 + 20 = 75
if grep -q '道路保洁: 2024 score 100.00' "$WORK/out" && grep -q '垃圾分类宣传: 2024 score 75.00, 中' "$WORK/out"; then ok; else bad "two forms: $(cat "$WORK/out")"; fi

# a department-whole form: the department's own part, never an error
run check $FORMS/department-whole.csv
expect "whole: exit" "$rc" 0
if grep -q '某区民政局 / 部门整体: 2024 score 100.00, 优' "$WORK/out"; then ok; else bad "whole: $(cat "$WORK/out")"; fi
run dump $FORMS/department-whole.csv
expect "whole: marked" "$(cell "$WORK/out" 部门整体支出 "" 部门整体)" 是

# the scoring sheet of a department-whole evaluation: points in the labels,
# 指标分值, 评分标准 and 自评得分, no target values; the year from the title
run check $FORMS/scoring-sheet.csv
expect "scoring sheet: exit" "$rc" 0
# 5 + 4 + 5 + 12 + 10 + 27 + 18 + 9 = 90 of 100, as the 合计 row says
if grep -q '某区财政局 / 部门整体: 2024 score 90.00, 优' "$WORK/out"; then ok; else bad "scoring sheet: $(cat "$WORK/out")"; cat "$WORK/err"; fi
expect "scoring sheet: no warning" "$(grep -c ':' "$WORK/err")" 0
run dump $FORMS/scoring-sheet.csv
# 12 of 15 is 0.8 of its points: 达成 in the tiers 100–80 %
expect "scoring sheet: tier" "$(cell "$WORK/out" 部门整体支出 预算执行率 完成状态)/$(cell "$WORK/out" 部门整体支出 预算执行率 完成率)" "达成/0.8"
expect "scoring sheet: 决策（15分）" "$(cell "$WORK/out" 部门整体支出 绩效目标合理性 一级指标)" "决策（15分）"
sed 's/^合计,,,100,,,90/合计,,,100,,,95/' $FORMS/scoring-sheet.csv >"$WORK/sheet-bad.csv"
run check "$WORK/sheet-bad.csv"
if grep -q "12:4: warning: the 总分 row gives 得分 95, but the indicators' 得分 add up to 90" "$WORK/err"; then ok; else bad "scoring sheet total: $(cat "$WORK/err")"; fi

# a flat sheet: 项目名称 and 预算数 once a project, amounts in 元, the
# department's row above its projects (5,000,000 元 = 300 + 200 万元)
run check $FORMS/flat.csv
expect "flat: exit" "$rc" 0
expect "flat: no warning" "$(grep -c ':' "$WORK/err")" 0
run dump $FORMS/flat.csv
expect "flat: merged 项目名称" "$(cell "$WORK/out" 校园安保 家长安全感 二级指标)" 社会效益指标
expect "flat: 元 to 万元" "$(cell "$WORK/out" 课后服务 "" 总计)" 200.00
sed 's/"5,000,000.00"/"6,000,000.00"/' $FORMS/flat.csv >"$WORK/flat-bad.csv"
run check "$WORK/flat-bad.csv"
if grep -q 'department row: 总计 600.00 differs from the sum of its 2 projects, 500.00' "$WORK/err"; then ok; else bad "flat: department row"; cat "$WORK/err"; fi

# what does not add up is said, at its cell
run check $FORMS/bad-form.csv
expect "bad form: exit" "$rc" 65
want='bad-form.csv:10:4: error: a filled row without an indicator name ('"'"'指标2'"'"' is the template'"'"'s placeholder)
bad-form.csv:7:7: warning: '"'"'公共法律服务'"'"' prints 执行率 85%, but 执行数 80.00 ÷ 预算数 100.00 is 80.00%
bad-form.csv:13:1: warning: the 总分 row gives 分值 100, but the indicators'"'"' 分值 add up to 80 (90 with budget execution)
bad-form.csv:13:1: warning: the 总分 row gives 得分 96, but the indicators'"'"' 得分 add up to 80'
(cd $FORMS && "$JX" check bad-form.csv >/dev/null 2>"$WORK/err")
if [ "$(cat "$WORK/err")" = "$want" ]; then ok; else bad "bad form messages"; diff <(echo "$want") "$WORK/err"; fi

# a file in which nothing is recognised is an error that shows its first lines
printf '会议纪要\n时间,地点\n周一,三楼\n' >"$WORK/notes.csv"
run check "$WORK/notes.csv"
expect "nothing: exit" "$rc" 65
if grep -q "the first lines hold '会议纪要', '时间,地点', '周一,三楼'" "$WORK/err"; then ok; else bad "nothing: $(cat "$WORK/err")"; fi

# every form renders in every template and both engines, and the reports
# carry what the forms say around their indicators
mkdir -p "$WORK/all"
cp $FORMS/*.csv "$WORK/all/"
rm "$WORK/all/bad-form.csv"
for t in annual monthly targets official; do
  "$JX" render -q -j 2 -t "$t" -o "$WORK/tree" "$WORK/all" >/dev/null 2>"$WORK/err"
  expect "render $t: exit" "$?" 0
done
"$JX" render -q -j 2 --engine haru -o "$WORK/haru" "$WORK/all" >/dev/null 2>"$WORK/err"
expect "render haru: exit" "$?" 0
pdftotext "$WORK/tree/2024/某区民政局/annual.pdf" "$WORK/mz.txt"
if grep -q '^二、部门整体绩效$' "$WORK/mz.txt"; then ok; else bad "the department's own part has no section"; fi
if grep -q '评价结论：项目完成情况良好，服务及时率未达预期。' "$WORK/mz.txt"; then ok; else bad "trailer not in the report"; fi
if grep -q '项目编码：219' "$WORK/mz.txt" && grep -q '实施单位：某街道办事处' "$WORK/mz.txt"; then ok; else bad "code and unit not in the report"; fi
# (pdftotext reads the gap between 辖区 and 612 as a space)
if tr -d ' ' <"$WORK/mz.txt" | grep -q '实际完成情况：为辖区612名老人提供了居家养老服务'; then ok; else bad "the achieved goal is not in the report"; fi
if ! grep -q '200字以内\|项目负责人' "$WORK/mz.txt"; then ok; else bad "a prompt or a signature line is printed"; fi
pdftotext "$WORK/tree/2024-06/某区政务服务数据管理局/monthly.pdf" - | tr -d '\n' >"$WORK/mo.txt"
if grep -q '偏差或不能完成目标原因分析：网上办理事项上线晚于计划。' "$WORK/mo.txt"; then ok; else bad "monitoring trailer not in the report"; fi

# every form's dump reads back to the same bytes
for f in "$EXAMPLES"/*.csv $FORMS/*.csv; do
  [ -f "$f" ] || continue
  case $f in *bad-form.csv) continue ;; esac
  "$JX" dump "$f" >"$WORK/a.csv" 2>/dev/null
  "$JX" dump "$WORK/a.csv" >"$WORK/b.csv" 2>"$WORK/err"
  if [ -s "$WORK/a.csv" ] && cmp -s "$WORK/a.csv" "$WORK/b.csv"; then ok; else bad "round trip of $(basename "$f")"; diff "$WORK/a.csv" "$WORK/b.csv" | head -5; fi
done

finish forms
