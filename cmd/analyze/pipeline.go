package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"runload/analysis"
	"runload/ingest"
	"runload/report"
)

// analyze is the main job: ingest → analysis → report, then the closing line.
func analyze(ctx context.Context, o options, stdout, stderr io.Writer) error {
	bar := newProgress(stderr, o.quiet)
	o.ingest.Progress = bar.update
	batch, err := ingest.Read(ctx, o.paths, o.ingest)
	bar.finish()
	if err != nil {
		return err
	}
	log := analysis.ImportLog{Inputs: batch.Inputs}

	symPath := o.symptoms
	if symPath == "" {
		switch len(batch.SymptomFiles) {
		case 0:
		case 1:
			symPath = batch.SymptomFiles[0]
		default:
			return usageAfter(stderr, usagef("found %d symptom logs (%s): choose one with -symptoms FILE",
				len(batch.SymptomFiles), strings.Join(batch.SymptomFiles, ", ")))
		}
	} else if !fileExists(symPath) {
		return usageAfter(stderr, usagef("-symptoms %s: no such file", symPath))
	}
	for _, f := range batch.SymptomFiles {
		if f != symPath && !sameFile(f, symPath) {
			log.Inputs = append(log.Inputs, analysis.Input{Path: f, Kind: analysis.KindSymptoms,
				Status: analysis.StatusSkipped, Detail: "not used: -symptoms names " + symPath})
		}
	}
	if o.plan != "" && !fileExists(o.plan) {
		return usageAfter(stderr, usagef("-plan %s: no such file", o.plan))
	}

	var (
		entries []analysis.SymptomEntry
		plan    analysis.Plan
	)
	if symPath != "" {
		lr, err := ingest.ReadSymptoms(symPath, o.ingest)
		if err != nil {
			log.Inputs = append(log.Inputs, analysis.Input{Path: symPath, Kind: analysis.KindSymptoms,
				Status: analysis.StatusError, Detail: err.Error()})
			if !o.quiet {
				fmt.Fprintf(stderr, "analyze: %v (the report is made without symptoms)\n", err)
			}
		} else {
			entries = lr.Entries
			log.Notes = append(log.Notes, lr.Notes...)
			for _, in := range lr.Inputs {
				if in.Kind == analysis.KindPlan && o.plan != "" {
					// -plan wins over the workbook's own Plan sheet: say so, and do not count
					// the rows of a sheet that was not used as rejected.
					in.Status, in.Detail, in.Sessions = analysis.StatusSkipped, "not used: -plan names "+o.plan, 0
				}
				log.Inputs = append(log.Inputs, in)
			}
			for _, rj := range lr.Rejected {
				if o.plan != "" && strings.HasPrefix(rj.Cell, "Plan!") {
					continue
				}
				log.Rejected = append(log.Rejected, rj)
			}
			if lr.HasPlan && o.plan == "" {
				plan = lr.Plan
			}
		}
	}
	if o.plan != "" {
		lr, err := ingest.ReadPlan(o.plan, o.ingest)
		if err != nil {
			log.Inputs = append(log.Inputs, analysis.Input{Path: o.plan, Kind: analysis.KindPlan,
				Status: analysis.StatusError, Detail: err.Error()})
			if !o.quiet {
				fmt.Fprintf(stderr, "analyze: %v (the report is made without a plan)\n", err)
			}
		} else {
			plan = lr.Plan
			log.Inputs = append(log.Inputs, lr.Inputs...)
			log.Rejected = append(log.Rejected, lr.Rejected...)
			log.Notes = append(log.Notes, lr.Notes...)
		}
	}

	res := analysis.Analyze(batch.Sessions, entries, plan, o.cfg)
	sessions := len(batch.Sessions)
	// The sessions' heart-rate histograms (804 bytes each) went into TRIMP and no sheet or key
	// shows them: let them go before the report is written (1.5 MB for five years).
	batch.Sessions = nil
	for i := range res.Sessions {
		res.Sessions[i].HR = nil
	}
	sum := summarize(log)
	if sessions == 0 && len(entries) == 0 {
		fmt.Fprintln(stderr, sum.line(""))
		return fmt.Errorf("%w: no sessions and no symptom entries were read from %s", errNothing, strings.Join(o.paths, ", "))
	}
	if len(res.Days) == 0 {
		fmt.Fprintln(stderr, sum.line(""))
		return fmt.Errorf("%w: no session and no symptom entry falls inside %s", errNothing, periodWords(o.cfg))
	}

	inputs := inputFiles(o, symPath, log)
	if err := refuseInput(o.out, inputs); err != nil {
		return err
	}
	meta := report.Meta{Version: toolVersion(), TZ: zoneRule(o.ingest)}
	if err := writeAtomic(o.out, func(w io.Writer) error { return report.WriteXLSX(w, res, log, meta) }); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	switch o.jsonOut {
	case "":
	case "-":
		if err := report.WriteJSON(stdout, res, log); err != nil {
			return fmt.Errorf("writing JSON to stdout: %w", err)
		}
	default:
		if err := refuseInput(o.jsonOut, inputs); err != nil {
			return err
		}
		if err := writeAtomic(o.jsonOut, func(w io.Writer) error { return report.WriteJSON(w, res, log) }); err != nil {
			return fmt.Errorf("writing JSON: %w", err)
		}
	}
	fmt.Fprintln(stderr, sum.line(o.out))
	if o.strict && sum.incidents() > 0 {
		return errStrict
	}
	return nil
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

func (c counts) incidents() int { return c.skipped + c.partial + c.errors + c.rejected }

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

// inputFiles lists the files on disk that were read, so that no output lands on one of them.
func inputFiles(o options, symPath string, log analysis.ImportLog) []string {
	files := append([]string{}, o.paths...)
	if symPath != "" {
		files = append(files, symPath)
	}
	if o.plan != "" {
		files = append(files, o.plan)
	}
	for _, in := range log.Inputs {
		if in.Kind != analysis.KindOther {
			files = append(files, in.Path)
		}
	}
	return files
}

// refuseInput returns an error when out is one of the inputs, by name or through another
// path to the same file (a link, a different spelling): the report never overwrites an input.
func refuseInput(out string, inputs []string) error {
	oi, err := os.Stat(out)
	if err != nil {
		return nil // a new file cannot be an input
	}
	for _, in := range inputs {
		ii, err := os.Stat(in)
		if err == nil && os.SameFile(oi, ii) {
			return fmt.Errorf("refusing to write %s: it is the input %s; choose another name with -o or -json", out, in)
		}
	}
	return nil
}

// writeAtomic writes path through a temporary file in the same folder and a rename, so that
// a failure (full disk, read-only folder, a crash) never leaves a partial file behind.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder; name a file", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// progress draws a bar on stderr while files are read, only when stderr is a terminal.
type progress struct {
	w   io.Writer
	on  bool
	bar *progressbar.ProgressBar
}

func newProgress(stderr io.Writer, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	return &progress{w: stderr, on: !quiet && ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("reading"), progressbar.OptionShowCount(),
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
