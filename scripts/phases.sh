#!/usr/bin/env bash
# phases.sh [YEARS]: where the whole job's CPU goes, by phase, on the bench corpus of YEARS
# (1 or 5, default 5; scripts/bench.sh's seed 1, wrapped as a Garmin account export). It
# profiles BenchmarkWholeJob (three runs) and prints each phase's share of the CPU samples
# (README "Performance"). The phases nest as the tool runs them: a file is unpacked, then
# decoded; "ingest, other" is the rest of reading files (walk, zip headers, duplicate hashes).
set -euo pipefail
cd "$(dirname "$0")/.."
years=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test ./cmd/analyze -run '^$' -bench "WholeJob/${years}y\$" -benchtime 3x \
	-cpuprofile "$work/cpu.out" -o "$work/analyze.test" >"$work/bench.txt"
grep -m1 'WholeJob' "$work/bench.txt"
go tool pprof -top -cum -nodecount=1000000 "$work/analyze.test" "$work/cpu.out" 2>/dev/null >"$work/top.txt"
/usr/bin/python3 - "$work/top.txt" <<'PY'
import re, sys
total, cum = None, {}
for line in open(sys.argv[1]):
    m = re.search(r"Total samples = ([\d.]+)(m?s)", line)
    if m:
        total = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
        continue
    f = line.split()
    if len(f) >= 6 and re.match(r"[\d.]+m?s$", f[3]):
        v = float(f[3].rstrip("ms")) / (1000 if f[3].endswith("ms") else 1)
        cum[" ".join(f[5:])] = max(v, cum.get(" ".join(f[5:]), 0))
def c(*names): return sum(cum.get(n, 0) for n in names)
ingest = c("runload/ingest.reader.decodeOne")
inflate = c("github.com/klauspost/compress/flate.(*decompressor).Read")
fit = c("runload/internal/fitfast.(*Decoder).Decode")
crc = c("runload/internal/fitcrc.Update")
muk = c("github.com/muktihari/fit/decoder.(*Decoder).Decode")
gpx = c("runload/ingest.decodeGPX")
tcx = c("runload/ingest.decodeTCX")
report = c("runload/report.WriteXLSX")
js = c("runload/report.WriteJSON")
analysis = c("runload/analysis.Analyze")
gc = c("runtime.gcBgMarkWorker")
rows = [
    ("unpack (zip and gzip inflate, klauspost/compress)", inflate),
    ("FIT, fast path (internal/fitfast, CRC included)", fit),
    ("  of which the FIT CRC", crc),
    ("FIT, muktihari/fit (files the fast path hands over)", muk),
    ("GPX", gpx),
    ("TCX", tcx),
    ("ingest, other (walk, zip headers, duplicates, logs)", ingest - inflate - fit - muk - gpx - tcx),
    ("analysis", analysis),
    ("report workbook", report),
    ("report JSON", js),
    ("garbage collector (background)", gc),
]
print(f"CPU samples: {total:.2f} s over the runs (and the benchmark's own setup)")
print("| phase | CPU s | share |\n|---|---:|---:|")
for name, v in rows:
    print(f"| {name} | {v:.2f} | {100 * v / total:.1f} % |")
PY
