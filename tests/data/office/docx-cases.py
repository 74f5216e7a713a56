"""Word documents of the test forms, written by python-docx as a unit
types a form into Word: the title lines above the table as paragraphs, the
rest a table, a label and its value on a line with the value spanning the
row (w:gridSpan), a block's label in the first column spanning its rows
(w:vMerge).  Run by make.sh: python3 docx-cases.py OUTDIR CSV..."""
import csv
import os
import sys

from docx import Document

out = sys.argv[1]
for path in sys.argv[2:]:
    rows = list(csv.reader(open(path, encoding="utf-8-sig")))
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    # the title lines: one filled cell, in the first column, before the rest
    head = 0
    while head < len(rows) and sum(1 for c in rows[head] if c.strip()) == 1 and rows[head][0].strip():
        head += 1
    doc = Document()
    for r in rows[:head]:
        doc.add_paragraph(r[0])
    body = rows[head:]
    table = doc.add_table(rows=len(body), cols=width)
    for i, r in enumerate(body):
        for j, text in enumerate(r):
            if text:
                cell = table.cell(i, j)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for more in lines[1:]:
                    cell.add_paragraph(more)
    for i, r in enumerate(body):
        filled = [j for j, c in enumerate(r) if c.strip()]
        # label | value: the value spans the rest of the row
        if len(filled) == 2 and filled[0] == 0 and filled[1] == 1 and width > 2:
            table.cell(i, 1).merge(table.cell(i, width - 1))
    # a block's label in the first column over the rows below it whose first
    # cell is empty (and not spanned)
    i = 0
    while i < len(body):
        j = i + 1
        while j < len(body) and not body[j][0].strip() and any(c.strip() for c in body[j]):
            j += 1
        if body[i][0].strip() and j - 1 > i:
            table.cell(i, 0).merge(table.cell(j - 1, 0))
        i = max(j, i + 1)
    name = os.path.splitext(os.path.basename(path))[0]
    doc.save(f"{out}/{name}.docx")
