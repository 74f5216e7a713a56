#!/bin/bash
# The web outputs without a browser (tests/cli/browser.sh loads them in
# one): the SVG with text (-f svg) beside cairo's outlines (-f
# svg-outlines), and the static site (-f html): its pages read by Python's
# HTML parser (tests/tools/htmlcheck.py) and by Debian's tidy, its links,
# its digests against sha256sum, its names escaped, its files in the
# manifest and the up-to-date logic, its bytes reproducible.
#   tests/cli/web.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200 # 2024-12-31 00:00:00 UTC
DEPT='广州市海珠区政务服务数据管理局（本级）'
OUT=$WORK/site
D=$OUT/2024/$DEPT

"$JX" render -q -o "$OUT" -f pdf,svg,html --summary input >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" = 0 ]; then ok; else bad "render html: exit $rc"; cat "$WORK/err"; fi
for f in "$OUT/index.html" "$OUT/jixiao.css" "$D/annual.html" "$OUT/2024/summary.html"; do
  if grep -qxF "$f" "$WORK/out"; then ok; else bad "not listed as written: $f"; fi
done

# ---- the SVG with text ----
svg=$D/annual-p004.svg
if xmllint --noout "$svg" 2>"$WORK/xml"; then ok; else bad "p004.svg is not XML"; cat "$WORK/xml"; fi
# every family a <text> names has its @font-face, a WOFF2 in the file
# (its signature wOF2 is d09GM in base64)
fams=$(grep -o 'font-family="jx-[0-9a-f]*"' "$svg" | sort -u | sed 's/.*="\(.*\)"/\1/')
[ -n "$fams" ] && ok || bad "p004.svg: no text in an embedded face"
for f in $fams; do
  if grep -q "font-family:\"$f\";src:url(data:font/woff2;base64,d09GM" "$svg"; then ok; else
    bad "p004.svg: no WOFF2 face for $f"
  fi
done
# its characters are the PDF page's: pdftotext (poppler, from the PDF)
# and the <text> elements hold the same characters, whitespace aside
chars() { python3 -c 'import sys; print("".join(sorted(c for c in sys.stdin.read() if not c.isspace())))'; }
last=$(pdfinfo "$D/annual.pdf" | awk '/^Pages:/ {printf "%03d", $2}')
for p in 001 004 012 "$last"; do
  n=$((10#$p))
  a=$(pdftotext -f "$n" -l "$n" "$D/annual.pdf" - | chars)
  b=$(python3 -c '
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1])
print("".join(e.text or "" for e in t.iter("{http://www.w3.org/2000/svg}text")))' "$D/annual-p$p.svg" | chars)
  if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else bad "page $p: the SVG's text is not the PDF's"; fi
done
# each character at the x Pango gave it: the number of x values of a
# <text> is its number of characters
if python3 - "$svg" <<'PY'; then ok; else bad "p004.svg: x lists and characters differ"; fi
import sys, xml.etree.ElementTree as ET
bad = 0
for e in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text"):
    if len(e.get("x").split()) != len(e.text or ""):
        bad += 1
sys.exit(1 if bad else 0)
PY
# smaller than the outlines, which hold no text
"$JX" render -q -o "$WORK/outlines" -f svg-outlines input >/dev/null 2>&1
o=$WORK/outlines/2024/$DEPT
chart='charts/琶洲政务分中心运营经费-产出指标.svg'
if [ -f "$o/annual-p004.svg" ] && ! grep -q '<text' "$o/annual-p004.svg" && grep -q '<path' "$o/annual-p004.svg"; then ok; else
  bad "svg-outlines: not cairo's outlines"
fi
st=$(stat -c %s "$D/$chart") so=$(stat -c %s "$o/$chart")
if [ "$st" -lt "$so" ]; then ok; else bad "the chart's text SVG ($st B) is not smaller than its outlines ($so B)"; fi
echo "web: the chart $chart: $so bytes as outlines, $st with text"

# ---- the site ----
pages=$(find "$OUT" -name '*.html' | sort) # no spaces in the sample's names
if python3 tests/tools/htmlcheck.py "$OUT" $pages >"$WORK/check"; then ok; else bad "htmlcheck:"; cat "$WORK/check"; fi
# tidy in error mode: no errors (its warnings of HTML 4's table summary
# attribute, gone from HTML5, aside)
for f in $pages; do
  tidy -errors -quiet "$f" >/dev/null 2>"$WORK/tidy"
  t=$?
  if [ "$t" -lt 2 ] && ! grep -v 'lacks "summary" attribute' "$WORK/tidy" | grep -q .; then ok; else
    bad "tidy $f: exit $t"; head -5 "$WORK/tidy"
  fi
done
# the tables as the report has them: the funds table under 琶洲 with its
# header cells, and the 自评表's spans
python3 tests/tools/htmlcheck.py --tables "$OUT" "$D/annual.html" >"$WORK/tables"
if grep -qxF "$(printf '琶洲政务分中心运营经费：1. 项目资金 单位：万元\t总计|财政拨款|财政专户拨款|其他资金|执行数（2024年）|执行率|序时进度')" "$WORK/tables"; then ok; else
  bad "the funds table of 琶洲"; head -5 "$WORK/tables"
fi
if grep -q '<th [^>]*rowspan="[0-9]*"[^>]*>绩效指标</th>' "$D/annual.html" &&
  grep -q 'colspan="' "$D/annual.html"; then ok; else bad "the 自评表 lost its spans"; fi
# the numbers of the PDF are in the page: 琶洲's funds and execution
for v in 583.95 573.44 98.20%; do
  if grep -q ">$v<" "$D/annual.html"; then ok; else bad "annual.html lacks $v"; fi
done
# the download: the PDF's digest and size as sha256sum and stat see them
sum=$(sha256sum "$D/annual.pdf" | cut -c1-64)
if grep -q "SHA-256 <code>$sum</code>" "$D/annual.html"; then ok; else bad "annual.html: not the PDF's SHA-256"; fi
kb=$((($(stat -c %s "$D/annual.pdf") + 512) / 1024))
if grep -q ">annual.pdf</a>（$kb KB）" "$D/annual.html"; then ok; else bad "annual.html: not the PDF's size ($kb KB)"; fi
# the index: the department's score and grade as check computes them
line=$("$JX" check input 2>/dev/null | grep "^$DEPT: score")
score=$(echo "$line" | sed 's/.*score \([0-9.]*\), .*/\1/')
if grep -q ">$score</td>" "$OUT/index.html"; then ok; else bad "index.html lacks the score $score"; fi
# the manifest lists the site's files with their digests
for f in index.html jixiao.css; do
  s=$(sha256sum "$OUT/$f" | cut -c1-64)
  if grep -q "\"path\": \"$OUT/$f\", \"sha256\": \"$s\"" "$OUT/manifest.json"; then ok; else bad "manifest: $f"; fi
done

# ---- up to date ----
"$JX" render -o "$OUT" -f pdf,svg,html --summary input >"$WORK/out2" 2>&1
if [ ! -s "$WORK/out2" ]; then ok; else bad "a second run wrote: $(head -3 "$WORK/out2")"; fi
rm "$OUT/jixiao.css"
"$JX" render -q -o "$OUT" -f pdf,svg,html --summary input >"$WORK/out3" 2>&1
if [ "$(cat "$WORK/out3")" = "$(printf '%s\n%s' "$OUT/index.html" "$OUT/jixiao.css")" ]; then ok; else
  bad "the stylesheet removed: remade $(cat "$WORK/out3")"
fi
echo '/* changed */' >>"$D/annual.html"
"$JX" render -q -o "$OUT" -f pdf,svg,html --summary input >"$WORK/out4" 2>&1
if grep -qxF "$D/annual.html" "$WORK/out4" && ! grep -q 'changed' "$D/annual.html"; then ok; else
  bad "a page changed by hand is not remade"
fi

# ---- the same bytes again ----
"$JX" render -q -j 1 -o "$WORK/again" -f pdf,svg,html --summary input >/dev/null 2>&1
for f in annual.html annual-p004.svg "$chart"; do
  if cmp -s "$D/$f" "$WORK/again/2024/$DEPT/$f"; then ok; else bad "not reproducible: $f"; fi
done

# ---- names a page escapes and a URL encodes ----
"$JX" render -q -o "$WORK/names" -f html tests/data/web/names.csv >/dev/null 2>"$WORK/err"
# two departments: made in worker processes
n=$WORK/names/index.html
if grep -q '甲局&lt;i&gt;&amp;&quot;x&quot;&lt;/i&gt;' "$n" && ! grep -q '<i>' "$n"; then ok; else
  bad "index.html: the name 甲局<i>&\"x\"</i> is not escaped"
fi
# '#' and '%' of a folder name percent-encoded, or the link would end at '#'
if grep -q 'href="2024/%E4%B9%99%E5%B1%80%20%23_%25/' "$n"; then ok; else
  bad "index.html: the folder 乙局 #_% is not percent-encoded: $(grep -o 'href="2024/[^"]*' "$n" | tail -1)"
fi
if find "$WORK/names" -name '*.html' -print0 | xargs -0 python3 tests/tools/htmlcheck.py "$WORK/names" >"$WORK/check"; then ok; else
  bad "htmlcheck (names):"; cat "$WORK/check"
fi

finish web
