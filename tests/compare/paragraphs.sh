#!/bin/bash
# The sample's paragraphs (the 绩效目标 of the seed's projects) set by
# jixiao and by XeLaTeX + ctex in the same face, size, measure and line
# pitch (Noto Serif CJK SC, 16 pt on 28.95 pt, 156 mm, a 2-em indent), read back
# with mutool, and per paragraph the lines and the widest gap of a
# justified line (tests/compare/measure.py).  The two PDFs and their first
# pages as PNG stay in OUT to be looked at side by side.
# Usage: tests/compare/paragraphs.sh ./jixiao build/tools/paragraphs OUT
set -eu
JIXIAO=$(realpath "$1")
SETTER=$(realpath "$2")
OUT=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
for tool in xelatex mutool; do
  command -v "$tool" >/dev/null || { echo "paragraphs: $tool is missing (scripts/bootstrap --compare)" >&2; exit 69; }
done

# the paragraphs: each project's 绩效目标, once, as jixiao dumps them, a
# line of a cell a paragraph (as the reports set them)
"$JIXIAO" dump "$ROOT/input" >"$OUT/dump.csv"
python3 - "$OUT/dump.csv" >"$OUT/paragraphs.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
at = rows[0].index("绩效目标")
seen = []
for r in rows[1:]:
    for t in (r[at] if at < len(r) else "").splitlines():
        t = t.strip()
        if t and t not in seen:
            seen.append(t)
print("\n".join(seen))
PY

# jixiao, and the text as it sets it (its punctuation made full-width)
"$SETTER" "$ROOT/fonts" "$OUT/paragraphs.txt" "$OUT/jixiao.pdf" "$OUT/set.txt"

# XeLaTeX + ctex, the same text
python3 - "$OUT/set.txt" >"$OUT/ctex.tex" <<'PY'
import sys
special = {"\\": r"\textbackslash{}", "%": r"\%", "#": r"\#", "&": r"\&", "_": r"\_",
           "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\~{}", "^": r"\^{}"}
paras = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l]
print(r"""\documentclass{ctexart}
\usepackage[a4paper,left=28mm,right=26mm,top=37mm,bottom=35mm]{geometry}
\setCJKmainfont{Noto Serif CJK SC}
\setmainfont{Liberation Serif}
\pagestyle{empty}
\setlength{\parindent}{2em}
\setlength{\parskip}{0pt}
\begin{document}
\linespread{1}\fontsize{16pt}{28.95pt}\selectfont""")
print("\n\n".join("".join(special.get(c, c) for c in p) for p in paras))
print(r"\end{document}")
PY
(cd "$OUT" && xelatex -interaction=nonstopmode -halt-on-error ctex.tex >ctex.log 2>&1) ||
  { echo "paragraphs: xelatex failed, see $OUT/ctex.log" >&2; exit 70; }
pdftoppm -r 80 -png -f 1 -l 1 "$OUT/jixiao.pdf" "$OUT/jixiao"
pdftoppm -r 80 -png -f 1 -l 1 "$OUT/ctex.pdf" "$OUT/ctex"
python3 "$ROOT/tests/compare/measure.py" "$OUT/set.txt" 16 jixiao="$OUT/jixiao.pdf" ctex="$OUT/ctex.pdf"
