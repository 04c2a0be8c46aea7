package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"runload/analysis"
	"runload/report"
)

const clinicUsageText = `Usage:
  analyze clinic [flags] DIR

A physio's caseload: each folder directly inside DIR is one runner, named after the folder,
holding that runner's watch exports and symptom log (with its Plan sheet), found as a single
run finds them. Writes, in the -o folder (default reports, created if missing):
  <runner>.xlsx   each runner's report: exactly what 'analyze -o <runner>.xlsx DIR/<runner>'
                  writes with the same flags
  roster.xlsx     one row per runner, red, amber, green, then no data, highest pain first,
                  with a link to each report
The flags apply to every runner; a runner's Plan applies to that runner only. "As of" is the
latest day with data across the caseload (or -to), never today, so a rerun gives the same bytes.
Exit status: 0 written; 1 no runner usable, or a report could not be written; 2 usage;
3 with -strict when any runner failed it (or had no data).

Examples:
  analyze clinic ~/Caseload
  analyze clinic -o ~/Reports/week12 -json roster.json -tz Europe/London ~/Caseload

Flags:
`

// rosterName is the roster's file name in the output folder.
const rosterName = "roster.xlsx"

// clinicMaxParallel bounds the runners analysed at once whatever the cores: each holds one
// file at a time, its Result and the workbook being written. Two at a time, a year of daily
// activities each, peak at 36 MiB against 33–35 MiB for one single run (scripts/bench-clinic.sh,
// README "Performance"); 8 bound a many-core machine's memory to a few times that.
const clinicMaxParallel = 8

// clinicPaths checks the command line of analyze clinic: one caseload folder, and no
// -symptoms (each runner's log is in its folder).
func clinicPaths(o options) error {
	if o.symptoms != "" {
		return usagef("-symptoms names one runner's log: in a caseload each runner's symptom log is found in its folder")
	}
	switch len(o.paths) {
	case 0:
		return usagef("no DIR given: name the caseload folder, which holds one folder per runner")
	case 1:
	default:
		return usagef("clinic takes one folder, the caseload, got %d: %s", len(o.paths), strings.Join(o.paths, " "))
	}
	fi, err := os.Stat(o.paths[0])
	switch {
	case errors.Is(err, os.ErrNotExist):
		return usagef("%s: no such folder", o.paths[0])
	case err != nil:
		return usagef("%s: %v", o.paths[0], unwrapPath(err))
	case !fi.IsDir():
		return usagef("%s is a file: name the caseload folder, which holds one folder per runner (for one runner's files, run analyze without clinic)", o.paths[0])
	}
	return nil
}

// clinicOutputs checks -o and -json of analyze clinic: -o is a folder (or will be), not
// inside a runner's folder, where the reports would be read back as that runner's files.
func clinicOutputs(o options) error {
	if o.out == "" {
		return usagef("-o needs a folder name")
	}
	if fi, err := os.Stat(o.out); err == nil && !fi.IsDir() {
		return usagef("-o %s is a file: name a folder for the reports", o.out)
	}
	outTop, _ := underCaseload(o.paths[0], o.out)
	if runner, ok := underCaseload(o.paths[0], filepath.Dir(o.out)); ok {
		return usagef("-o %s is inside the runner folder %s: the reports would be read as that runner's files; choose a folder outside it", o.out, runner)
	}
	if o.jsonOut == "" || o.jsonOut == "-" {
		return nil
	}
	if filepath.Clean(o.jsonOut) == filepath.Join(o.out, rosterName) {
		return usagef("-json %s is the roster itself: choose another name, e.g. roster.json", o.jsonOut)
	}
	if runner, ok := underCaseload(o.paths[0], filepath.Dir(o.jsonOut)); ok && runner != outTop {
		return usagef("-json %s is inside the runner folder %s: it would be read as that runner's file; choose a place outside it", o.jsonOut, runner)
	}
	return nil
}

// underCaseload returns the entry of the caseload folder dir that path is, or is inside
// ("Ann" for DIR/Ann/reports), and false when path is dir itself or outside it.
func underCaseload(dir, path string) (string, bool) {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(d, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return strings.Split(rel, string(filepath.Separator))[0], true
}

// runner is one runner folder of a caseload.
type runner struct {
	name string // the folder's name: the runner's name in the roster
	path string // DIR/name
}

// caseload lists the runner folders directly inside dir, in name order, and the entries
// that are not runners, for the roster's Import log: files and hidden folders. The output
// folder, when inside dir, is not a runner; with -o dir, the workbooks beside the runner
// folders are this tool's own and are left out.
func caseload(dir, out string) ([]runner, []report.RosterLogLine, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the caseload folder %s: %w", dir, unwrapPath(err))
	}
	outInfo, outErr := os.Stat(out)
	var runners []runner
	var skipped []report.RosterLogLine
	names := map[string]string{} // lower case → the folder's name, for names that differ only in case
	for _, e := range entries {
		name, path := e.Name(), filepath.Join(dir, e.Name())
		fi, err := os.Stat(path) // a link to a runner's folder is that folder
		switch {
		case err != nil:
			skipped = append(skipped, report.RosterLogLine{Path: name, Status: "error", Detail: fmt.Sprintf("cannot read %s: %v", name, unwrapPath(err))})
		case outErr == nil && os.SameFile(fi, outInfo):
			// the output folder inside the caseload folder: the reports, not a runner
		case !fi.IsDir():
			if filepath.Clean(dir) == filepath.Clean(out) && strings.EqualFold(filepath.Ext(name), ".xlsx") {
				continue // this run's own outputs, written beside the runner folders (-o DIR)
			}
			skipped = append(skipped, report.RosterLogLine{Path: name, Status: "skipped",
				Detail: "a file, not a runner folder: each runner's files go in a folder of their own"})
		case strings.HasPrefix(name, "."):
			skipped = append(skipped, report.RosterLogLine{Path: name, Status: "skipped", Detail: "a hidden folder, not a runner"})
		default:
			key := strings.ToLower(name)
			if other, ok := names[key]; ok {
				return nil, nil, usagef("the runner folders %s and %s differ only in case: their reports would be one file on some systems; rename one", other, name)
			}
			if key+".xlsx" == rosterName {
				return nil, nil, usagef("a runner folder named %s would be written over %s: rename the folder", name, rosterName)
			}
			names[key] = name
			runners = append(runners, runner{name: name, path: path})
		}
	}
	return runners, skipped, nil
}

// runnerOutcome is what the clinic keeps of one runner once its report is written: its roster
// facts, not its Result, so that memory stays flat in the number of runners.
type runnerOutcome struct {
	facts     analysis.RunnerFacts
	noData    analysis.Opt[analysis.RosterRow] // the row of a runner with nothing usable
	report    string                           // the workbook written, relative to -o; "" when none
	writeErr  error                            // the workbook could not be written
	incidents int                              // what -strict fails on: inputs partial or unreadable, rows rejected
	warn      warnings
	lines     []report.RosterLogLine
	err       error // cancelled
}

// maxLogLines bounds a runner's lines on the roster's Import log; its workbook lists them all.
const maxLogLines = 20

// analyzeRunner runs the single run's pipeline on one runner's folder, writes its report
// and keeps its roster facts. workers is the files it decodes at once.
func analyzeRunner(ctx context.Context, o options, rn runner, workers int) runnerOutcome {
	ro := o
	ro.paths = []string{rn.path}
	ro.out = filepath.Join(o.out, rn.name+".xlsx")
	ro.jsonOut, ro.quiet = "", true
	ro.ingest.Workers = workers
	one, err := analyzeOne(ctx, ro, nil, nil)
	var oc runnerOutcome
	if ctx.Err() != nil {
		oc.err = ctx.Err()
		return oc
	}
	oc.incidents = one.sum.incidents()
	if err != nil {
		// Nothing usable: why is all there is to say; the warnings (no symptom log, and
		// where to name one) are about a report that is not written.
		why := err.Error()
		var ue *usageError
		if errors.As(err, &ue) {
			why = cmp.Or(ue.inCaseload, ue.msg)
		} else if errors.Is(err, errNothing) {
			why = strings.TrimPrefix(why, errNothing.Error()+": ")
		}
		oc.noData = analysis.Some(analysis.NoDataRow(rn.name, why, one.log))
		oc.lines = append([]report.RosterLogLine{{Runner: rn.name, Path: rn.name, Status: "no data", Detail: why}},
			problemLines(rn.name, one.log, nil)...)
		return oc
	}
	oc.warn = one.warn
	oc.lines = problemLines(rn.name, one.log, one.warn)
	oc.facts = analysis.Facts(rn.name, one.res, one.log)
	err = checkOutput("-o", ro.out)
	if err == nil {
		err = refuseInput(ro.out, one.inputs)
	}
	if err == nil {
		err = writeAtomic(ro.out, func(w io.Writer) error { return report.WriteXLSX(w, one.res, one.log, one.meta) })
	}
	if err != nil {
		oc.writeErr = err
		oc.lines = append(oc.lines, report.RosterLogLine{Runner: rn.name, Path: rn.name + ".xlsx", Status: "error", Detail: err.Error()})
		return oc
	}
	oc.report = rn.name + ".xlsx"
	return oc
}

// problemLines are a runner's lines on the roster's Import log: inputs partial or unreadable,
// rows rejected and warnings, at most maxLogLines, then where the rest are.
func problemLines(name string, log analysis.ImportLog, warn warnings) []report.RosterLogLine {
	var lines []report.RosterLogLine
	n := 0
	add := func(l report.RosterLogLine) {
		if n++; len(lines) < maxLogLines {
			lines = append(lines, l)
		}
	}
	for _, w := range warn {
		add(report.RosterLogLine{Runner: name, Status: "warning", Detail: w})
	}
	for _, in := range log.Inputs {
		if in.Status == analysis.StatusPartial || in.Status == analysis.StatusError {
			add(report.RosterLogLine{Runner: name, Path: in.Path, Status: string(in.Status), Detail: in.Detail})
		}
	}
	for _, rj := range log.Rejected {
		add(report.RosterLogLine{Runner: name, Path: rj.File + ": " + rj.Cell, Status: "rejected", Detail: rj.Reason})
	}
	if n > len(lines) {
		lines = append(lines, report.RosterLogLine{Runner: name, Status: "warning",
			Detail: fmt.Sprintf("and %d more: see the Import log sheet of %s.xlsx", n-len(lines), name)})
	}
	return lines
}

// runClinic is analyze clinic: every runner's report, then the roster (SPEC "Clinic").
func runClinic(ctx context.Context, o options, stdout, stderr io.Writer) error {
	dir := o.paths[0]
	runners, skipped, err := caseload(dir, o.out)
	if err != nil {
		return usageAfter(stderr, err)
	}
	if len(runners) == 0 {
		return fmt.Errorf("%w: %s holds no runner folders: a caseload is one folder per runner (for one runner's files, run analyze %s)",
			errNothing, dir, dir)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %v", o.out, unwrapPath(err))
	}
	rosterPath := filepath.Join(o.out, rosterName)
	if err := checkOutput("-o", rosterPath); err != nil {
		return err
	}
	if o.jsonOut != "" && o.jsonOut != "-" {
		if err := checkOutput("-json", o.jsonOut); err != nil {
			return err
		}
	}

	// Runners in parallel, each decoding its files one at a time (a runner is a small job:
	// parallel runners keep every core busy without one runner's files competing).
	cores := runtime.GOMAXPROCS(0)
	parallel := min(cores, len(runners), clinicMaxParallel)
	workers := max(1, cores/parallel)
	bar := newProgress(stderr, o.quiet)
	bar.desc = "runners"
	var mu sync.Mutex
	done := 0
	outcomes := make([]runnerOutcome, len(runners)) // outcomes[i] belongs to runners[i]
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel)
	for i, rn := range runners {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			outcomes[i] = analyzeRunner(gctx, o, rn, workers)
			if outcomes[i].err != nil {
				return outcomes[i].err
			}
			mu.Lock()
			done++
			bar.update(done, len(runners))
			mu.Unlock()
			return nil
		})
	}
	err = g.Wait()
	bar.finish()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeRoster(o, runners, outcomes, skipped, stdout, stderr)
}

// writeRoster makes the roster from the runners' outcomes, writes it and its JSON, prints the
// closing line and the warnings, and returns the run's error, if any.
func writeRoster(o options, runners []runner, outcomes []runnerOutcome, skipped []report.RosterLogLine, stdout, stderr io.Writer) error {
	var facts []analysis.RunnerFacts
	for _, oc := range outcomes {
		if !oc.noData.OK {
			facts = append(facts, oc.facts)
		}
	}
	asOf, ok := analysis.CaseloadAsOf(facts, o.cfg.To)
	if len(facts) == 0 || !ok {
		for i, oc := range outcomes {
			fmt.Fprintf(stderr, "warning: %s: no data: %s\n", runners[i].name, oc.noData.V.Reasons[0])
		}
		return fmt.Errorf("%w: no runner in %s has data to analyse; no roster written", errNothing, o.paths[0])
	}
	why := "the latest day with data across the caseload"
	if o.cfg.To.OK {
		why = "-to"
	}
	ro := report.Roster{AsOf: asOf, AsOfWhy: why, Meta: report.Meta{Version: toolVersion(), TZ: zoneRule(o.ingest)}}
	reports := map[string]string{}
	var rows []analysis.RosterRow
	for i, oc := range outcomes {
		if oc.noData.OK {
			rows = append(rows, oc.noData.V)
		} else {
			rows = append(rows, oc.facts.Row(asOf))
		}
		reports[runners[i].name] = oc.report
		ro.Log = append(ro.Log, oc.lines...)
	}
	ro.Log = append(ro.Log, skipped...)
	analysis.SortRoster(rows)
	for _, r := range rows {
		ro.Runners = append(ro.Runners, report.RosterRunner{RosterRow: r, Report: reports[r.Runner]})
	}

	rosterPath := filepath.Join(o.out, rosterName)
	if err := writeAtomic(rosterPath, func(w io.Writer) error { return report.WriteRoster(w, ro) }); err != nil {
		return err
	}
	if err := writeJSONOut(o.jsonOut, stdout, nil, func(w io.Writer) error { return report.WriteRosterJSON(w, ro) }); err != nil {
		return err
	}

	levels := map[analysis.StatusLevel]int{}
	for _, r := range rows {
		levels[r.Level]++
	}
	written := 0
	var writeErrs []string
	var strict []string
	for i, oc := range outcomes {
		name := runners[i].name
		if oc.report != "" {
			written++
		}
		if oc.writeErr != nil {
			writeErrs = append(writeErrs, oc.writeErr.Error())
		}
		if oc.noData.OK {
			strict = append(strict, name+" (no data)")
		} else if oc.incidents > 0 {
			strict = append(strict, fmt.Sprintf("%s (%s)", name, plural(oc.incidents, "input or row", "inputs or rows")))
		}
	}
	fmt.Fprintf(stderr, "clinic: %s: %d red, %d amber, %d green, %d no data -> %s and %s in %s\n",
		plural(len(runners), "runner", "runners"), levels[analysis.LevelRed], levels[analysis.LevelAmber],
		levels[analysis.LevelGreen], levels[analysis.LevelNoData], rosterName, plural(written, "report", "reports"), o.out)
	fmt.Fprintf(stderr, "as of %s (%s)\n", asOf, why)
	for i, oc := range outcomes {
		name := runners[i].name
		if oc.noData.OK {
			fmt.Fprintf(stderr, "warning: %s: no data: %s\n", name, oc.noData.V.Reasons[0])
		}
		for _, w := range oc.warn {
			fmt.Fprintf(stderr, "warning: %s: %s\n", name, w)
		}
	}
	if o.strict && len(strict) > 0 {
		fmt.Fprintf(stderr, "warning: -strict: %s failed it: %s; each report's Import log sheet says why\n",
			plural(len(strict), "runner", "runners"), strings.Join(strict, ", "))
	}
	switch {
	case len(writeErrs) > 0:
		return fmt.Errorf("%s could not be written: %s", plural(len(writeErrs), "report", "reports"), strings.Join(writeErrs, "; "))
	case o.strict && len(strict) > 0:
		return errStrict
	}
	return nil
}
