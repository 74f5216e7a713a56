#!/bin/bash
# The sample under valgrind memcheck: checked, dumped and rendered (PDF,
# the haru engine, SVG and the site), with no memory error and nothing definitely lost
# (tests/valgrind.supp lists what the libraries lose).
# Usage: tests/cli/memcheck.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JIXIAO=$(realpath "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200

# memcheck NAME ARGS...: jixiao ARGS under memcheck
memcheck() {
  local name=$1
  shift
  timeout 600 valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --suppressions="$ROOT/tests/valgrind.supp" "$JIXIAO" "$@" \
    >/dev/null 2>"$WORK/vg"
  local rc=$?
  if [ "$rc" != 99 ] && [ "$rc" != 124 ] && grep -q "ERROR SUMMARY: 0 errors" "$WORK/vg" &&
    grep -qE "definitely lost: 0 bytes|no leaks are possible" "$WORK/vg"; then ok; else
    bad "memcheck $name: exit $rc"
    grep -E "Invalid|uninitialised|definitely lost|ERROR SUMMARY" "$WORK/vg" | head -10
  fi
}
command -v valgrind >/dev/null || { bad "valgrind is not installed (scripts/bootstrap)"; finish memcheck; exit 1; }
memcheck check check input
memcheck dump dump input
memcheck render render -o "$WORK/out" input
memcheck haru render --engine haru -t targets -o "$WORK/haru" input
# the web outputs: SVG with text (faces subset, WOFF2) and the site
memcheck web render -j 1 -t targets -f svg,html -o "$WORK/web" input
# forms: every shape of tests/data/forms but the one of errors, read and
# rendered; the errors checked
mkdir -p "$WORK/forms"
cp tests/data/forms/*.csv "$WORK/forms/"
rm "$WORK/forms/bad-form.csv"
memcheck "forms check" check "$WORK/forms"
memcheck "forms render" render -o "$WORK/forms-out" "$WORK/forms"
memcheck "bad form" check tests/data/forms/bad-form.csv
# workbooks: a form, number formats and sheets, formulas without values
memcheck "workbooks" check tests/data/office/text/national.xlsx tests/data/office/xlsx/formats.xlsx \
  tests/data/office/xlsx/sheets.xlsx tests/data/office/xlsx/merged.xlsx
memcheck "formulas" check tests/data/office/xlsx/formulas.xlsx
memcheck "xls" check tests/data/office/xls/national.xls tests/data/office/xls-shown/national.xls
memcheck "documents" check tests/data/office/docx/national.docx tests/data/office/docx-lo/two-row-header.docx
finish memcheck
