#!/usr/bin/env python3
"""check-pdf-text.py REPORT.xlsx REPORT.pdf: the PDF a spreadsheet application made of the report
shows every header and a sample of values whole, so nothing is clipped.

The PDF's pages are told apart by the sheet name printed first in each page header. On a
sheet's pages:
  - every word of every table header is a word of the text (a header broken mid-word, such as
    "Weekda y", or cut, fails), or the header stands whole as a phrase;
  - in every text column, every word of its longest value and of its first is in the text (a
    value wraps between words, and the lines of cells side by side interleave): a value cut at
    its column's edge ("strength_tra") fails;
  - no "###", which is how a number or date too wide for its column is shown.
Exit status 1 on any failure. Needs python3-openpyxl and poppler-utils.
"""
import subprocess
import sys

import openpyxl
from openpyxl.utils.cell import range_boundaries


def pages(pdf):
    n = 0
    for line in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout.splitlines():
        if line.startswith("Pages:"):
            n = int(line.split()[1])
    for i in range(1, n + 1):
        yield subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), pdf, "-"],
                             capture_output=True, text=True, check=True).stdout


def main(xlsx, pdf):
    wb = openpyxl.load_workbook(xlsx)
    names = sorted(wb.sheetnames, key=len, reverse=True)  # "Import log" before a shorter match
    text = {}
    for page in pages(pdf):
        first = page.strip().splitlines()[0] if page.strip() else ""
        sheet = next((n for n in names if first.startswith(n)), None)
        if sheet is None:
            continue
        text[sheet] = text.get(sheet, "") + "\n" + page
    errors, headers, values = [], 0, 0
    for ws in wb.worksheets:
        ranges = [ws.tables[t].ref for t in ws.tables]
        if ws.auto_filter.ref:
            ranges.append(ws.auto_filter.ref)
        if not ranges:
            continue
        t = text.get(ws.title)
        if t is None:
            errors.append(f"{ws.title}: no page of the PDF")
            continue
        words, flat, joined = set(t.split()), " ".join(t.split()), "".join(t.split())
        if "###" in t:
            errors.append(f"{ws.title}: \"###\" in the PDF: a number or date wider than its column")
        for ref in ranges:
            c1, r1, c2, r2 = range_boundaries(ref)
            for c in range(c1, c2 + 1):
                head = " ".join(str(ws.cell(r1, c).value).split())
                headers += 1
                broken = [w for w in head.split() if w not in words]
                if broken and head not in flat:
                    errors.append(f"{ws.title}: header {head!r} not whole in the PDF (missing {broken})")
                column = [v for v in (ws.cell(r, c).value for r in range(r1 + 1, r2 + 1)) if isinstance(v, str) and v.strip()]
                for v in {column[0], max(column, key=len)} if column else ():
                    values += 1
                    # Word by word: the lines of wrapped cells side by side interleave in the text.
                    cut = [w for w in v.split() if w not in joined]
                    if cut:
                        errors.append(f"{ws.title}: {head!r} value {v!r} not whole in the PDF (missing {cut})")
    for e in errors[:40]:
        print("check-pdf-text:", e, file=sys.stderr)
    if errors:
        return 1
    print(f"check-pdf-text: ok: {headers} headers and {values} values whole in {pdf}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: check-pdf-text.py REPORT.xlsx REPORT.pdf", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
