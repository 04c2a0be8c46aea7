#!/usr/bin/env bash
# fuzz-smoke.sh runs every fuzz target of the module for a short time, one after another, and
# fails when any of them finds a failing input (written to the package's testdata/fuzz/).
# The seed corpora already run in `go test ./...`; this adds a little fresh mutation in CI.
#
# Usage: scripts/fuzz-smoke.sh [EXECS]    (default 20000 executions per target)
#
# The budget is a count of executions, not a duration: with a duration, Go 1.26's fuzz
# coordinator can report "context deadline exceeded" as a failure at the end of the run, with no
# failing input (golang/go#75804, fixed in Go 1.27). A count never races a deadline.
#
# Minimization is off (-fuzzminimizetime 0): Go's minimizer spends up to a minute on every new
# interesting input of the file readers, which stalls a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-20000}x
failed=()
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		echo "== $pkg $target ($fuzztime)"
		if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 0 -parallel 1 "$pkg"; then
			failed+=("$pkg $target")
		fi
	done
done
if ((${#failed[@]} > 0)); then
	printf 'fuzz-smoke: failing target: %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz-smoke: every target ran $fuzztime without a failure"
