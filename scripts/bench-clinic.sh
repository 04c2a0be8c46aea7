#!/bin/sh
# Issue 13's clinic measurements: caseloads of 10, 50 and 200 runners of one year each,
# analyze clinic against the same runners run one by one; prints the machine, then the table.
# Usage: scripts/bench-clinic.sh [-clinic 10,50,200] [-workers 2] [-runs 1] [-corpora 5] [-dir DIR] [-keep]
# Later flags win: scripts/bench-clinic.sh -clinic 10,50 measures two sizes.
cd "$(dirname "$0")/.." && echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//'), $(go version); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" && exec go run ./cmd/analyze-bench -clinic 10,50,200 -workers 2 -runs 1 "$@"
