#!/bin/sh
# Issue 5's side-by-side measurements: prints the machine, then the bench table.
# Usage: scripts/bench.sh [-years 1,5] [-workers 1,2] [-runs 5] [-before REV] [-dir DIR] [-keep]
cd "$(dirname "$0")/.." && echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//'), $(go version)" && exec go run ./cmd/analyze-bench "$@"
