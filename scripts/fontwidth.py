#!/usr/bin/env python3
"""fontwidth.py: writes report/fontwidth.go, the advance widths of DejaVu Sans (regular and
bold) in widths of its digit 0, from which the report sizes its columns.

LibreOffice, where the workbook's Calibri is missing, draws it in DejaVu Sans and counts a
column's width in that font's digits; DejaVu Sans is wider than Calibri in most glyphs, so a
column sized for it holds its text in both. Needs python3-pil and fonts-dejavu-core.
"""
import os
import sys

from PIL import ImageFont

DIR = "/usr/share/fonts/truetype/dejavu/"
EXTRAS = "×–—→…°±≥≤·λΣ’“”‘éèàüöäÅåøæß€£•½²³"


def main(out):
    reg = ImageFont.truetype(DIR + "DejaVuSans.ttf", 2048)
    bold = ImageFont.truetype(DIR + "DejaVuSans-Bold.ttf", 2048)
    digit = reg.getlength("0")
    w = lambda f, ch: round(f.getlength(ch) / digit, 3)
    lines = [
        "// Code generated from DejaVu Sans 2.37 (regular and bold) advance widths by PIL's ImageFont.getlength; DO NOT EDIT.",
        "// Regenerate with scripts/fontwidth.py.",
        "",
        "package report",
        "",
        "// asciiWidth and asciiBoldWidth are the advances of the runes ' ' (32) to '~' (126) in DejaVu",
        "// Sans, in widths of the regular digit 0: the column width unit of a spreadsheet whose default",
        "// font renders as DejaVu Sans (LibreOffice where Calibri is missing).",
    ]
    for name, f in (("asciiWidth", reg), ("asciiBoldWidth", bold)):
        vals = [w(f, chr(c)) for c in range(32, 127)]
        lines.append("var %s = [95]float64{" % name)
        for i in range(0, 95, 10):
            lines.append("\t" + ", ".join(repr(v) for v in vals[i:i + 10]) + ",")
        lines += ["}", ""]
    lines.append("// extraWidth holds the other runes the report writes, regular and bold, in the same unit.")
    lines.append("var extraWidth = map[rune][2]float64{")
    for ch in EXTRAS:
        lines.append("\t'%s': {%s, %s}," % (ch, w(reg, ch), w(bold, ch)))
    lines.append("}")
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "report", "fontwidth.go"))
