#!/bin/bash
# Makes the Office test files with the programs users have, from the CSV
# forms and tables: LibreOffice (libreoffice-calc-nogui, headless) and
# python3-openpyxl.  The files are committed; run this when the CSV change:
#   tests/data/office/make.sh
# Each workbook LibreOffice makes from a CSV as it imports one (xlsx/: "96%"
# becomes 0.96 under 0.00%) comes with LibreOffice's own CSV export of it
# as shown (shown/NAME.csv): what jixiao must read from the workbook.  The
# same CSV imported as text (text/) must read as the CSV itself.
set -eu
cd "$(dirname "$0")"
ROOT=../../..
rm -rf shown xlsx text
mkdir -p shown xlsx text
# every column imported as text (format 2): the workbook holds the CSV's
# cells as they are written
as_text=$(seq -s/ 1 48 | sed 's#\([0-9]*\)#\1/2#g')
csv=(
  "$ROOT"/tests/data/forms/{national,sichuan,monitor,targets,two-row-header,two-forms,department-whole,flat,scoring-sheet}.csv
  "$ROOT"/input/haizhu-2024-targets.csv
  "$ROOT"/input/haizhu-2024-sample-actuals-2024-06.csv
)
for f in "${csv[@]}"; do
  # import as UTF-8 (76), comma-separated, quoted with "
  soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir xlsx "$f" >/dev/null
  n=$(basename "$f" .csv)
  soffice --headless --infilter="CSV:44,34,76,1,$as_text" --convert-to xlsx --outdir text "$f" >/dev/null
  soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir shown \
    "xlsx/$n.xlsx" >/dev/null
done
# what LibreOffice cannot make from a CSV: number formats, merged ranges,
# several sheets, formulas
/usr/bin/python3 openpyxl-cases.py xlsx
# formulas saved by LibreOffice carry their computed values; openpyxl's
# carry none
soffice --headless --convert-to xlsx --outdir xlsx/calc xlsx/formulas.xlsx >/dev/null
mv xlsx/calc/formulas.xlsx xlsx/formulas-computed.xlsx
rmdir xlsx/calc
# Word documents: the forms typed into a table by python-docx (docx/), and
# the same documents saved again by LibreOffice Writer (docx-lo/)
rm -rf docx docx-lo
mkdir -p docx docx-lo
forms=("$ROOT"/tests/data/forms/{national,sichuan,monitor,targets,two-row-header,department-whole,scoring-sheet,bad-form}.csv)
/usr/bin/python3 docx-cases.py docx "${forms[@]}"
for f in docx/*.docx; do
  soffice --headless --convert-to "docx:MS Word 2007 XML" --outdir docx-lo "$f" >/dev/null
done
# Excel 97–2003 workbooks, saved by LibreOffice from the text workbooks
# (xls/) and from the ones imported as LibreOffice does by default (xls-shown/)
rm -rf xls xls-shown
for n in national sichuan monitor haizhu-2024-targets; do
  soffice --headless --convert-to xls --outdir xls "text/$n.xlsx" >/dev/null
  soffice --headless --convert-to xls --outdir xls-shown "xlsx/$n.xlsx" >/dev/null
done
# rich text (LibreOffice writes a run for each font: ≥100 | 人次) and a
# merged range (colspan), from an HTML table imported into Calc
soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx --outdir xlsx rich.html >/dev/null
