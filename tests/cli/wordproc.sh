#!/bin/bash
# The Word documents as a word processor reads them: LibreOffice (headless)
# opens every one and converts it to PDF without error; that PDF holds every
# indicator name and score (pdftotext), runs within a few pages of jixiao's
# own PDF, and its first page has the report on it.  Mostly times
# LibreOffice, so not again in the sanitizer build.
#   tests/cli/wordproc.sh ./jixiao
. "$(dirname "$0")/lib.sh"
JX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$ROOT" || exit 1
export SOURCE_DATE_EPOCH=1735603200
PY=/usr/bin/python3
D=广州市海珠区政务服务数据管理局（本级）

for t in annual monthly targets official; do
  extra=()
  [ $t = official ] && extra=(--official tests/data/official/gongwen.ini)
  [ $t = monthly ] && extra=(--period 2024-09)
  "$JX" render -q -f pdf,docx -o "$WORK/out" -t $t "${extra[@]}" input >/dev/null 2>"$WORK/err" ||
    bad "$t: $(head -2 "$WORK/err")"
done
mkdir -p "$WORK/lo"
# one LibreOffice for all four, with a profile of its own
timeout 600 soffice -env:UserInstallation=file://"$WORK/profile" --headless --convert-to pdf \
  --outdir "$WORK/lo" "$WORK"/out/*/"$D"/*.docx >"$WORK/lo.out" 2>&1
rc=$?
if [ $rc = 0 ] && [ "$(find "$WORK/lo" -name '*.pdf' | wc -l)" = 4 ]; then ok; else bad "LibreOffice: exit $rc: $(cat "$WORK/lo.out")"; fi

# the names and scores of every indicator, as the inputs give them and
# jixiao scores them (its dump), not as the documents were written
"$JX" dump input/haizhu-2024-targets.csv input/haizhu-2024-sample-actuals-year.csv >"$WORK/year.csv"
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
for t in annual monthly targets official; do
  lo=$WORK/lo/$t.pdf
  own=$(find "$WORK/out" -path "*/$D/$t.pdf" | head -1)
  [ -f "$lo" ] || continue
  a=$(pages "$lo") b=$(pages "$own")
  # Word and LibreOffice set their own lines: a few pages either way
  if [ -n "$a" ] && [ "$a" -ge $((b - 3)) ] && [ "$a" -le $((b + 3)) ]; then ok; else bad "$t: LibreOffice sets $a pages, jixiao $b"; fi
  # in the order it was written: a cell's lines one after another
  pdftotext -raw "$lo" "$WORK/$t.txt"
  case $t in
  annual | official) with=names,scores ;;
  *) with=names ;;
  esac
  if "$PY" - "$WORK/$t.txt" "$WORK/year.csv" "$with" <<'PY'; then ok; else bad "$t: the text LibreOffice sets"; fi
import csv, re, sys
# a cell's lines joined again
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
# a cell the page cut goes on past the page's furniture: the running
# header (the first line most pages share) and the page number go
firsts = [p.strip().split("\n")[0] for p in pages if p.strip()]
header = max(set(firsts), key=firsts.count) if firsts else None
if firsts.count(header) * 2 < len(firsts):
    header = None
number = re.compile(r"^(—\s*\d+\s*—|第\s*\d+\s*页，共\s*\d+\s*页)$")
lines = [l for p in pages for l in p.split("\n") if l.strip() != header and not number.match(l.strip())]
raw = "\n".join(lines)
text = re.sub(r"\s+", "", raw)
# the indicators (the rows of budget execution have no 一级指标)
rows = [r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if r["一级指标"]]
assert len(rows) == 41, len(rows)
# each page's text without its furniture
bodies = [re.sub(r"\s+", "", "\n".join(l for l in p.split("\n") if l.strip() != header and not number.match(l.strip()))) for p in pages]

def found(name):
    name = re.sub(r"\s+", "", name)
    if name in text:
        return True
    # a name a page cut: its start ends one page, its rest is on the next
    # (after the table's header, repeated there)
    return any(bodies[i].endswith(name[:k]) and name[k:] in bodies[i + 1]
               for i in range(len(bodies) - 1) for k in range(1, len(name)))

missing = [r["三级指标"] for r in rows if not found(r["三级指标"])]
assert not missing, missing[:5]
if "scores" in sys.argv[3]:
    # the 自评表 give every indicator's 得分 (30.00 as 30, 16.50 as 16.5)
    numbers = {round(float(n), 2) for n in re.findall(r"\d+(?:\.\d+)?", raw)}
    scores = [r["得分"] for r in rows if r["得分"]]
    lost = [x for x in scores if round(float(x), 2) not in numbers]
    assert len(scores) == 41 and not lost, lost[:5]
PY
  # the first page is the report's: ink on it (not a blank page)
  pdftoppm -gray -r 30 -f 1 -l 1 "$lo" "$WORK/first-$t"
  if "$PY" - "$WORK"/first-"$t"*.pgm <<'PY'; then ok; else bad "$t: LibreOffice's first page is blank"; fi
import sys
data = open(sys.argv[1], "rb").read()
# P5 WIDTH HEIGHT 255, then a byte a pixel
parts = data.split(b"\n", 3)
pixels = parts[3]
dark = sum(1 for b in pixels if b < 128)
assert dark > 200, dark
PY
done
finish wordproc
