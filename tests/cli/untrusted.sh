#!/bin/bash
# Data that must not be trusted: department and project names like
# ../../x, with <, &, " and ', control and bidi characters, printf
# directives, a name of 5,000 characters.  Output stays inside the output
# folder, nothing from the data is read as markup or a format, the SVG and
# the manifest stay well-formed, and the text is printed as written.
# Usage: tests/cli/untrusted.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200

mkdir -p "$WORK/in"
python3 tests/cli/evil.py "$WORK/in/evil.csv"
timeout 600 "$JIXIAO" render -f pdf,svg,docx -o "$WORK/out" "$WORK/in/evil.csv" >"$WORK/stdout" 2>"$WORK/err"
rc=$?
if [ "$rc" = 0 ] && [ "$(wc -l <"$WORK/stdout")" -gt 5 ]; then ok; else bad "render: exit $rc"; cat "$WORK/err"; fi

# ---- inside the output folder, and names that read as they are ----
outside=$(find "$WORK" -mindepth 1 -not -path "$WORK/out*" -not -path "$WORK/in*" -not -name stdout -not -name err | head -3)
escaped=$(grep -v "^$WORK/out/" "$WORK/stdout" | head -3)
if [ -z "$outside" ] && [ -z "$escaped" ] && [ -d "$WORK/out/未填期间/_._.._逃逸" ]; then ok; else bad "a file outside the output folder: $outside $escaped"; fi
long=$(find "$WORK/out/未填期间" -maxdepth 1 -name '名名名*' -printf '%f\n')
if [ -n "$long" ] && [ "$(printf '%s' "$long" | wc -c)" -le 120 ]; then ok; else bad "a 5,000-character department's folder: $(printf '%s' "$long" | wc -c) bytes"; fi
if [ -d "$WORK/out/未填期间/局部门" ] && ! find "$WORK/out" | grep -q $'\u202e'; then ok; else bad "a bidi override in a folder name"; ls "$WORK/out/未填期间"; fi

# ---- control and bidi characters are dropped, and said so ----
if grep -q "evil.csv:4:1: warning: control or bidi characters removed" "$WORK/err"; then ok; else bad "no warning of control characters"; cat "$WORK/err"; fi
text=$(pdftotext "$WORK/out/未填期间/_._.._逃逸/annual.pdf" -)
text2=$(pdftotext "$WORK/out/未填期间/[测试]局/annual.pdf" -)
if grep -q "控制字符" <<<"$text" && grep -q "反向覆盖项目" <<<"$text2" && ! grep -q $'\u202e' <<<"$text2"; then ok; else bad "control or bidi characters printed"; fi

# ---- printed as written: not markup, not a format ----
# (pdftotext reads the gap between a Latin letter and a Chinese character,
# n项, as a space)
# (the 绩效目标 and 绩效指标 cells are read as the HTML the export systems
# write, so their <b>, <i> and &amp; are markup by design; names never are)
if grep -qF "<b>粗</b>&\"引号'" <<<"$text" && grep -qF "甲指标%x" <<<"$text" &&
  pdftotext "$WORK/out/未填期间/%s%n%x局/annual.pdf" - | tr -d ' ' | grep -qF "格式%s%n项目" &&
  pdfinfo "$WORK/out/未填期间/%s%n%x局/annual.pdf" | grep -qF "Title:           %s%n%x局年度"; then ok; else bad "names not printed as written"; fi

# ---- a 5,000-character project name is cut in 目录, not set past the
# margin: A4 595.28 pt less the right margin of 26 mm (73.70 pt) = 521.57 ----
widest=$(pdftotext -f 2 -l 2 -bbox "$WORK/out/未填期间/[测试]局/annual.pdf" - | sed -n 's/.*xMax="\([0-9.]*\)".*/\1/p' | sort -n | tail -1)
if awk -v w="$widest" 'BEGIN { exit !(w > 400 && w <= 521.6) }' &&
  pdftotext -f 2 -l 2 "$WORK/out/未填期间/[测试]局/annual.pdf" - | grep -q "长长…"; then ok; else bad "目录 runs to $widest pt"; fi

# ---- every file well-formed ----
badsvg=0
while read -r f; do xmllint --noout "$f" 2>/dev/null || badsvg=$((badsvg + 1)); done < <(find "$WORK/out" -name '*.svg')
badpdf=0
while read -r f; do qpdf --check "$f" >/dev/null 2>&1 || badpdf=$((badpdf + 1)); done < <(find "$WORK/out" -name '*.pdf')
# every part of every Word document, and its text as written
baddocx=0
while read -r f; do
  /usr/bin/python3 - "$f" <<'PY' || baddocx=$((baddocx + 1))
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if not n.endswith(".png"):
        xml.dom.minidom.parseString(z.read(n))
PY
done < <(find "$WORK/out" -name '*.docx')
if [ "$baddocx" = 0 ] && [ "$(find "$WORK/out" -name '*.docx' | wc -l)" = 5 ]; then ok; else bad "$baddocx Word documents malformed"; fi
if /usr/bin/python3 - "$WORK/out/未填期间/_._.._逃逸/annual.docx" <<'PY'; then ok; else bad "a Word document's text not as written"; fi
import sys, docx
d = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in d.paragraphs) + "".join(c.text for t in d.tables for r in t.rows for c in r.cells)
assert "<b>粗</b>&\"引号'" in text and "../../逃逸" in text, text[:300]
PY
if [ "$badsvg" = 0 ] && [ "$badpdf" = 0 ]; then ok; else bad "$badsvg SVG and $badpdf PDF files malformed"; fi
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = sorted(x["department"] for x in d["documents"])
assert names == sorted(["../../逃逸", "[测试]局", "%s%n%x局", "局部门", "名" * 5000]), names
' "$WORK/out/manifest.json"; then ok; else bad "manifest.json"; fi
# and a second run finds it all up to date (the state holds every name)
timeout 600 "$JIXIAO" render -f pdf,svg,docx -o "$WORK/out" "$WORK/in/evil.csv" >"$WORK/stdout" 2>"$WORK/err"
rc=$?
if [ "$rc" = 0 ] && [ ! -s "$WORK/stdout" ]; then ok; else bad "a second run made $(wc -l <"$WORK/stdout") files"; fi
finish untrusted
