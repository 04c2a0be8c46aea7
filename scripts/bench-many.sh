#!/usr/bin/env bash
# bench-many.sh [N...]: the tool on a folder of N tiny GPX files (one 2-point run each, a day
# apart, as hostilegen.TinyFiles writes them, in sub-folders of 10 000; the report covers the
# last 12 weeks), default 10000 50000 100000 200000: the files read (a run lists at most
# 100 000), the exit status, wall time, CPU and peak RSS on 2 CPUs, to show that CPU grows
# linearly with the number of files and memory by a few hundred bytes a file, up to the cap
# (README "Memory").
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 50000 100000 200000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/analyze" ./cmd/analyze
printf '| files | read | exit | wall s | CPU s | peak RSS MiB | CPU µs per file read |\n|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${counts[@]}"; do
	dir="$work/many-$n"
	mkdir -p "$dir"
	N=$n DIR=$dir /usr/bin/python3 - <<'PY'
import os, datetime
n, d = int(os.environ["N"]), os.environ["DIR"]
t0 = datetime.datetime(2000, 1, 1, 7, 0, 0)
for i in range(n):
    t = t0 + datetime.timedelta(days=i)
    a, b = t.strftime("%Y-%m-%dT%H:%M:%SZ"), (t + datetime.timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sub = f"{d}/{i // 10000:03d}"
    if i % 10000 == 0:
        os.makedirs(sub, exist_ok=True)
    with open(f"{sub}/{i:06d}.gpx", "w") as f:
        f.write(f'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
                f'<trkpt lat="51.5" lon="-0.1"><time>{a}</time></trkpt><trkpt lat="51.5001" lon="-0.1"><time>{b}</time></trkpt>'
                f'</trkseg></trk></gpx>\n')
PY
	out=$( { /usr/bin/time -f '%e %U %S %M %x' env GOMAXPROCS=2 "$work/analyze" -q -o "$work/r.xlsx" -json "$work/r.json" "$dir" 2>&1 >/dev/null || true; } | tail -n 1)
	read -r wall user sys rss code <<<"$out"
	read_files=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for i in d["inputs"] if i["status"] == "ok"))' "$work/r.json")
	awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$code" -v k="$read_files" \
		'BEGIN { printf "| %d | %d | %d | %.2f | %.2f | %.0f | %.0f |\n", n, k, c, w, u + s, r / 1024, (u + s) * 1e6 / k }'
	rm -rf "$dir"
done
