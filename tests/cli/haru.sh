#!/bin/bash
# End-to-end checks of the libharu engine (--engine haru) on the sample, read
# back with poppler (pdftotext, pdffonts, pdfinfo, pdfdetach, pdftoppm) and
# qpdf: parity with cairo, attachments, encryption, PDF/A-1b, refusals.
# Usage: tests/cli/haru.sh ./jixiao build/tools/pgmdiff
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
PGMDIFF=$(realpath "$2")
cd "$ROOT" || exit 1

DEPT='广州市海珠区政务服务数据管理局（本级）'
D="2024/$DEPT" # the report's folder in the output tree
export SOURCE_DATE_EPOCH=1735603200 # 2024-12-31 00:00:00 UTC

# render ARGS...: runs jixiao render ARGS; sets rc, out and err files
render() {
  timeout 120 "$JIXIAO" render "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
}

# ---- the sample, through libharu ----
render --engine haru -o "$WORK/h" input
PDF="$WORK/h/$D/annual.pdf"
if [ "$rc" = 0 ] && qpdf --check "$PDF" >/dev/null 2>&1; then ok; else bad "haru render: exit $rc"; cat "$WORK/err"; fi
# every font embedded, and TrueType
pdffonts "$PDF" 2>/dev/null | tail -n +3 >"$WORK/fonts"
if [ -s "$WORK/fonts" ] && awk '$(NF-4) != "yes" { exit 1 }' "$WORK/fonts" && ! grep -qv "CID TrueType" "$WORK/fonts"; then ok; else bad "fonts not all embedded TrueType"; cat "$WORK/fonts"; fi
# the text comes back out, through a true ToUnicode CMap (libharu's own is
# its encoding CMap: poppler said "Invalid 'begincidrange' operator")
pdftotext -enc UTF-8 "$PDF" - 2>"$WORK/pdftotext.err" | tr -d ' \n' >"$WORK/text"
if [ ! -s "$WORK/pdftotext.err" ]; then ok; else bad "poppler warns of the haru PDF"; head -3 "$WORK/pdftotext.err"; fi
if grep -qF "保障琶洲政务分中心高水平运营" "$WORK/text" && grep -qF "1,250.00" "$WORK/text" && grep -qF "绩效自评表" "$WORK/text"; then ok; else bad "haru text not extractable"; fi
# the outline and the 目录 links
if [ "$(pdfinfo "$PDF" | sed -n 's/^Pages: *//p')" -gt 20 ] && qpdf --json --json-key=outlines "$PDF" 2>/dev/null | grep -q '"title": "智慧城市建设经费"'; then ok; else bad "haru outline"; fi
# the same bytes twice
render --engine haru -o "$WORK/h2" input
if cmp -s "$PDF" "$WORK/h2/$D/annual.pdf"; then ok; else bad "two haru runs give different bytes"; fi

# ---- parity: the same faces through cairo and libharu ----
# a template whose families are its TrueType ones, so both engines lay out
# with the same faces: the same pages, and rasters that differ little (all
# regular: cairo emboldens a one-weight face's outlines, libharu strokes
# them, and the two differ by design)
{
  echo "[template]"
  echo "extends=annual"
  for r in title subtitle heading1 heading2 heading3 body table table-head running page-number form form-head mark record; do
    printf '[font.%s]\nfamily=%s\nweight=regular\n' "$r" "$(sed -n "/^\[font.$r\]/,/^\[/s/^truetype=//p" templates/defaults.ini)"
  done
} >"$WORK/tt.ini"
render -t "$WORK/tt.ini" -o "$WORK/pc" input
render -t "$WORK/tt.ini" --engine haru -o "$WORK/ph" input
pc=$(pdfinfo "$WORK/pc/$D/tt.pdf" | sed -n 's/^Pages: *//p')
ph=$(pdfinfo "$WORK/ph/$D/tt.pdf" | sed -n 's/^Pages: *//p')
if [ -n "$pc" ] && [ "$pc" = "$ph" ]; then ok; else bad "pages: cairo $pc, haru $ph"; fi
# every page at 40 dpi in grey, compared with pgmdiff: pixels with no
# match within a pixel of them in the other raster (anti-aliasing stays
# within that; a missing, moved or misdrawn glyph does not) stay under
# 0.05 % of every page (77 pixels: two or three characters of body text)
pdftoppm -r 40 -gray "$WORK/pc/$D/tt.pdf" "$WORK/rc"
pdftoppm -r 40 -gray "$WORK/ph/$D/tt.pdf" "$WORK/rh" 2>/dev/null
worst=0
for a in "$WORK"/rc-*.pgm; do
  share=$("$PGMDIFF" "$a" "$WORK/rh-${a##*/rc-}") || share=10000
  [ "$share" -gt "$worst" ] && worst=$share
done
if [ -n "$pc" ] && [ "$worst" -lt 5 ]; then ok; else bad "pages differ: worst $worst / 10000 pixels"; fi
# the pages compared hold the 自评表 forms, spans and all, from both engines
if [ "$(pdftotext "$WORK/pc/$D/tt.pdf" - | grep -c '^项目支出绩效自评表$')" -ge 5 ] &&
  [ "$(pdftotext "$WORK/ph/$D/tt.pdf" - 2>/dev/null | grep -c '^项目支出绩效自评表$')" -ge 5 ]; then ok; else
  bad "the parity pages lack the forms"
fi

# ---- the inputs attached ----
render --engine haru --attach-data -o "$WORK/att" input
f="$WORK/att/$D/annual.pdf"
mkdir -p "$WORK/det"
pdfdetach -saveall -o "$WORK/det" "$f" 2>/dev/null
same=0
for i in input/*.csv; do cmp -s "$i" "$WORK/det/$(basename "$i")" && same=$((same + 1)); done
if [ "$rc" = 0 ] && qpdf --check "$f" >/dev/null 2>&1 && [ "$same" = 5 ] && grep -q "^haizhu-2024-targets.csv	11281	c88ab5a8" "$WORK/det/manifest.txt"; then ok; else bad "attachments: $same of 5 inputs back byte for byte"; ls "$WORK/det"; fi

# ---- encrypted ----
render --engine haru --owner-password 局长 --user-password 科员 --permit print -o "$WORK/enc" input
f="$WORK/enc/$D/annual.pdf"
if [ "$rc" = 0 ] && pdfinfo -upw 科员 "$f" 2>/dev/null | grep -q "^Encrypted: *yes (print:yes copy:no change:no addNotes:no algorithm:RC4)"; then ok; else bad "encryption: exit $rc"; pdfinfo -upw 科员 "$f"; fi
if ! pdftotext "$f" - >/dev/null 2>&1 && pdftotext -upw 科员 "$f" - 2>/dev/null | grep -q "绩效自评表"; then ok; else bad "user password"; fi
if qpdf --check --password=科员 "$f" >/dev/null 2>&1; then ok; else bad "qpdf --check of the encrypted file"; fi

# ---- PDF/A-1b ----
render --engine haru --pdfa -o "$WORK/pa" input
f="$WORK/pa/$D/annual.pdf"
pdfinfo -meta "$f" >"$WORK/meta" 2>&1
if [ "$rc" = 0 ] && grep -q "pdfaid:part='1' pdfaid:conformance='B'" "$WORK/meta" && ! grep -q "Unknown Metadata" "$WORK/meta"; then ok; else bad "PDF/A XMP: exit $rc"; fi
if qpdf --check "$f" >/dev/null 2>&1 && qpdf --show-object=1 "$f" 2>/dev/null | grep -q "/OutputIntents" &&
  pdfinfo "$f" 2>/dev/null | grep -q "^Encrypted: *no"; then ok; else bad "PDF/A output intent"; fi
# every font embedded in the PDF/A file too
if pdffonts "$f" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }'; then ok; else bad "PDF/A fonts not embedded"; fi
sleep 1 # libharu's /ID comes from the clock: a second later, the same bytes
render --engine haru --pdfa -o "$WORK/pa2" input
if cmp -s "$f" "$WORK/pa2/$D/annual.pdf"; then ok; else bad "two PDF/A runs give different bytes"; fi

# ---- refused ----
render --engine haru --pdfa --owner-password a -o "$WORK/x" input
if [ "$rc" = 64 ] && grep -q "PDF/A forbids encryption" "$WORK/err"; then ok; else bad "pdfa with a password: $rc"; fi
render --engine haru --pdfa --attach-data -o "$WORK/x" input
if [ "$rc" = 64 ] && grep -q "PDF/A-1 forbids embedded files" "$WORK/err"; then ok; else bad "pdfa with attachments: $rc"; fi
render --engine haru --owner-password same --user-password same -o "$WORK/x" input
if [ "$rc" = 64 ] && grep -q "must differ" "$WORK/err"; then ok; else bad "equal passwords: $rc"; fi
render --attach-data -o "$WORK/x" input
if [ "$rc" = 64 ] && grep -q "need --engine haru" "$WORK/err"; then ok; else bad "haru options with cairo: $rc"; fi
render --engine haru --owner-password a --permit print,fly -o "$WORK/x" input
if [ "$rc" = 64 ] && grep -q "permit takes" "$WORK/err"; then ok; else bad "bad --permit: $rc"; fi
# a character outside GB2312, which the TrueType faces lack: named, no file
printf '部门名称：测试局\n项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,绩效指标\n龘字项目,1.00,1.00,,,目标,"1、产出指标,数量指标,甲指标；年度指标值:1个；"\n' >"$WORK/rare.csv"
render --engine haru -o "$WORK/rare" "$WORK/rare.csv"
if [ "$rc" = 65 ] && grep -q "'龘' (U+9F98) in the line \"（一）龘字项目\"" "$WORK/err" && [ -z "$(find "$WORK/rare" -name "*.pdf" 2>/dev/null)" ]; then ok; else bad "missing glyph: $rc"; cat "$WORK/err"; fi

finish haru
