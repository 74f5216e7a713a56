#!/usr/bin/env python3
"""Per paragraph, the lines and the widest gap of two PDFs of the same
paragraphs (one a line in PARAS): where each character stands, as
`mutool draw -F stext` reads it back, grouped into lines by baseline.

A gap is how far a character stands from where the one before it ends (its
advance, the width of its quad), in em of SIZE points; the widest gap counts
the justified lines only (all of a paragraph's but its last), and only
between two Chinese characters or marks: the space clreq puts between a
Chinese character and a Latin letter or digit is not stretch.
Usage: measure.py PARAS SIZE NAME=A.pdf NAME=B.pdf ..."""
import subprocess
import sys
import xml.etree.ElementTree as ET


def lines_of(pdf, size):
    xml = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf],
                         check=True, capture_output=True).stdout
    out = []
    for page in ET.fromstring(xml).iter("page"):
        rows = {}
        for font in page.iter("font"):
            if abs(float(font.get("size")) - size) > 0.5:
                continue  # running heads, page numbers
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                c = ch.get("c")
                if c.isspace() or c == "\u200b":
                    continue
                # a Latin face's baseline may stand a little off the
                # Chinese one's: a line is the baselines within 3 pt
                y = float(ch.get("y"))
                key = next((k for k in rows if abs(k - y) < 3), y)
                rows.setdefault(key, []).append((float(ch.get("x")), q[2] - q[0], c))
        for y in sorted(rows):
            out.append(sorted(rows[y]))
    return out


def measure(paras, lines, size):
    results, at = [], 0
    for p in paras:
        want = "".join(c for c in p if not c.isspace() and c != "\u200b")
        got, used = "", []
        while len(got) < len(want) and at < len(lines):
            used.append(lines[at])
            got += "".join(c for _, _, c in lines[at])
            at += 1
        if got != want:
            sys.exit("the PDF's text is not the paragraphs': %r… against %r…" % (got[:20], want[:20]))
        worst = 0.0
        for line in used[:-1]:
            for (x0, w0, c0), (x1, _, c1) in zip(line, line[1:]):
                if ord(c0) > 0x2000 and ord(c1) > 0x2000:
                    worst = max(worst, (x1 - (x0 + w0)) / size)
        results.append((len(used), worst, "".join(c for _, _, c in used[0])))
    return results


def main():
    paras = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.strip()]
    size = float(sys.argv[2])
    names, runs = [], []
    for arg in sys.argv[3:]:
        name, pdf = arg.split("=", 1)
        names.append(name)
        runs.append(measure(paras, lines_of(pdf, size), size))
    head = "| paragraph | " + " | ".join("%s lines | %s widest gap (em)" % (n, n) for n in names) + " |"
    print(head)
    print("|" + "---|" * (1 + 2 * len(names)))
    for i, _ in enumerate(paras):
        first = runs[0][i][2][:12]
        cells = " | ".join("%d | %.3f" % (r[i][0], r[i][1]) for r in runs)
        print("| %d %s… | %s |" % (i + 1, first, cells))
    tot = " | ".join("%d | %.3f" % (sum(r[i][0] for i in range(len(paras))),
                                    max(r[i][1] for i in range(len(paras)))) for r in runs)
    print("| all | %s |" % tot)


if __name__ == "__main__":
    main()
