#!/usr/bin/env python3
"""check-xlsx.py REPORT.xlsx: a second reader (openpyxl) checks the report's tables.

In every Excel table and filtered range: date columns hold dates (datetime), numeric columns hold numbers (or
durations/times, which openpyxl reads as such from their number formats), and no cell holds a
number or an ISO date stored as text. Also: the sheets are in SPEC's order, the Summary is the
active sheet and every data sheet has its header frozen. Exit status 1 on any failure.
Needs python3-openpyxl (run it with /usr/bin/python3 on Debian).
"""
import datetime
import re
import sys

import openpyxl
from openpyxl.utils.cell import range_boundaries

SHEETS = ["Summary", "Sessions", "Daily", "Weekly", "Flags", "Plan", "Import log", "Method"]

# Columns by header: what their non-empty cells must be.
DATES = {"Date", "Start", "Monday", "Day", "From", "In force until"}
NUMBERS = {
    "Duration", "Distance (km)", "Pace (/km)", "Avg HR", "Max HR", "RPE", "TRIMP", "ACWR",
    "Pain next day", "Pain 48 h", "Running min", "Running km", "Other min", "Whole-body load",
    "Acute", "Chronic", "Pain", "Stiffness", "Swelling", "Pain next morning", "Breaches", "Spikes",
    "Change %", "Days in period", "Sessions", "Runs", "Rehab days", "Strength sessions", "Monotony", "Strain",
    "Mean pain", "Mean stiffness", "Limit min/week", "Limit km/week", "Limit", "Value", "Excess",
    "Excess %", "Load", "Baseline pain", "Pain +24 h", "Pain +48 h",
}
NUMBER_TYPES = (int, float, datetime.datetime, datetime.time, datetime.timedelta)
LOOKS_NUMERIC = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*%?\s*")
LOOKS_DATE = re.compile(r"\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\s*")


def expected(header):
    if header in DATES:
        return "date"
    if header in NUMBERS or header.startswith("Load ("):
        return "number"
    return None


def main(path):
    wb = openpyxl.load_workbook(path)  # not read-only: tables are only read in normal mode
    errors = []
    if wb.sheetnames != SHEETS:
        errors.append(f"sheets {wb.sheetnames}, want {SHEETS}")
    if wb.active is None or wb.active.title != "Summary":
        errors.append(f"active sheet {wb.active.title if wb.active else None}, want Summary")
    tables = cells = 0
    for ws in wb.worksheets:
        if ws.title != "Summary":
            if not ws.tables:
                errors.append(f"{ws.title}: no table")
            if ws.freeze_panes != "A2":
                errors.append(f"{ws.title}: header not frozen (freeze_panes {ws.freeze_panes})")
        ranges = [(name, tbl.ref if hasattr(tbl, "ref") else tbl) for name, tbl in ws.tables.items()]
        if ws.auto_filter.ref:  # a filtered range outside the tables (the paired table on Flags)
            ranges.append(("filter", ws.auto_filter.ref))
        for name, ref in ranges:
            tables += 1
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            headers = [ws.cell(min_row, c).value for c in range(min_col, max_col + 1)]
            if len(set(headers)) != len(headers) or not all(isinstance(h, str) for h in headers):
                errors.append(f"{ws.title}!{name}: headers not unique text: {headers}")
            for i, header in enumerate(headers):
                col = min_col + i
                want = expected(header)
                for row in range(min_row + 1, max_row + 1):
                    v = ws.cell(row, col).value
                    if v is None:
                        continue
                    cells += 1
                    where = f"{ws.title}!{ws.cell(row, col).coordinate} ({header})"
                    if want == "date" and not isinstance(v, datetime.datetime):
                        errors.append(f"{where}: {v!r} is {type(v).__name__}, want a date")
                    elif want == "number" and (isinstance(v, bool) or not isinstance(v, NUMBER_TYPES)):
                        errors.append(f"{where}: {v!r} is {type(v).__name__}, want a number")
                    elif isinstance(v, str) and (LOOKS_NUMERIC.fullmatch(v) or LOOKS_DATE.fullmatch(v)):
                        errors.append(f"{where}: {v!r} is a number or date stored as text")
    if tables == 0:
        errors.append("no tables at all")
    for e in errors[:50]:
        print("check-xlsx:", e, file=sys.stderr)
    if len(errors) > 50:
        print(f"check-xlsx: … and {len(errors) - 50} more", file=sys.stderr)
    if errors:
        return 1
    print(f"check-xlsx: ok: {path}: {tables} tables and filtered ranges, {cells} cells checked")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check-xlsx.py REPORT.xlsx", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
