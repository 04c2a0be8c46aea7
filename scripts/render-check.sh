#!/usr/bin/env bash
# render-check.sh REPORT.xlsx OUTDIR [TEXT...]
#
# A real spreadsheet application opens the report: LibreOffice converts it to PDF with a
# throwaway profile, and the PDF's text must hold every sheet's name (printed in each page
# header), both chart titles (on page 1, the Summary) and each TEXT given; and every table
# header and a sample of values whole, nothing clipped (check-pdf-text.py). Writes
# OUTDIR/<name>.pdf, OUTDIR/<name>.txt, OUTDIR/summary.png (page 1 at $RENDER_DPI, default 100 dpi),
# OUTDIR/sessions.png, OUTDIR/daily.png and OUTDIR/weekly.png (the Sessions, Daily and Weekly
# sheets' first pages).
# Needs: libreoffice-calc, poppler-utils, fonts-dejavu-core, fonts-crosextra-carlito (Calibri's
# metrics: the scale Excel prints at), python3-openpyxl.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 REPORT.xlsx OUTDIR [TEXT...]" >&2
	exit 2
fi
report=$1 out=$2
shift 2
fail() { echo "render-check: $*" >&2; exit 1; }

[ -f "$report" ] || fail "$report: no such file"
for tool in libreoffice pdftotext pdftoppm pdfinfo; do
	command -v "$tool" >/dev/null || fail "$tool not found (apt-get install libreoffice-calc poppler-utils)"
done
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

name=$(basename "${report%.*}")
pdf=$out/$name.pdf
rm -f "$pdf"
# LibreOffice exits 0 even when it cannot load the file: the PDF's existence is the test.
if ! timeout 300 libreoffice -env:UserInstallation="file://$profile" --headless \
	--convert-to pdf --outdir "$out" "$report" >"$out/libreoffice.log" 2>&1; then
	cat "$out/libreoffice.log" >&2
	fail "libreoffice failed"
fi
[ -s "$pdf" ] || { cat "$out/libreoffice.log" >&2; fail "LibreOffice wrote no PDF for $report"; }

# Text with every run of white space made one space, so phrases broken across lines match.
flat() { tr -s ' \n\f\t' '    ' | tr -s ' '; }
pdftotext "$pdf" "$out/$name.txt"
all=$(flat <"$out/$name.txt")
page1=$(pdftotext -f 1 -l 1 "$pdf" - | flat)

missing=0
for want in Summary Sessions Daily Weekly Flags Plan "Import log" Method "$@"; do
	if ! grep -qF -- "$want" <<<"$all"; then
		echo "render-check: not in the PDF: $want" >&2
		missing=1
	fi
done
for want in "Daily load and next-day pain" "Weekly running minutes vs limit"; do
	if ! grep -qF -- "$want" <<<"$page1"; then
		echo "render-check: chart title not on the Summary page: $want" >&2
		missing=1
	fi
done

# Nothing clipped: every header and a sample of values whole on their sheet's pages.
if ! /usr/bin/python3 "$(dirname "$0")/check-pdf-text.py" "$report" "$pdf"; then
	missing=1
fi

pdftoppm -png -r "${RENDER_DPI:-100}" -f 1 -l 1 -singlefile "$pdf" "$out/summary"
[ -s "$out/summary.png" ] || fail "no summary.png"
# The first page of the Sessions, Daily and Weekly sheets (its name heads the page): data sheets
# as printed.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
for sheet in Sessions Daily Weekly; do
	png=$out/$(tr '[:upper:]' '[:lower:]' <<<"$sheet")
	rm -f "$png.png"
	for ((p = 2; p <= pages; p++)); do
		if [ "$(pdftotext -f "$p" -l "$p" "$pdf" - | awk 'NR == 1')" = "$sheet" ]; then
			pdftoppm -png -r "${RENDER_DPI:-100}" -f "$p" -l "$p" -singlefile "$pdf" "$png"
			break
		fi
	done
	[ -s "$png.png" ] || fail "no $sheet page for $png.png"
done
[ "$missing" = 0 ] || fail "$pdf is missing text (see above)"
echo "render-check: ok: $pdf ($pages pages), Summary page at $out/summary.png, Sessions at $out/sessions.png, Daily at $out/daily.png, Weekly at $out/weekly.png"
