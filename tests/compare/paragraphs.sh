#!/bin/bash
# The sample's paragraphs (every body paragraph of its reports) set by
# jixiao and by XeLaTeX + ctex in the same face, size, measure and line
# pitch (Noto Serif CJK SC, 16 bp on 28.95 bp, 156 mm, a 2-em indent), read back
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

# the paragraphs: every body paragraph of the sample's annual report and
# its 公文 (each project's 绩效目标, line by line, its 完成情况, the
# letter's 正文), once each, as their web pages hold them
"$JIXIAO" render -q -o "$OUT/html" -f html "$ROOT/input" >/dev/null
"$JIXIAO" render -q -t official -o "$OUT/html" -f html "$ROOT/input" >/dev/null 2>&1
python3 - "$OUT"/html/*/*/annual.html "$OUT"/html/*/*/official.html >"$OUT/paragraphs.txt" <<'PY'
import html.parser, sys
class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.found = None, []
    def handle_starttag(self, tag, attrs):
        if tag == "p" and dict(attrs).get("class") == "indent":
            self.text = ""
    def handle_endtag(self, tag):
        if tag == "p" and self.text is not None:
            self.found.append(self.text)
            self.text = None
    def handle_data(self, data):
        if self.text is not None:
            self.text += data
seen = []
for page in sys.argv[1:]:
    p = Paragraphs()
    p.feed(open(page, encoding="utf-8").read())
    for t in p.found:
        t = t.strip()
        if t and t not in seen:
            seen.append(t)
if not seen:
    sys.exit("paragraphs: the web pages hold no paragraph")
print("\n".join(seen))
PY

# jixiao, and the text as it sets it (its punctuation made full-width)
"$SETTER" "$ROOT/fonts" "$ROOT/templates/annual.ini" "$OUT/paragraphs.txt" "$OUT/jixiao.pdf" "$OUT/set.txt"

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
% bp: PostScript points, as jixiao's; TeX's pt is 1/72.27 in
\linespread{1}\fontsize{16bp}{28.95bp}\selectfont""")
print("\n\n".join("".join(special.get(c, c) for c in p) for p in paras))
print(r"\end{document}")
PY
(cd "$OUT" && xelatex -interaction=nonstopmode -halt-on-error ctex.tex >ctex.log 2>&1) ||
  { echo "paragraphs: xelatex failed, see $OUT/ctex.log" >&2; exit 70; }
pdftoppm -r 80 -png -f 1 -l 1 "$OUT/jixiao.pdf" "$OUT/jixiao"
pdftoppm -r 80 -png -f 1 -l 1 "$OUT/ctex.pdf" "$OUT/ctex"
python3 "$ROOT/tests/compare/measure.py" "$OUT/set.txt" 16 jixiao="$OUT/jixiao.pdf" ctex="$OUT/ctex.pdf"
