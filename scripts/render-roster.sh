#!/usr/bin/env bash
# render-roster.sh ROSTER.xlsx OUTDIR [TEXT...]
#
# LibreOffice converts analyze clinic's roster.xlsx to PDF with a throwaway profile: the Roster
# sheet must print on one page (page 1 is the roster, page 2 the Method sheet), and page 1 must
# hold each TEXT given (the as-of line, runner names). Writes OUTDIR/roster.pdf and
# OUTDIR/roster.png (page 1 at $RENDER_DPI, default 100 dpi).
# Needs: libreoffice-calc, poppler-utils, fonts-dejavu-core.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 ROSTER.xlsx OUTDIR [TEXT...]" >&2
	exit 2
fi
roster=$1 out=$2
shift 2
fail() { echo "render-roster: $*" >&2; exit 1; }

[ -f "$roster" ] || fail "$roster: no such file"
for tool in libreoffice pdftotext pdftoppm; do
	command -v "$tool" >/dev/null || fail "$tool not found (apt-get install libreoffice-calc poppler-utils)"
done
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
name=$(basename "${roster%.*}")
pdf=$out/$name.pdf
rm -f "$pdf"
if ! timeout 300 libreoffice -env:UserInstallation="file://$profile" --headless \
	--convert-to pdf --outdir "$out" "$roster" >"$out/libreoffice.log" 2>&1; then
	cat "$out/libreoffice.log" >&2
	fail "libreoffice failed"
fi
[ -s "$pdf" ] || { cat "$out/libreoffice.log" >&2; fail "LibreOffice wrote no PDF for $roster"; }

flat() { tr -s ' \n\f\t' '    ' | tr -s ' '; }
page1=$(pdftotext -f 1 -l 1 "$pdf" - | flat)
page2=$(pdftotext -f 2 -l 2 "$pdf" - | flat)
missing=0
for want in Roster "$@"; do
	if ! grep -qF -- "$want" <<<"$page1"; then
		echo "render-roster: not on page 1: $want" >&2
		missing=1
	fi
done
grep -qF "Method" <<<"$page2" || { echo "render-roster: page 2 is not the Method sheet: the roster takes more than one page" >&2; missing=1; }
pdftoppm -png -r "${RENDER_DPI:-100}" -f 1 -l 1 -singlefile "$pdf" "$out/$name"
[ "$missing" = 0 ] || fail "$pdf: see above"
echo "render-roster: ok: $pdf, the roster on one page ($out/$name.png)"
