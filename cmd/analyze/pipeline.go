package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"runload/analysis"
	"runload/ingest"
	"runload/report"
)

// analyze is the main job: ingest → analysis → report, then the closing line, the period
// and the warnings a person must see before sending the report.
func analyze(ctx context.Context, o options, stdout, stderr io.Writer) error {
	// Outputs are checked before anything is read: a report that cannot be written is
	// better said at once than after a minute of reading.
	if err := checkOutput("-o", o.out); err != nil {
		return err
	}
	if o.jsonOut != "" && o.jsonOut != "-" {
		if err := checkOutput("-json", o.jsonOut); err != nil {
			return err
		}
	}
	bar := newProgress(stderr, o.quiet)
	one, err := analyzeOne(ctx, o, bar.update, bar.finish)
	switch {
	case errors.Is(err, errNothing):
		fmt.Fprintln(stderr, one.sum.line(""))
		one.warn.print(stderr)
		// No report, but the import log still says what became of every file (-json).
		failure := func(w io.Writer) error { return report.WriteFailureJSON(w, err.Error(), one.log) }
		if err := writeJSONOut(o.jsonOut, stdout, one.inputs, failure); err != nil {
			return err
		}
		return err
	case errors.Is(err, errUsage):
		return usageAfter(stderr, err)
	case err != nil:
		return err
	}

	if err := refuseInput(o.out, one.inputs); err != nil {
		return err
	}
	if err := writeAtomic(o.out, func(w io.Writer) error { return report.WriteXLSX(w, one.res, one.log, one.meta) }); err != nil {
		return err
	}
	if err := writeJSONOut(o.jsonOut, stdout, one.inputs, func(w io.Writer) error { return report.WriteJSON(w, one.res, one.log) }); err != nil {
		return err
	}
	fmt.Fprintln(stderr, one.sum.line(o.out))
	fmt.Fprintln(stderr, one.periodLine)
	if o.strict {
		one.warn.strict(one.log)
	}
	one.warn.print(stderr)
	if o.strict && one.sum.incidents() > 0 {
		return errStrict
	}
	return nil
}

// analysed is one run's analysis, made without writing or printing anything: what the
// report, the JSON, the closing line and the warnings are made from.
type analysed struct {
	res        analysis.Result
	log        analysis.ImportLog
	meta       report.Meta
	sum        counts   // the closing line's figures
	periodLine string   // the line after it: the period and why
	warn       warnings // what a person must see before sending the report
	inputs     []string // the files on disk that were read, so that no output lands on one
}

// analyzeOne reads o.paths and analyses them: ingest → analysis, the single run's pipeline
// (the clinic runs it once per runner). progress, when not nil, is called as files are read,
// and done once reading is over. When nothing is usable it returns the import log, the
// figures and the warnings with an error wrapping errNothing; a problem the user must fix
// (two symptom logs, dates that could be either order) is a usage error, not printed.
func analyzeOne(ctx context.Context, o options, progress func(done, total int), done func()) (analysed, error) {
	var a analysed
	watch, named := splitLogs(o.paths)
	o.ingest.Progress = progress
	o.ingest.Outputs = []string{o.out}
	if o.jsonOut != "" && o.jsonOut != "-" {
		o.ingest.Outputs = append(o.ingest.Outputs, o.jsonOut)
	}
	batch, err := ingest.Read(ctx, watch, o.ingest)
	if done != nil {
		done()
	}
	if err != nil {
		return a, err
	}
	a.log = analysis.ImportLog{Inputs: batch.Inputs}

	sym, err := chooseLog(o, named, batch.SymptomFiles)
	if err != nil {
		return a, err
	}
	for _, f := range batch.SymptomFiles {
		if sym.Path != "" && !sameFile(f.Path, sym.Path) {
			a.log.Inputs = append(a.log.Inputs, analysis.Input{Path: f.Name, Kind: analysis.KindSymptoms,
				Status: analysis.StatusSkipped, Detail: "not used: the symptom log is " + sym.Name})
		}
	}

	if sym.Path == "" {
		a.warn.add("no symptom log was found, so the report has no symptoms and matches no pain to load: " +
			"name the log on the command line (symptoms.xlsx or .csv), or start one with 'analyze init'")
	}
	var plan ingest.LogFile // none: the log workbook's Plan sheet is the plan
	if o.plan != "" {
		plan = ingest.LogFile{Path: o.plan, Name: ingest.DisplayRoot(o.plan)}
	}
	lr, err := ingest.ReadLogs(sym, plan, o.ingest)
	var amb *ingest.AmbiguousDatesError
	if errors.As(err, &amb) {
		// Guessing would move days to the wrong month: the runner must say which.
		return a, usagef("%s", amb.Error())
	}
	if err != nil {
		return a, err
	}
	entries := lr.Entries
	a.log.Inputs = append(a.log.Inputs, lr.Inputs...)
	for _, e := range lr.Rejected {
		a.log.Rejected = append(a.log.Rejected, e.Rejected())
	}
	a.log.Notes = append(a.log.Notes, lr.Notes...)
	for _, w := range lr.Warnings {
		a.warn.add(w)
	}

	a.sum = summarize(a.log)
	a.inputs = inputFiles(o, sym.Path, batch.Clashes)
	period, ok := analysis.ChoosePeriod(batch.Sessions, entries, o.cfg, o.all)
	if !ok {
		if len(batch.Sessions) == 0 && len(entries) == 0 {
			roots := make([]string, len(o.paths))
			for i, p := range o.paths {
				roots[i] = ingest.DisplayRoot(p)
			}
			return a, fmt.Errorf("%w: no sessions and no symptom entries were read from %s", errNothing, strings.Join(roots, ", "))
		}
		return a, fmt.Errorf("%w: no session and no symptom entry falls inside %s", errNothing, periodWords(o.cfg))
	}
	a.warn.overlap(period)
	cfg := o.cfg
	cfg.From, cfg.To = analysis.Some(period.From), analysis.Some(period.To)
	a.res = analysis.Analyze(batch.Sessions, entries, lr.Plan, cfg)
	// The sessions' heart-rate histograms (804 bytes each) went into TRIMP and no sheet or key
	// shows them: let them go before the report is written (1.5 MB for five years).
	batch.Sessions = nil
	for i := range a.res.Sessions {
		a.res.Sessions[i].HR = nil
	}
	var why string
	a.periodLine, why = describePeriod(period, sym.Path != "")
	a.meta = report.Meta{Version: toolVersion(), TZ: zoneRule(o.ingest), Period: why}
	return a, nil
}

// logExts are the spreadsheet files that, named on the command line, are the symptom log
// whatever their name (SPEC "Command line"); the formats ingest refuses are listed so that
// the refusal says "save it as .xlsx" rather than "not a watch file".
var logExts = []string{".xlsx", ".csv", ".ods", ".xls", ".numbers", ".xlsm"}

// splitLogs separates the spreadsheet files named on the command line from the watch paths.
func splitLogs(paths []string) (watch, logs []string) {
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && slices.Contains(logExts, strings.ToLower(filepath.Ext(p))) {
			logs = append(logs, p)
			continue
		}
		watch = append(watch, p)
	}
	return watch, logs
}

// chooseLog picks the symptom log: -symptoms, else the one spreadsheet named on the command
// line, else the one symptom*.xlsx/.csv found in the folders. Two candidates are a usage
// error that names them.
func chooseLog(o options, named []string, found []ingest.LogFile) (ingest.LogFile, error) {
	if o.plan != "" && !fileExists(o.plan) {
		return ingest.LogFile{}, usagef("-plan %s: no such file", o.plan)
	}
	named = slices.DeleteFunc(slices.Clone(named), func(n string) bool { return o.plan != "" && sameFile(n, o.plan) })
	switch {
	case o.symptoms != "":
		if !fileExists(o.symptoms) {
			return ingest.LogFile{}, usagef("-symptoms %s: no such file", o.symptoms)
		}
		for _, n := range named {
			if !sameFile(n, o.symptoms) {
				return ingest.LogFile{}, usagef("%s is a spreadsheet named on the command line, but -symptoms names %s: leave one out, or give it as -plan", n, o.symptoms)
			}
		}
		return ingest.LogFile{Path: o.symptoms, Name: ingest.DisplayRoot(o.symptoms)}, nil
	case len(named) == 1:
		return ingest.LogFile{Path: named[0], Name: ingest.DisplayRoot(named[0])}, nil
	case len(named) > 1:
		return ingest.LogFile{}, usagef("%d spreadsheets named on the command line (%s): give the symptom log with -symptoms FILE and the plan with -plan FILE",
			len(named), strings.Join(named, ", "))
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		names := make([]string, len(found))
		for i, f := range found {
			names[i] = f.Name
		}
		list := strings.Join(names, ", ")
		return ingest.LogFile{}, &usageError{msg: fmt.Sprintf("found %d symptom logs (%s): choose one with -symptoms FILE", len(found), list),
			inCaseload: fmt.Sprintf("found %d symptom logs (%s): keep one in the runner's folder, or rename the others so that their names do not start with \"symptom\"", len(found), list)}
	}
	return ingest.LogFile{}, nil
}

// zoneRule says how calendar days were chosen, for the Method sheet.
func zoneRule(o ingest.Options) string {
	if o.TZForced {
		return o.ZoneName
	}
	return "the watch's own offset in FIT files, else " + o.ZoneName
}

// periodWords says which period -from and -to asked for.
func periodWords(c analysis.Config) string {
	switch {
	case c.From.OK && c.To.OK:
		return fmt.Sprintf("the period %s to %s", c.From.V, c.To.V)
	case c.From.OK:
		return fmt.Sprintf("the period from %s", c.From.V)
	case c.To.OK:
		return fmt.Sprintf("the period up to %s", c.To.V)
	}
	return "the period"
}

// sameFile reports whether a and b name the same file on disk.
func sameFile(a, b string) bool {
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// usageAfter prints a usage error found after the flags were parsed.
func usageAfter(stderr io.Writer, err error) error {
	printUsageError(stderr, err)
	return err
}

// counts are the figures of the closing line.
type counts struct {
	files, sessions, duplicates, skipped, partial, errors, rejected int
}

func summarize(log analysis.ImportLog) counts {
	c := counts{files: len(log.Inputs), rejected: len(log.Rejected)}
	for _, in := range log.Inputs {
		c.sessions += in.Sessions
		switch in.Status {
		case analysis.StatusDuplicate:
			c.duplicates++
		case analysis.StatusSkipped:
			c.skipped++
		case analysis.StatusPartial:
			c.partial++
		case analysis.StatusError:
			c.errors++
		}
	}
	return c
}

// incidents counts what -strict fails on: files that were partial or could not be read, and
// rejected rows. Skipped files (settings, an export's JSON, photos) are not activities.
func (c counts) incidents() int { return c.partial + c.errors + c.rejected }

// line is the closing line of SPEC: "read 412 files: 398 sessions, 9 duplicates, 3 skipped, 2 errors -> report.xlsx".
func (c counts) line(out string) string {
	parts := []string{plural(c.sessions, "session", "sessions"), plural(c.duplicates, "duplicate", "duplicates"),
		plural(c.skipped, "skipped", "skipped")}
	if c.partial > 0 {
		parts = append(parts, plural(c.partial, "partial", "partial"))
	}
	parts = append(parts, plural(c.errors, "error", "errors"))
	if c.rejected > 0 {
		parts = append(parts, plural(c.rejected, "row rejected", "rows rejected"))
	}
	s := fmt.Sprintf("read %s: %s", plural(c.files, "file", "files"), strings.Join(parts, ", "))
	if out != "" {
		s += " -> " + out
	} else {
		s += " -> no report"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// inputFiles lists the files on disk that were read and that an output might land on: the
// PATHs, the logs, and the files listed under the PATHs that are one of the outputs (clashes).
func inputFiles(o options, symPath string, clashes []string) []string {
	files := append([]string{}, o.paths...)
	if symPath != "" {
		files = append(files, symPath)
	}
	if o.plan != "" {
		files = append(files, o.plan)
	}
	return append(files, clashes...)
}

// progress draws a bar on stderr while files are read, only when stderr is a terminal.
type progress struct {
	w    io.Writer
	on   bool
	desc string // what it counts: "reading" files, "runners"
	bar  *progressbar.ProgressBar
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	return &progress{w: stderr, on: !quiet && ok && term.IsTerminal(int(f.Fd())), desc: "reading"}
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.desc), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30))
	}
	_ = p.bar.Set(done) // drawing errors on a terminal are not worth failing the run for
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// writeJSONOut writes the JSON document that write makes to the -json target: nowhere when
// it is "", stdout when "-", else the file (atomically, never over one of inputs).
func writeJSONOut(target string, stdout io.Writer, inputs []string, write func(io.Writer) error) error {
	switch target {
	case "":
		return nil
	case "-":
		if err := write(stdout); err != nil {
			return fmt.Errorf("writing JSON to stdout: %w", err)
		}
		return nil
	}
	if err := refuseInput(target, inputs); err != nil {
		return err
	}
	return writeAtomic(target, write)
}
