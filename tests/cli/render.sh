#!/bin/bash
# End-to-end checks of `jixiao render` on the sample, read back with real PDF
# and XML tools: pdftotext, pdffonts, pdfinfo, qpdf, xmllint.
# Usage: tests/cli/render.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1

DEPT='广州市海珠区政务服务数据管理局（本级）'
# reports go into a tree: OUT/<期间>/<部门>/<template>.pdf
D="2024/$DEPT"
export SOURCE_DATE_EPOCH=1735603200 # 2024-12-31 00:00:00 UTC

timeout 120 "$JIXIAO" render -o "$WORK/a" -f pdf,svg,png --dpi 30 input >"$WORK/out" 2>"$WORK/err"
rc=$?
PDF="$WORK/a/$D/annual.pdf"
if [ "$rc" = 0 ] && [ -s "$PDF" ] && [ ! -s "$WORK/err" ]; then ok; else bad "render: exit $rc"; cat "$WORK/err"; fi
# every path written is printed, and only those
# (besides the manifest, and the lock and state of the tree)
if [ "$(sort "$WORK/out")" = "$(find "$WORK/a" -type f ! -name manifest.json ! -name .jixiao.lock ! -name .jixiao-state.ini ! -name .jixiao-index | sort)" ]; then ok; else bad "printed paths differ from the files written"; fi
# no temporary file left behind
if [ -z "$(find "$WORK/a" -name '.*' ! -name .jixiao.lock ! -name .jixiao-state.ini ! -name .jixiao-index)" ]; then ok; else bad "temporary files left"; fi

# ---- PDF ----
pages=$(pdfinfo "$PDF" | sed -n 's/^Pages: *//p')
if [ "${pages:-0}" -ge 5 ]; then ok; else bad "pages: $pages"; fi
pdfinfo "$PDF" >"$WORK/info"
grep -q "^Title: *${DEPT}2024年度项目支出绩效自评报告$" "$WORK/info" && grep -q "^Author: *${DEPT}$" "$WORK/info" &&
  grep -q "^Creator: *jixiao [0-9]" "$WORK/info" && grep -q "^Subject: *." "$WORK/info" &&
  grep -q "^Keywords: *." "$WORK/info" && grep -q "^Page size: *595.276 x 841.89 pts (A4)" "$WORK/info" &&
  grep -q "^CreationDate: *Tue Dec 31 00:00:00 2024" "$WORK/info" && ok || { bad "pdfinfo"; cat "$WORK/info"; }
# fonts embedded and subset, the CJK faces the desubroutinized ones
pdffonts "$PDF" | tail -n +3 >"$WORK/fonts"
if [ -s "$WORK/fonts" ] && ! awk '$(NF-4) != "yes" || $(NF-3) != "yes" {exit 1}' "$WORK/fonts"; then bad "a font not embedded or not subset"; cat "$WORK/fonts"; else ok; fi
grep -q "NotoSerifCJKsc-Regular" "$WORK/fonts" && grep -q "NotoSansCJKsc-Regular" "$WORK/fonts" && grep -q "LiberationSerif" "$WORK/fonts" && ok || { bad "default faces"; cat "$WORK/fonts"; }
# text comes back out: every indicator name of the dump, spaces aside
# (-raw: in the order drawn, so a name wrapped in its cell reads whole)
pdftotext -raw -enc UTF-8 "$PDF" - | tr -d ' \n' >"$WORK/text"
missing=0
while IFS= read -r name; do
  grep -qF -- "$(printf '%s' "$name" | tr -d ' ')" "$WORK/text" || { missing=$((missing + 1)); echo "  not in the PDF text: $name"; }
done <tests/data/seed-indicator-names.txt
if [ "$missing" = 0 ]; then ok; else bad "$missing of the 41 indicator names missing from pdftotext"; fi
grep -qF "保障琶洲政务分中心高水平运营" "$WORK/text" && grep -qF "1,250.00" "$WORK/text" && ok || bad "goal text or total not extractable"
# the outline: department → project → section
qpdf --json --json-key=outlines "$PDF" >"$WORK/outline.json" 2>&1
grep -q "\"title\": \"$DEPT\"" "$WORK/outline.json" && grep -q '"title": "智慧城市建设经费"' "$WORK/outline.json" &&
  grep -q '"title": "绩效自评表"' "$WORK/outline.json" && ok || bad "outline"
if qpdf --check "$PDF" >"$WORK/qpdf" 2>&1; then ok; else bad "qpdf --check"; cat "$WORK/qpdf"; fi

# ---- the same input, the same bytes ----
timeout 120 "$JIXIAO" render -o "$WORK/b" -f pdf,svg input >/dev/null 2>&1
if cmp -s "$PDF" "$WORK/b/$D/annual.pdf"; then ok; else bad "two runs with SOURCE_DATE_EPOCH give different PDFs"; fi
if cmp -s "$WORK/a/$D/annual-p002.svg" "$WORK/b/$D/annual-p002.svg"; then ok; else bad "two runs give different SVGs"; fi

# ---- SVG and PNG: one a page ----
svgs=$(find "$WORK/a/$D" -maxdepth 1 -name '*.svg' | wc -l)
pngs=$(find "$WORK/a/$D" -maxdepth 1 -name '*.png' | wc -l)
if [ "$svgs" = "$pages" ] && [ "$pngs" = "$pages" ]; then ok; else bad "$svgs SVG and $pngs PNG files for $pages pages"; fi
if xmllint --noout "$WORK/a/$D"/*.svg "$WORK/a/$D"/charts/*.svg 2>"$WORK/xml"; then ok; else bad "xmllint"; head "$WORK/xml"; fi
# each chart on its own: the score and a chart per 一级 category of each
# project with actuals (琶洲: 效益, 产出, 满意度), as SVG and PNG, cut to size
CHART="$WORK/a/$D/charts/琶洲政务分中心运营经费-产出指标"
if [ -s "$CHART.svg" ] && [ -s "$CHART.png" ] && [ -s "$WORK/a/$D/charts/琶洲政务分中心运营经费-得分.svg" ]; then ok; else bad "standalone charts"; ls "$WORK/a/$D/charts" | head; fi
if head -c 400 "$CHART.svg" | grep -Eq 'width="161\.6[0-9]*mm" height="[1-9][0-9]\.[0-9]*mm"'; then ok; else bad "chart SVG size"; head -c 300 "$CHART.svg"; fi
if head -c 400 "$WORK/a/$D/annual-p001.svg" | grep -q 'width="210mm" height="297mm"'; then ok; else bad "SVG not sized in mm"; head -c 400 "$WORK/a/$D/annual-p001.svg"; fi
# 30 dpi: A4 is 248 × 351 pixels
if file "$WORK/a/$D/annual-p001.png" | grep -q "248 x 351"; then ok; else bad "PNG size: $(file "$WORK/a/$D/annual-p001.png")"; fi

# ---- --no-charts: the tables alone ----
timeout 120 "$JIXIAO" render -o "$WORK/nc" -f pdf,svg --no-charts input >/dev/null 2>&1
nc_pages=$(pdfinfo "$WORK/nc/$D/annual.pdf" | sed -n 's/^Pages: *//p')
pdftotext -enc UTF-8 "$WORK/nc/$D/annual.pdf" - | tr -d ' \n' >"$WORK/nc-text"
if [ -n "$nc_pages" ] && [ "$nc_pages" -lt "$pages" ] && ! grep -q "目标与完成对比\|绩效得分汇总" "$WORK/nc-text" &&
  grep -qF "保障琶洲政务分中心高水平运营" "$WORK/nc-text" && [ ! -e "$WORK/nc/charts" ]; then ok; else bad "--no-charts: $nc_pages pages of $pages"; fi

# ---- each shipped template renders the sample ----
for t in annual monthly targets official; do
  timeout 120 "$JIXIAO" render -t "$t" --period 2024-06 -o "$WORK/t-$t" input >/dev/null 2>"$WORK/t-$t.err"
  rc=$?
  f="$WORK/t-$t/2024-06/$DEPT/$t.pdf"
  if [ "$rc" = 0 ] && qpdf --check "$f" >/dev/null 2>&1; then ok; else bad "template $t: exit $rc"; cat "$WORK/t-$t.err"; continue; fi
  pdftotext -enc UTF-8 "$f" - | tr -d ' \n' >"$WORK/t-$t.txt"
  info=$(pdfinfo "$f")
  case $t in
  annual) want="目录 基本情况 绩效自评表 偏差原因分析及改进措施 附表" size="595.276 x 841.89" ;;
  monthly) want="2024年6月绩效运行监控月报 绩效运行监控预警 黄灯、红灯明细 预算执行情况 项目运行情况 年内进度 监控结果" size="595.276 x 841.89" ;;
  targets) want="项目支出绩效目标表 合计 1、效益指标，社会效益，琶洲分中心对外服务通勤率 第1页，共" size="841.89 x 595.276" ;;
  official) want="关于2024年度项目支出绩效自评情况的报告 附件：1.广州市海珠区政务服务数据管理局（本级）2024年度项目支出绩效自评报告 2.广州市海珠区政务服务数据管理局（本级）2024年度项目支出绩效自评表 附件1 附件2 绩效自评表" size="595.276 x 841.89" ;;
  esac
  missing=""
  for w in $want; do grep -qF "$w" "$WORK/t-$t.txt" || missing="$missing $w"; done
  if [ -z "$missing" ] && echo "$info" | grep -q "Page size: *$size"; then ok; else bad "template $t: missing$missing"; echo "$info" | grep "Page size"; fi
done
# the 目录 links to its headings: a link a line (page 2), each to a
# destination the PDF names
f="$WORK/t-annual/2024-06/$DEPT/annual.pdf"
entries=$(pdftotext -f 2 -l 2 "$f" - | grep -c '··')
links=$(grep -a -c '/Subtype /Link' "$f")
dests=$(pdfinfo -dests "$f" | grep -c '"p[0-9]*_[0-9]*"')
if [ "$entries" -ge 8 ] && [ "$links" = "$entries" ] && [ "$dests" -ge "$entries" ]; then ok; else bad "目录: $entries lines, $links links, $dests destinations"; fi
# official names the government faces; here they are missing, and it says so
if grep -q "official.ini:[0-9]*: warning: not installed: '仿宋_GB2312'" "$WORK/t-official.err"; then ok; else bad "official: no warning of missing faces"; cat "$WORK/t-official.err"; fi

# ---- where output cannot go ----
mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
if [ "$(id -u)" != 0 ]; then
  "$JIXIAO" render -o "$WORK/ro" input >/dev/null 2>"$WORK/err"
  rc=$?
  if [ "$rc" = 73 ]; then ok; else bad "read-only folder: exit $rc"; fi
fi
touch "$WORK/file"
"$JIXIAO" render -o "$WORK/file/sub" input >/dev/null 2>"$WORK/err"
rc=$?
if [ "$rc" = 73 ] && grep -q "cannot create the folder" "$WORK/err"; then ok; else bad "output under a file: exit $rc"; fi
JIXIAO_FONTS="$WORK/nofonts" "$JIXIAO" render -o "$WORK/c" input >/dev/null 2>"$WORK/err"
rc=$?
if [ "$rc" = 72 ] && grep -q "font configuration" "$WORK/err" && [ ! -e "$WORK/c" ]; then ok; else bad "no fonts: exit $rc"; cat "$WORK/err"; fi

# ---- a report for each department ----
awk -v COPIES=3 -f tests/bench/bigtable.awk input/haizhu-2024-targets.csv >"$WORK/bundle.csv"
"$JIXIAO" render -o "$WORK/e" "$WORK/bundle.csv" >"$WORK/out" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c '\.pdf$' "$WORK/out")" = 3 ] && [ "$(find "$WORK/e" -name '*.pdf' | wc -l)" = 3 ]; then ok; else bad "bundle of three departments: exit $rc"; cat "$WORK/out"; fi

# ---- a report made safe for file names ----
printf '部门名称：../测试/局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n甲,1.00,1.00,,,目标,"1、产出指标,数量指标,甲指标；年度指标值:1个；"\n' >"$WORK/odd.csv"
"$JIXIAO" render -o "$WORK/d" "$WORK/odd.csv" >"$WORK/out" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(cat "$WORK/out")" = "$WORK/d/未填期间/_._测试_局/annual.pdf" ]; then ok; else bad "unsafe department name: $rc $(cat "$WORK/out")"; fi

# ---- page labels: a reader's page box shows the number printed ----
# (qpdf gives each page's label: a prefix /P, a style /S, a start /St)
labels() { # PDF: the label of every page, a line each
  qpdf --json=2 --json-key=pages "$1" | /usr/bin/python3 -c '
import json, sys
def roman(n):
    out = ""
    for v, d in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += d
            n -= v
    return out
for p in json.load(sys.stdin)["pages"]:
    l = p.get("label") or {}
    n, s = l.get("/St", 1), l.get("/S")
    num = str(n) if s == "/D" else roman(n) if s == "/r" else ""
    print(l.get("/P", "").removeprefix("u:") + num)'
}
printed() { # PDF: the number printed at each page's foot ("— 3 —"), or none
  local n
  n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  for i in $(seq 1 "$n"); do
    pdftotext -f "$i" -l "$i" "$1" - 2>/dev/null | sed -n 's/^— *\([0-9][0-9]*\) *—$/\1/p' | tail -1 | grep . || echo
  done
}
for engine in cairo haru; do
  "$JIXIAO" render -q --engine "$engine" -o "$WORK/labels-$engine" input >/dev/null 2>&1
  pdf=$(find "$WORK/labels-$engine" -name annual.pdf)
  labels "$pdf" >"$WORK/labels"
  printed "$pdf" | sed '1s/^$/i/' >"$WORK/printed"
  if [ -s "$WORK/labels" ] && diff -q "$WORK/labels" "$WORK/printed" >/dev/null &&
    [ "$(head -2 "$WORK/labels" | tr '\n' ' ')" = "i 1 " ]; then ok; else
    bad "$engine: page labels are not the printed numbers"
    paste "$WORK/labels" "$WORK/printed" | head
  fi
done

# ---- the tagged structure (pdfinfo -struct-text, qpdf) ----
"$JIXIAO" render -q -o "$WORK/tags" input >/dev/null 2>&1
pdf=$(find "$WORK/tags" -name annual.pdf)
pdfinfo -struct-text "$pdf" >"$WORK/struct" 2>/dev/null
qpdf --json=2 --json-key=outlines --json-key=qpdf "$pdf" >"$WORK/json"
/usr/bin/python3 - "$WORK/struct" "$WORK/json" >"$WORK/tags.out" <<'PY'
import json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
d = json.load(open(sys.argv[2], encoding="utf-8"))
# the headings in order, each H level the outline's depth (the department,
# on the cover, the outline's top and H1; 一、 at depth 1, H1), each the
# outline's title with its number before it
heads = []
for i, l in enumerate(lines):
    m = re.match(r"^\s*H([1-6]) \(block\)$", l)
    if m:
        heads.append((int(m.group(1)), lines[i + 1].strip().strip('"')))
outline = []
def walk(kids, depth):
    for o in kids:
        outline.append((depth, o["title"]))
        walk(o["kids"], depth + 1)
walk(d["outlines"], 0)
if len(heads) != len(outline):
    print(f"{len(heads)} headings tagged, {len(outline)} in the outline")
for (h, text), (depth, title) in zip(heads, outline):
    if h != max(depth, 1) or not text.endswith(title):
        print(f"H{h} '{text}' against the outline's '{title}' at depth {depth}")
# every table (each page's part of one) has its header cells
tables = [i for i, l in enumerate(lines) if re.match(r"^\s*Table \(block\)$", l)]
for n, i in enumerate(tables):
    end = tables[n + 1] if n + 1 < len(tables) else len(lines)
    body = [l.strip() for l in lines[i + 1:end]]
    if "TH" not in body:
        print(f"a table at line {i + 1} has no header cells")
# every Figure has its chart's title as its alternate text
objs = d["qpdf"][1]
alts = sorted((int(k.split(":")[1].split()[0]), v["value"].get("/Alt")) for k, v in objs.items()
              if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/Figure")
if not alts or any(not a for _, a in alts):
    print(f"{len(alts)} figures, some without alternate text")
cat = next(v["value"] for v in objs.values() if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog")
print("tables", len(tables), "figures", len(alts), "first", alts[0][1] if alts else None, "lang", cat.get("/Lang"))
PY
# the sample's 32 charts (a score chart, its category map, and each
# project's score, bullet and trend charts: 11 trend charts, a project's
# trend rows four at most to one, balanced; pdftotext counts their titles,
# 月度完成值 and 月度完成值（续）), the first the department's
if grep -q "^tables [1-9][0-9]* figures 32 first u:部门得分 98.59（优，按项目资金加权） lang u:zh-CN$" "$WORK/tags.out" &&
  [ "$(wc -l <"$WORK/tags.out")" = 1 ]; then ok; else
  bad "the tagged structure"
  cat "$WORK/tags.out"
fi

finish render
