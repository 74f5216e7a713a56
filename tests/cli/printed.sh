#!/bin/bash
# The official forms as jixiao prints them: each test form of
# tests/data/forms and the real forms of ../shared/examples/forms rendered,
# and the form's pages read back with pdftotext -raw: the cells in the order
# they are drawn, row by row (a label that spans rows at its first), a
# cell's lines and the cells apart by one space.
# Every expected figure is the form's own, or worked out by hand in the
# comment beside it.
#   tests/cli/printed.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
EXAMPLES=$ROOT/../shared/examples/forms
FORMS=tests/data/forms
export SOURCE_DATE_EPOCH=1735603200

# form NAME TITLE FILE [render options]: renders FILE and writes the text
# of the pages from the one titled TITLE on to $WORK/NAME.txt
form() {
  local name=$1 title=$2 file=$3
  shift 3
  rm -rf "$WORK/$name"
  if ! "$JX" render -q "$@" -o "$WORK/$name" "$file" 2>"$WORK/$name.err"; then
    bad "$name: render failed"
    cat "$WORK/$name.err"
    : >"$WORK/$name.txt"
    return
  fi
  local pdf
  pdf=$(find "$WORK/$name" -name '*.pdf' | head -1)
  local pages first=0
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  for i in $(seq 1 "$pages"); do
    if pdftotext -f "$i" -l "$i" "$pdf" - | grep -qx "$title"; then first=$i; break; fi
  done
  if [ "$first" = 0 ]; then
    bad "$name: no page titled $title"
    : >"$WORK/$name.txt"
    return
  fi
  pdftotext -raw -f "$first" -l "$pages" "$pdf" - | tr '\n' ' ' >"$WORK/$name.txt"
}

# row NAME REGEX: the form's cells, in order, match REGEX; a cell a narrow
# column wrapped matches it too, the spaces taken out of both
row() {
  if grep -qE "$2" "$WORK/$1.txt" || tr -d ' ' <"$WORK/$1.txt" | grep -qE "${2// /}"; then ok; else
    bad "$1: no row /$2/"
    head -c 3000 "$WORK/$1.txt"
    echo
  fi
}

# ---- the national 自评表: tests/data/forms/national.csv ----
form national 项目支出绩效自评表 "$FORMS/national.csv"
row national "项目支出绩效自评表 （2024年度） 项目名称"
# the code stays before the name, as the form prints it
row national "项目名称 219-社区养老服务补助"
# the department's code as the form gave it: [015001]某区民政局
row national "主管部门 \\[015001\\]某区民政局 实施单位 某街道办事处"
# 年初 1,000.00, 全年 1,200.00, 执行 1,080.00: 90.00 %, 10 points: 9
row national "年度资金总额 1,000.00 1,200.00 1,080.00 10 90\.00% 9 其中"
# a line's points, rate and score are the total's: — as the form prints
row national "其中：当年财政拨款 1,100.00 — — —"
# 81 % of ≥90 % is 0.9 of the target: 15 × 0.9 = 13.5
row national "服务及时率 ≥90% 81% 15 13\.5"
# 72 % of ≥90 %: 0.8 × 10 = 8
row national "老人满意度 ≥90% 72% 10 8"
# 20  15  13.5  30  8  9 = 95.5 of 100
row national "总分 100 95\.5"
row national "评价结论 项目完成情况良好"

# ---- the Sichuan 自评表, chosen by the template ----
form sichuan 部门预算项目支出绩效自评表 "$FORMS/sichuan.csv" -t "$FORMS/sichuan.ini"
row sichuan "项目名称 51092324T000010263357-2023年乡村道路养护项目"
row sichuan "三级指标 指标 性质 指标值 度量 单位 完成值 权重 得分"
row sichuan "总额 200.00 240.00 228.00 95\.00% 10 9\.5"
row sichuan "其中：财政资金 220.00 / /"
row sichuan "养护里程 ≥ 120 公里 124 30 30"
row sichuan "成本 ≤ 2 万元 1\.84 10 10"
# 89.58 printed for the indicators, 9.5 for the funds: 99.08
row sichuan "合计 100 99\.08"
row sichuan "合计 100 99\.08 评价结论 存在问题 改进措施"

# ---- the monitoring form, in the monthly template ----
form monitor 项目支出绩效目标执行监控表 "$FORMS/monitor.csv" -t monthly
row monitor "1-6月"
row monitor "年度资金总额 400.00 180.00 45\.00% 392.00"
row monitor "服务居民人次 ≥100000人次 52000人次 105000人次 确定能"
row monitor "事项网上办理率 ≥80% 70% 78% 经费保障 有可能"
row monitor "偏差或不能完成目标原因分析 网上办理事项上线晚于计划"

# ---- the department's own form ----
form whole 部门整体支出绩效自评表 "$FORMS/department-whole.csv"
row whole "部门名称 某区民政局"
row whole "低保对象救助人数 ≥3000人 3100人 30 30"
row whole "总分 100 100"
if grep -q "主管部门" "$WORK/whole.txt"; then bad "whole: a 主管部门 row in the department's own form"; else ok; fi

# ---- the official template prints the same form ----
form official 项目支出绩效自评表 "$FORMS/national.csv" -t official
row official "服务及时率 ≥90% 81% 15 13\.5"
# in the 公文 the forms are its 附件2, after the report (附件1): the
# 附件说明 numbered, each 附件's label before its title, no form before 附件2
pdftotext -raw "$(find "$WORK/official" -name '*.pdf' | head -1)" - | tr '\n' ' ' >"$WORK/official-all.txt"
row official-all "附件：1\. .*自评报告 2\. .*自评表 .*附件1 .*附件2 .*年度项目支出绩效自评表 项目支出绩效自评表 （2024年度）"
if sed 's/附件2.*//' "$WORK/official-all.txt" | grep -q "项目支出绩效自评表 （"; then
  bad "official: a 自评表 before 附件2"
else ok; fi

# ---- the real forms (../shared/examples/forms/SOURCES.md) ----
if [ -d "$EXAMPLES" ]; then
  form zhongjiang 项目支出绩效自评表 "$EXAMPLES/zhongjiang_slj_2022_jixiao_mubiao_zipingbiao.csv"
  row zhongjiang "项目名称 中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装"
  row zhongjiang "年度资金总额 20.00 20.00 10 100\.00% 10"
  row zhongjiang "安装坡面水标尺 ≥266米 ≥266米 10 10"
  row zhongjiang "项目计划总投资 20万元 20万元 10 10"
  # the printed points add up to 110 (10  100), every one met
  row zhongjiang "总分 110 110"
  form langfang 项目支出绩效自评表 "$EXAMPLES/langfang_shipin_xuexiao_2019_zipingbiao_PARTIAL.csv"
  # 37.24 of 43.2 printed as 86 %: 0.86 × 10 = 8.6 (the form printed 9)
  row langfang "年度资金总额 43.20 43.20 37.24 10 86\.00% 8\.6"
  # the template's numbering (指标1) taken off the name; 37.24 ÷ 43.2 × 10 = 8.62
  row langfang "数量指标 工程资金金额 43\.2 37\.24 10 8\.62"
  form daying 部门预算项目支出绩效自评表 "$EXAMPLES/daying_sfj_2023_anke_zipingbiao_PARTIAL.csv" -t "$FORMS/sichuan.ini"
  row daying "总额 0.00 3.36 3.36 100\.00% 10 10"
  row daying "项目实施内容及过程概述 2023年购买13台安可电脑"
  # cut after its 指标值: the block's 90 points its own, nothing scored
  row daying "完成安可产品购买并按要求支付资金 = 100 90 合计 100 10"
else
  echo "  (../shared/examples/forms not here: the real forms skipped)"
fi

finish printed
