#!/bin/bash
# Workbooks (.xlsx) made by the programs users have (tests/data/office/
# make.sh: LibreOffice and openpyxl) read as the CSV they came from: the
# dump of a workbook LibreOffice imported as text is the dump of its CSV;
# the dump of one it imported as it does by default is the dump of
# LibreOffice's own CSV export of it, as shown.  Then number formats, merged
# ranges, sheets, formulas, and hostile files.
#   tests/cli/office.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
O=tests/data/office
export SOURCE_DATE_EPOCH=1735603200

same_dump() { # WHAT A B: the dumps of A and B are the same bytes
  "$JX" dump "$2" >"$WORK/a.csv" 2>"$WORK/a.err"
  "$JX" dump "$3" >"$WORK/b.csv" 2>"$WORK/b.err"
  if [ -s "$WORK/a.csv" ] && cmp -s "$WORK/a.csv" "$WORK/b.csv"; then ok; else
    bad "$1: dumps differ"
    diff "$WORK/a.csv" "$WORK/b.csv" | head -6
    head -3 "$WORK/a.err"
  fi
}

# ---- the central check ----
for x in $O/text/*.xlsx; do
  n=$(basename "$x" .xlsx)
  src=tests/data/forms/$n.csv
  [ -f "$src" ] || src=input/$n.csv
  same_dump "$n (as text)" "$x" "$src"
done
for x in $O/xlsx/*.xlsx; do
  n=$(basename "$x" .xlsx)
  [ -f "$O/shown/$n.csv" ] || continue
  case $n in flat) continue ;; esac # its "=0起" became a formula: below
  same_dump "$n (as shown)" "$x" "$O/shown/$n.csv"
done
# Word documents typed by python-docx, and saved again by LibreOffice
for x in $O/docx/*.docx $O/docx-lo/*.docx; do
  n=$(basename "$x" .docx)
  case $n in bad-form) continue ;; esac
  same_dump "$(basename "$(dirname "$x")")/$n" "$x" "tests/data/forms/$n.csv"
done
# Excel 97–2003 workbooks (FreeXL): cells held as text read as the CSV
for x in $O/xls/*.xls; do
  n=$(basename "$x" .xls)
  src=tests/data/forms/$n.csv
  [ -f "$src" ] || src=input/$n.csv
  same_dump "xls/$n" "$x" "$src"
done
# numbers under a format: FreeXL cannot see it, and that is said
"$JX" check $O/xls-shown/national.xls >"$WORK/out" 2>"$WORK/err"
if grep -q "national.xls:national!G7: warning: FreeXL, which reads .xls, cannot see number formats: numbers read as stored ('0.9' here" "$WORK/err"; then ok; else bad "xls formats: $(cat "$WORK/err")"; fi
# the published table has no formatted numbers: the same as its CSV
same_dump "xls-shown/haizhu-2024-targets" $O/xls-shown/haizhu-2024-targets.xls input/haizhu-2024-targets.csv

# a document's problems are placed at its table, row and column
"$JX" check $O/docx/bad-form.docx >"$WORK/out" 2>"$WORK/err"
if [ $? = 65 ] && grep -q "bad-form.docx:table 1:row 8:col 4: error: a filled row without an indicator name ('指标2' is the template's placeholder)" "$WORK/err" &&
  grep -q '1 table (table 1: form, 某区司法局, 1 project, 3 indicators)' "$WORK/out"; then ok; else bad "docx places: $(cat "$WORK/out" "$WORK/err")"; fi

# and reports render the same pages: the sample's published table
"$JX" render -q -j 1 -t targets -o "$WORK/csv" input/haizhu-2024-targets.csv >/dev/null
mkdir -p "$WORK/x" && cp $O/text/haizhu-2024-targets.xlsx "$WORK/x/"
"$JX" render -q -j 1 -t targets -o "$WORK/xlsx" "$WORK/x/haizhu-2024-targets.xlsx" >/dev/null
a=$(find "$WORK/csv" -name targets.pdf) b=$(find "$WORK/xlsx" -name targets.pdf)
if [ -n "$a" ] && [ "$(pdftotext "$a" - | md5sum)" = "$(pdftotext "$b" - | md5sum)" ] &&
  [ "$(pdfinfo "$a" | grep Pages)" = "$(pdfinfo "$b" | grep Pages)" ]; then ok; else bad "the workbook's report differs from the CSV's"; fi

# a CSV's "=0起" that LibreOffice imported as a formula is the error it became
"$JX" check $O/xlsx/flat.xlsx >"$WORK/out" 2>"$WORK/err"
if [ $? = 65 ] && grep -q 'flat.xlsx:flat!H6: error: the cell holds the error value #NAME?' "$WORK/err"; then ok; else bad "flat: $(cat "$WORK/err")"; fi

# ---- what the cells show (openpyxl) ----
"$JX" dump $O/xlsx/formats.xlsx >"$WORK/f.csv" 2>"$WORK/err"
col() { # NAME COLUMN: the dump cell
  /usr/bin/python3 -c 'import csv,sys
rows=list(csv.reader(open(sys.argv[1],encoding="utf-8")));h=rows[0]
print(next(r[h.index(sys.argv[3])] for r in rows[1:] if r[h.index("三级指标")]==sys.argv[2]))' "$WORK/f.csv" "$1" "$2"
}
expect() { if [ "$2" = "$3" ]; then ok; else bad "$1: '$2', expected '$3'"; fi; }
expect "0.98 under 0%" "$(col 完成率 实际完成值)" "98%"
expect "0.925 under 0.0%" "$(col 合格率 实际完成值)" "92.5%"
expect "1250 under #,##0.00" "$(col 节约资金 实际完成值)" "1,250.00"
expect "93 under General" "$(col 满意度 实际完成值)" "93"
expect "a date" "$(col 合格率 备注)" "2024-06-30"
expect "text stays text" "$(col 节约资金 备注)" "00123"
expect "a literal in the format" "$(col 满意度 备注)" "1234.50万元"
# 0.98 ÷ 0.95, 0.925 ÷ 0.9, 1250 ÷ 1000, 93 ÷ 90: every one met
if "$JX" check $O/xlsx/formats.xlsx 2>&1 | grep -q '格式测试: score 100.00, 优'; then ok; else bad "formats score"; fi

# merged ranges: the block label's range over its rows, 一级 over two
"$JX" check $O/xlsx/merged.xlsx >"$WORK/out" 2>"$WORK/err"
if grep -q '1 sheet (表1: form, 某区交通局, 1 project, 4 indicators)' "$WORK/out" &&
  grep -q '道路养护: 2024 score 100.00' "$WORK/out"; then ok; else bad "merged: $(cat "$WORK/out" "$WORK/err")"; fi

# rich text runs joined (LibreOffice writes ≥100 and 人次 as two runs), and a
# merged range over 一级 and 二级 (from an HTML table's colspan)
"$JX" dump $O/xlsx/rich.xlsx >"$WORK/f.csv" 2>"$WORK/err"
expect "rich text" "$(col 培训人次 年度指标值)/$(col 培训人次 实际完成值)" "≥100人次/120人次"
expect "merged over two columns" "$(col 覆盖率 一级指标)/$(col 覆盖率 二级指标)" "效益指标/"

# sheets: each visible one a table, the hidden one skipped and said
"$JX" check $O/xlsx/sheets.xlsx >"$WORK/out" 2>&1
if grep -q '2 sheets (项目一: indicator table, sheets, 1 project, 1 indicator; 项目二: indicator table, sheets, 1 project, 1 indicator), 2 actuals, 1 hidden sheet skipped' "$WORK/out" &&
  ! grep -q '草稿' "$WORK/out"; then ok; else bad "sheets: $(cat "$WORK/out")"; fi

# formulas: by their stored value; none stored, or an error value, is an
# error at the cell
"$JX" check $O/xlsx/formulas.xlsx >"$WORK/out" 2>"$WORK/err"
if [ "$(grep -c 'error: a formula without a stored value' "$WORK/err")" = 2 ] &&
  grep -q 'formulas.xlsx:公式!E3: error' "$WORK/err" && grep -q 'formulas.xlsx:公式!F4: error' "$WORK/err"; then ok; else bad "formulas: $(cat "$WORK/err")"; fi
"$JX" check $O/xlsx/formulas-computed.xlsx >"$WORK/out" 2>"$WORK/err"
if grep -q 'formulas-computed.xlsx:公式!F4: error: the cell holds the error value #DIV/0!' "$WORK/err" &&
  [ "$(grep -c ': error:' "$WORK/err")" = 1 ]; then ok; else bad "computed formulas: $(cat "$WORK/err")"; fi
"$JX" dump tests/data/office/xlsx/formulas-computed.xlsx >/dev/null 2>&1
expect "an error value stops the dump" "$?" 65

# a folder takes workbooks beside CSV, not Office's lock files
mkdir -p "$WORK/folder"
cp $O/text/national.xlsx tests/data/forms/sichuan.csv "$WORK/folder/"
printf 'lock' >"$WORK/folder/~\$national.xlsx"
"$JX" check "$WORK/folder" >"$WORK/out" 2>"$WORK/err"
if [ "$(grep -c '^/.*: ' "$WORK/out" | head -1)" -ge 2 ] && grep -q 'national.xlsx: workbook' "$WORK/out" &&
  ! grep -q 'lock\|~\$' "$WORK/out" "$WORK/err"; then ok; else bad "folder: $(cat "$WORK/out" "$WORK/err")"; fi

# ---- what is not read, said ----
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest' >"$WORK/old.doc"
"$JX" check "$WORK/old.doc" >/dev/null 2>"$WORK/err"
if [ $? = 65 ] && grep -q 'a Word 97–2003 document (.doc), which jixiao does not read: save it as .docx' "$WORK/err"; then ok; else bad "doc: $(cat "$WORK/err")"; fi
cp "$WORK/old.doc" "$WORK/damaged.xls"
"$JX" check "$WORK/damaged.xls" >/dev/null 2>"$WORK/err"
if [ $? = 65 ] && grep -q 'an OLE2 compound file that FreeXL cannot read as an Excel 97–2003 workbook' "$WORK/err"; then ok; else bad "ole: $(cat "$WORK/err")"; fi
# an encrypted workbook, as Office keeps it: its zip in an EncryptedPackage stream
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$WORK/locked.xlsx"
printf 'E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0' >>"$WORK/locked.xlsx"
"$JX" check "$WORK/locked.xlsx" >/dev/null 2>"$WORK/err"
if [ $? = 65 ] && grep -q 'encrypted with a password, which jixiao does not read: save it without one' "$WORK/err"; then ok; else bad "encrypted: $(cat "$WORK/err")"; fi

# ---- hostile files (made here: no program writes them) ----
/usr/bin/python3 - "$WORK" <<'PY'
import sys, zipfile, shutil
w = sys.argv[1]
src = "tests/data/office/text/national.xlsx"
def rewrite(name, part, data, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(f"{w}/{name}", "w", compress) as zout:
        for item in zin.infolist():
            body = data if item.filename == part else zin.read(item.filename)
            zout.writestr(item.filename, body, compress_type=compress)
# a zip bomb: a sheet of 300 MB of empty rows, some hundreds of KB packed
bomb = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + b"<row/>" * (50 << 20) + b"</sheetData></worksheet>"
rewrite("bomb.xlsx", "xl/worksheets/sheet1.xml", bomb)
# entities: a billion laughs in the shared strings, and an external one
laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>'
rewrite("laughs.xlsx", "xl/sharedStrings.xml", laughs)
external = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&ext;</t></si></sst>'
rewrite("external.xlsx", "xl/sharedStrings.xml", external)
# an entry that lies about its size, in both its headers
import struct
data = bytearray(open(src, "rb").read())
name = b"xl/worksheets/sheet1.xml"
for sig, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
    i = data.find(sig)
    while i >= 0:
        n = struct.unpack_from("<H", data, i + name_len_at)[0]
        if bytes(data[i + name_at:i + name_at + n]) == name:
            struct.pack_into("<I", data, i + size_at, 1)
        i = data.find(sig, i + 4)
open(f"{w}/lying.xlsx", "wb").write(data)
# a truncated file
data = open(src, "rb").read()
open(f"{w}/truncated.xlsx", "wb").write(data[: len(data) // 2])
PY
hostile() { # FILE WANT: exit 65 with WANT in the message, in bounded time and memory
  /usr/bin/time -f "%M" -o "$WORK/mem" timeout 240 "$JX" check "$WORK/$1" >/dev/null 2>"$WORK/err"
  local rc=$?
  local kb
  kb=$(tail -1 "$WORK/mem")
  if [ "$rc" = 65 ] && grep -q "$2" "$WORK/err" && [ "$kb" -lt 200000 ]; then ok; else
    bad "$1: exit $rc, ${kb} KB: $(cat "$WORK/err")"
  fi
}
hostile bomb.xlsx "a zip bomb"
# (libxml2 finds the loop of entities before the DTD reaches jixiao)
hostile laughs.xlsx "entity reference loop\|declares a DTD"
hostile external.xlsx "declares a DTD"
if ! grep -q 'root:' "$WORK/err"; then ok; else bad "an external entity was read"; fi
hostile truncated.xlsx "not a readable zip"
hostile lying.xlsx "not a readable zip\|not well-formed"
# an .xls that made FreeXL write outside its buffers (found by fuzz_xls):
# FreeXL runs in a child process, and the file is an error, not a crash
cp tests/fuzz/cases/xls/* "$WORK/hostile.xls"
hostile hostile.xls "FreeXL"

finish office
