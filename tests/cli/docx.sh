#!/bin/bash
# Word documents (-f docx): every part well-formed XML, the same bytes from
# the same input, in the manifest; python-docx (a reader of its own) finds
# the tables with their rows, columns and merged cells, the headings in
# order and the page set as the template says; and a document jixiao wrote
# reads back as the dump of the inputs it holds whole (the 目标表, the
# 自评表 forms).  LibreOffice's reading of them is tests/cli/wordproc.sh.
#   tests/cli/docx.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200 # 2024-12-31 00:00:00 UTC
PY=/usr/bin/python3                 # Debian's, with python3-docx
D=广州市海珠区政务服务数据管理局（本级）

render() { # OUT ARGS...: render the sample as docx (and pdf) into OUT
  local out=$1
  shift
  "$JX" render -q -f pdf,docx -o "$out" "$@" >"$WORK/stdout" 2>"$WORK/err"
}

# ---- the sample, every template ----
for t in annual monthly targets official; do
  extra=()
  [ $t = official ] && extra=(--official tests/data/official/gongwen.ini)
  [ $t = monthly ] && extra=(--period 2024-09)
  if render "$WORK/a" -t $t "${extra[@]}" input; then ok; else bad "$t: exit $?: $(head -3 "$WORK/err")"; fi
done
docs=$(find "$WORK/a" -name '*.docx' | sort)
if [ "$(wc -l <<<"$docs")" = 4 ]; then ok; else bad "documents made: $docs"; fi

# every part is well-formed XML, and the entries are stamped with the
# report's date
for f in $docs; do
  if "$PY" - "$f" <<'PY'; then ok; else bad "$(basename "$f"): parts"; fi
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert names[0] == "[Content_Types].xml", names[:3]
for n in names:
    info = z.getinfo(n)
    # SOURCE_DATE_EPOCH 1735603200 is 2024-12-31 00:00:00 UTC
    assert info.date_time == (2024, 12, 31, 0, 0, 0), (n, info.date_time)
    if n.endswith(".xml") or n.endswith(".rels") or n.endswith(".svg"):
        xml.dom.minidom.parseString(z.read(n))
    if n.endswith(".png"):
        assert z.read(n)[:8] == b"\x89PNG\r\n\x1a\n", n
PY
done

# ---- the same input, the same bytes; the manifest lists them ----
render "$WORK/b" -t official --official tests/data/official/gongwen.ini input
if cmp -s "$WORK/a/2024/$D/official.docx" "$WORK/b/2024/$D/official.docx"; then ok; else bad "two runs differ"; fi
if "$PY" - "$WORK/b/manifest.json" "$WORK/b/2024/$D/official.docx" <<'PY'; then ok; else bad "manifest"; fi
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
files = [f for d in m["documents"] for f in d["files"]]
docx = [f for f in files if f["path"].endswith(".docx")]
assert len(docx) == 1, files
assert docx[0]["sha256"] == hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()
PY

# ---- what python-docx reads ----
# how many indicators each project has, in order, as the reader finds them
# in the published table (not as the writer wrote them)
"$JX" dump input/haizhu-2024-targets.csv >"$WORK/targets.csv"
counts=$("$PY" -c '
import csv, sys
seen = {}
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    seen[r["项目名称"]] = seen.get(r["项目名称"], 0) + 1
print(",".join(str(n) for n in seen.values()))' "$WORK/targets.csv")
if "$PY" - "$WORK/a/2024/$D/annual.docx" "$counts" <<'PY'; then ok; else bad "annual.docx as python-docx reads it"; fi
import sys, docx
d = docx.Document(sys.argv[1])
counts = [int(n) for n in sys.argv[2].split(",")]
t = d.tables
# 项目资金总表: a header, 5 projects, 合计; 序号 项目名称 总计 财政拨款 财政专户拨款 其他资金
assert (len(t[0].rows), len(t[0].columns)) == (7, 6), (len(t[0].rows), len(t[0].columns))
assert t[0].cell(0, 1).text == "项目名称" and t[0].cell(6, 1).text == "合计"
# 绩效得分: a header, 5 projects, the department's weighted score
assert (len(t[1].rows), len(t[1].columns)) == (7, 5)
# 附表: a header and the 41 indicators, each project's name one cell down
# its indicators (vMerge), the header marked to repeat on every page
last = t[-1]
assert (len(last.rows), len(last.columns)) == (42, 6), (len(last.rows), len(last.columns))
runs, prev = [], None
for r in range(len(last.rows)):
    tc = last.cell(r, 0)._tc
    if tc is prev:
        runs[-1] += 1
    else:
        runs.append(1)
    prev = tc
assert counts == [5, 5, 1, 26, 4] and runs == [1] + counts, (runs, counts)
assert "w:tblHeader" in last.rows[0]._tr.xml and "w:tblHeader" not in last.rows[1]._tr.xml
# a form: 项目名称's cell spans the 8 columns after its label (gridSpan)
form = t[3]
assert form.cell(0, 0).text == "项目名称" and form.cell(0, 1)._tc is form.cell(0, 8)._tc
# the headings in Word's heading styles, numbered as the report numbers
# them: 一、二、三 at level 1, （一）… under each
h = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
ones = [x for s, x in h if s == "Heading 1"]
assert ones == ["一、基本情况", "二、项目绩效目标与完成情况", "三、附表"], ones
twos = [x[:3] for s, x in h if s == "Heading 2"]
assert twos == ["（一）", "（二）", "（一）", "（二）", "（三）", "（四）", "（五）"], twos
# A4 with the text block of GB/T 9704 (28 mm left, 37 mm top), numbered
# from 1 after the cover, in zh-CN
s = d.sections[-1]
assert abs(s.page_width.mm - 210) < 0.1 and abs(s.page_height.mm - 297) < 0.1
assert abs(s.left_margin.mm - 28) < 0.1 and abs(s.top_margin.mm - 37) < 0.1
assert len(d.sections) == 2 and "w:pgNumType" in s._sectPr.xml
assert d.core_properties.language == "zh-CN"
assert d.core_properties.title == "广州市海珠区政务服务数据管理局（本级）2024年度项目支出绩效自评报告"
# a paragraph of the body: its two-character indent, in 3号 (16 pt)
body = [p for p in d.paragraphs if p.style.name == "Body Text"]
assert body and body[0].style.paragraph_format.first_line_indent.pt == 32
assert d.styles["Normal"].font.size.pt == 16
# the charts: a picture each, its title its alternate text
pics = d.inline_shapes
assert len(pics) >= 10, len(pics)
alts = [p._inline.docPr.get("descr") for p in pics]
assert all(alts) and "各项目分类完成度（得分 ÷ 分值）" in alts, alts[:4]
PY

# the 目标表 (landscape): its header repeats and stays whole; a project's
# row, whose 绩效目标 runs to a dozen lines in its column, may be cut at a
# page's foot as the PDF cuts it; a short row (合计) is kept whole
if "$PY" - "$(find "$WORK/a" -name targets.docx)" <<'PY'; then ok; else bad "targets.docx rows"; fi
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[-1]
assert s.page_width > s.page_height and s.orientation == 1  # WD_ORIENT.LANDSCAPE
t = d.tables[0]
xml = [r._tr.xml for r in t.rows]
assert "w:tblHeader" in xml[0] and "w:cantSplit" in xml[0]
total = [i for i, r in enumerate(t.rows) if r.cells[0].text == "合计"]
assert total and "w:cantSplit" in xml[total[0]], total
long = [i for i, r in enumerate(t.rows) if len(r.cells[5].text) > 150]
assert long and all("w:cantSplit" not in xml[i] for i in long), long
PY

# the 公文: the body's faces by the template's names, the government's
# first; its 发文机关标志 red; its 版记 a table of rules at the foot
if "$PY" - "$WORK/a/2024/$D/official.docx" <<'PY'; then ok; else bad "official.docx"; fi
import sys, docx
d = docx.Document(sys.argv[1])
rpr = d.styles["Normal"].element.rPr
fonts = rpr.rFonts
assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
mark = [p for p in d.paragraphs if p.style.name == "发文机关标志"]
assert mark and mark[0].text == "广州市海珠区政务服务数据管理局（本级）", [p.text for p in mark]
# the template's mark=#FF0000
assert str(d.styles["发文机关标志"].font.color.rgb) == "FF0000", d.styles["发文机关标志"].font.color.rgb
record = d.tables[-1]
assert record.cell(0, 0).text.startswith("抄送：") and "tblpYSpec" in record._tbl.xml
PY

# ---- read back: the dump of the inputs the report holds whole ----
same() { # WHAT DOCX SOURCE...
  local what=$1 doc=$2
  shift 2
  "$JX" dump "$doc" >"$WORK/x.csv" 2>"$WORK/x.err"
  "$JX" dump "$@" >"$WORK/y.csv" 2>/dev/null
  if [ -s "$WORK/x.csv" ] && cmp -s "$WORK/x.csv" "$WORK/y.csv"; then ok; else
    bad "$what: the document's dump differs"
    diff "$WORK/x.csv" "$WORK/y.csv" | head -4 | cut -c1-200
    head -3 "$WORK/x.err"
  fi
}
same "目标表" "$(find "$WORK/a" -name targets.docx)" input/haizhu-2024-targets.csv
printf '[template]\nname=自评表\n\n[sections]\nreport=forms\n' >"$WORK/forms.ini"
{ cat tests/data/forms/sichuan.ini; printf '\n[sections]\nreport=forms\n'; } >"$WORK/sichuan.ini"
for f in national department-whole forty sichuan; do
  tmpl=$WORK/forms.ini
  [ $f = sichuan ] && tmpl=$WORK/sichuan.ini
  render "$WORK/f-$f" -t "$tmpl" tests/data/forms/$f.csv
  same "自评表 $f" "$(find "$WORK/f-$f" -name '*.docx')" tests/data/forms/$f.csv
done

# a document none of whose tables holds a table or form is read as
# nothing: an error, not an empty success
"$PY" - "$WORK/none.docx" <<'PY'
import sys, docx
d = docx.Document()
d.add_paragraph("会议记录")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "时间"
t.cell(0, 1).text = "地点"
d.save(sys.argv[1])
PY
"$JX" check "$WORK/none.docx" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ $rc = 65 ] && grep -q "none.docx: error: none of the document's 1 table is a table or form: .*; table 1 holds '会议记录', '时间,地点'" "$WORK/err"; then ok; else bad "a document of no table: exit $rc: $(cat "$WORK/err")"; fi

finish docx
