package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runload/analysis"
	"runload/ingest"
)

// The first real run (issue 9): a whole Garmin account export made of real files, with a
// symptom log as people keep it, and the command typed as people type it.

// firstRunDoc is the part of the JSON the first-run tests read.
type firstRunDoc struct {
	Period struct{ From, To string }
	Inputs []struct {
		Path, Kind, Status, Detail string
		Sessions                   int
	}
	Sessions []struct {
		Start, Date, Source string
	}
	Days []struct {
		Date string
		Pain *float64
	}
	Rejected []struct{ File, Cell, Reason string }
	Plan     []struct{ Rule string }
	LastWeek *weekFocus `json:"last_week"`
	ThisWeek *weekFocus `json:"this_week"`
}

type weekFocus struct {
	Week            string
	Days            int
	RunningMin      float64 `json:"running_min"`
	RunningSessions int     `json:"running_sessions"`
}

func readDoc(t *testing.T, path string) firstRunDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d firstRunDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// xlsxText is every XML part of a workbook, concatenated, for searching.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	x, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, rc)
		rc.Close()
	}
	return b.String()
}

// TestFirstRunAccountExport is the README's first example as a runner types it: the whole
// account export (years of history and a four-week block), a day-first CSV from Google
// Sheets, and the flags after the paths.
func TestFirstRunAccountExport(t *testing.T) {
	dir := t.TempDir()
	ex := accountExport(t, dir, true)
	log := writeFile(t, filepath.Join(dir, "symptoms.csv"), dayFirstCSV(blockFrom, blockTo))
	out, js := filepath.Join(dir, "week12.xlsx"), filepath.Join(dir, "week12.json")
	code, _, stderr := analyzeCmd(t, ex.zip, log, "-o", out, "-tz", "Europe/London", "-json", js)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	d := readDoc(t, js)

	// The period is the log's days, not the 19 years of the export.
	if d.Period.From != "2026-10-19" || d.Period.To != "2026-11-16" {
		t.Errorf("period %s to %s, want the log's 2026-10-19 to 2026-11-16", d.Period.From, d.Period.To)
	}
	if len(d.Days) != 29 {
		t.Errorf("%d days, want 29", len(d.Days))
	}
	logged := 0
	for _, day := range d.Days {
		if day.Pain != nil {
			logged++
		}
	}
	if logged != 29 {
		t.Errorf("%d of 29 mornings logged from the day-first CSV, want all", logged)
	}
	if !strings.Contains(stderr, "period 2026-10-19 to 2026-11-16 (the symptom log's days; ") ||
		!strings.Contains(stderr, fmt.Sprintf("earlier sessions used for look-back only (%d since %s)", ex.history, ex.first)) ||
		!strings.Contains(stderr, "-all for everything)") {
		t.Errorf("stderr does not say the period and why (%d earlier sessions since %s):\n%s", ex.history, ex.first, stderr)
	}
	if strings.Contains(stderr, "warning:") {
		t.Errorf("a clean first run warns:\n%s", stderr)
	}

	// Seventeen runs of the block, on their days; -tz after the paths was applied: 07:00 UTC
	// is 08:00 in London until the clocks go back on 2026-10-25.
	if len(d.Sessions) != len(ex.blockDays) {
		t.Errorf("%d sessions, want the block's %d", len(d.Sessions), len(ex.blockDays))
	}
	for i, s := range d.Sessions {
		if i < len(ex.blockDays) && s.Date != ex.blockDays[i].String() {
			t.Errorf("session %d on %s, want %s", i, s.Date, ex.blockDays[i])
		}
	}
	if len(d.Sessions) > 0 {
		if s := d.Sessions[0].Start; !strings.HasSuffix(s, "+01:00") || !strings.Contains(s, "T08:00") {
			t.Errorf("first run starts %s, want 08:0x+01:00 (London summer time)", s)
		}
		if s := d.Sessions[len(d.Sessions)-1].Start; !strings.HasSuffix(s, "Z") && !strings.HasSuffix(s, "+00:00") {
			t.Errorf("last run starts %s, want London winter time (+00:00)", s)
		}
	}

	// The Summary's weeks: the block ends on a Monday, so this week is 1 of 7 days (that
	// Monday's run) and the last complete week is 2026-W46, whose four runs are the four
	// block files in order (the 13th to 16th runs of the block).
	var w46 float64
	for _, f := range blockRuns {
		w46 += runMinutes(t, filepath.Join(realDir, f))
	}
	if lw := d.LastWeek; lw == nil || lw.Week != "2026-W46" || lw.Days != 7 || lw.RunningSessions != 4 || math.Abs(lw.RunningMin-w46) > 0.05 {
		t.Errorf("last week %+v, want 2026-W46, 7 days, 4 runs, %.1f min", lw, w46)
	}
	first := runMinutes(t, filepath.Join(realDir, blockRuns[0]))
	if tw := d.ThisWeek; tw == nil || tw.Week != "2026-W47" || tw.Days != 1 || tw.RunningSessions != 1 || math.Abs(tw.RunningMin-first) > 0.05 {
		t.Errorf("this week %+v, want 2026-W47, 1 of 7 days, 1 run, %.1f min", tw, first)
	}
	summary := xlsxText(t, out)
	for _, want := range []string{"Last complete week", "2026-W46, 9–15 Nov: ", "This week so far", "2026-W47, 1 of 7 days (16 Nov): "} {
		if !strings.Contains(summary, want) {
			t.Errorf("the workbook does not say %q", want)
		}
	}

	// The half-copied file is a duplicate of the run it is a part of, not a second session.
	found := false
	for _, in := range d.Inputs {
		if strings.HasSuffix(in.Path, ex.cut[strings.Index(ex.cut, "_"):]) {
			found = true
			if in.Status != "duplicate" || in.Sessions != 0 || !strings.Contains(in.Detail, "same activity as garmin-export.zip/") {
				t.Errorf("the cut copy: %s %q, want a duplicate naming the kept file", in.Status, in.Detail)
			}
		}
	}
	if !found {
		t.Errorf("the cut copy %s is not in the import log", ex.cut)
	}

	// Paths are relative to what was typed, and hold no e-mail address or folder of this machine.
	for _, in := range d.Inputs {
		if in.Kind != "symptoms" && in.Kind != "plan" && !strings.HasPrefix(in.Path, "garmin-export.zip/") {
			t.Errorf("input path %q does not start with the export's name", in.Path)
		}
	}
	jsonText, _ := os.ReadFile(js)
	for what, text := range map[string]string{"the JSON": string(jsonText), "the workbook": xlsxText(t, out)} {
		for _, leak := range []string{garminMail, "@example.com", dir, os.TempDir() + "/"} {
			if n := strings.Count(text, leak); n > 0 {
				t.Errorf("%s holds %q %d times", what, leak, n)
			}
		}
	}
}

// TestFirstRunDateOrders: a day-first CSV read with the wrong -date-order says so and names
// the right one; a column where every date could be either stops the run with exit 2.
func TestFirstRunDateOrders(t *testing.T) {
	dir := t.TempDir()
	ex := accountExport(t, dir, false)
	log := writeFile(t, filepath.Join(dir, "symptoms.csv"), dayFirstCSV(blockFrom, blockTo))
	out := filepath.Join(dir, "r.xlsx")

	code, _, stderr := analyzeCmd(t, "-q", "-date-order", "mdy", "-o", out, ex.zip, log)
	if code != exitOK {
		t.Fatalf("-date-order mdy: exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, "-date-order dmy") {
		t.Errorf("-date-order mdy on a day-first log does not warn and name dmy:\n%s", stderr)
	}

	// 1 to 12 November, written 01/11/2026 …: day-first or month-first, nobody can tell.
	ambiguous := writeFile(t, filepath.Join(dir, "symptoms-nov.csv"), dayFirstCSV(analysis.Day{Year: 2026, Month: 11, Day: 1}, analysis.Day{Year: 2026, Month: 11, Day: 12}))
	code, _, stderr = analyzeCmd(t, "-q", "-o", out, ex.zip, ambiguous)
	if code != exitUsage {
		t.Errorf("ambiguous dates: exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	for _, want := range []string{"01/11/2026", "-date-order dmy", "-date-order mdy"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("ambiguous dates: stderr does not show %q:\n%s", want, stderr)
		}
	}
	code, _, stderr = analyzeCmd(t, "-q", "-date-order", "dmy", "-o", out, ex.zip, ambiguous)
	if code != exitOK || strings.Contains(stderr, "warning:") {
		t.Errorf("ambiguous dates with -date-order dmy: exit %d; stderr:\n%s", code, stderr)
	}
}

// TestFirstRunLogMistakes: the symptom log a person names or forgets.
func TestFirstRunLogMistakes(t *testing.T) {
	dir := t.TempDir()
	ex := accountExport(t, dir, false)
	out, js := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.json")

	t.Run("mistyped log path", func(t *testing.T) {
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, ex.zip, filepath.Join(dir, "symptom.xlsx"))
		if code != exitUsage || !strings.Contains(stderr, "symptom.xlsx: no such file or folder") {
			t.Errorf("exit %d, want %d naming the file; stderr:\n%s", code, exitUsage, stderr)
		}
	})
	t.Run("a log with another name", func(t *testing.T) {
		diary := writeFile(t, filepath.Join(dir, "pain-diary.csv"), dayFirstCSV(blockFrom, blockTo))
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, "-json", js, ex.zip, diary)
		if code != exitOK || strings.Contains(stderr, "warning:") {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		d := readDoc(t, js)
		ok := false
		for _, in := range d.Inputs {
			ok = ok || (in.Path == "pain-diary.csv" && in.Kind == "symptoms" && in.Status == "ok")
		}
		if !ok || d.Period.From != blockFrom.String() {
			t.Errorf("pain-diary.csv was not read as the log: period %v", d.Period)
		}
	})
	t.Run("no log", func(t *testing.T) {
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, "-json", js, ex.zip)
		if code != exitOK || !strings.Contains(stderr, "warning: no symptom log") {
			t.Errorf("exit %d, want 0 and a warning; stderr:\n%s", code, stderr)
		}
		// Without a log: the 12 weeks up to the last session, 2026-11-16.
		if d := readDoc(t, js); d.Period.From != "2026-08-25" || d.Period.To != "2026-11-16" {
			t.Errorf("period %v, want 2026-08-25 to 2026-11-16", d.Period)
		}
		if !strings.Contains(stderr, "period 2026-08-25 to 2026-11-16 (no symptom log: the last 12 weeks up to the last session;") {
			t.Errorf("stderr does not say the period:\n%s", stderr)
		}
	})
	t.Run("the year typed wrong", func(t *testing.T) {
		lastYear := analysis.Day{Year: 2025, Month: blockFrom.Month, Day: blockFrom.Day}
		old := writeFile(t, filepath.Join(dir, "symptoms-2025.csv"), dayFirstCSV(lastYear, lastYear.AddDays(28)))
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, ex.zip, old)
		if code != exitOK || !strings.Contains(stderr, "warning: the symptom log's days (2025-10-19 to 2025-11-16) and the sessions' days do not overlap") {
			t.Errorf("exit %d, want 0 and a warning; stderr:\n%s", code, stderr)
		}
	})
	t.Run("one date far off", func(t *testing.T) {
		csv := dayFirstCSV(blockFrom, blockTo)
		csv = strings.Replace(csv, "05/11/2026", "05/11/2062", 1) // line 19
		far := writeFile(t, filepath.Join(dir, "symptoms-2062.csv"), csv)
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, "-json", js, ex.zip, far)
		if code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		d := readDoc(t, js)
		if d.Period.To != blockTo.String() {
			t.Errorf("period %v: a 2062 date stretched it", d.Period)
		}
		if len(d.Rejected) != 1 || !strings.Contains(d.Rejected[0].Cell, "19") || !strings.Contains(d.Rejected[0].Reason, "2062") {
			t.Errorf("rejected %+v, want line 19 with 2062", d.Rejected)
		}
	})
}

// TestFirstRunInitTemplate: the blank log of analyze init, used as written: its example rows
// are not a logged morning and its example plan is not applied; init makes its folder.
func TestFirstRunInitTemplate(t *testing.T) {
	dir := t.TempDir()
	ex := accountExport(t, dir, false)
	newDir := filepath.Join(dir, "runlog", "2026")
	code, stdout, stderr := analyzeCmd(t, "init", newDir)
	if code != exitOK || !strings.Contains(stdout, filepath.Join(newDir, "symptoms.xlsx")) {
		t.Fatalf("init %s: exit %d\n%s%s", newDir, code, stdout, stderr)
	}
	js := filepath.Join(dir, "r.json")
	code, _, stderr = analyzeCmd(t, "-q", "-o", filepath.Join(dir, "r.xlsx"), "-json", js, ex.zip, filepath.Join(newDir, "symptoms.xlsx"))
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	d := readDoc(t, js)
	for _, day := range d.Days {
		if day.Pain != nil {
			t.Errorf("%s: pain %v read from the template's example row", day.Date, *day.Pain)
		}
	}
	if len(d.Plan) != 0 {
		t.Errorf("the template's example plan was applied: %+v", d.Plan)
	}
	said := false
	for _, in := range d.Inputs {
		said = said || (in.Kind == "symptoms" && strings.Contains(in.Detail, "example"))
	}
	if !said {
		t.Errorf("the import log does not say the example rows were left out")
	}
}

// TestFirstRunStrictOnAnExport: -strict passes on a clean account export (its JSON files are
// not activities) and fails on one with damaged files, naming them.
func TestFirstRunStrictOnAnExport(t *testing.T) {
	dir := t.TempDir()
	clean := accountExport(t, dir, false)
	log := writeFile(t, filepath.Join(dir, "symptoms.csv"), dayFirstCSV(blockFrom, blockTo))
	out := filepath.Join(dir, "r.xlsx")
	if code, _, stderr := analyzeCmd(t, "-q", "-strict", "-o", out, clean.zip, log); code != exitOK {
		t.Errorf("clean export: exit %d, want 0; stderr:\n%s", code, stderr)
	}
	dirty := accountExport(t, t.TempDir(), true)
	code, _, stderr := analyzeCmd(t, "-q", "-strict", "-o", out, dirty.zip, log)
	if code != exitIncident || !strings.Contains(stderr, "warning: -strict: ") || !strings.Contains(stderr, "garmin-export.zip/DI_CONNECT/") {
		t.Errorf("damaged export: exit %d, want %d and the inputs named; stderr:\n%s", code, exitIncident, stderr)
	}
}

// TestFirstRunReadOnlyReport: a report file the user may not write is refused before
// anything is read, and left as it was.
func TestFirstRunReadOnlyReport(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	writeFile(t, out, "last week's report")
	if err := os.Chmod(out, 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := analyzeCmd(t, "-q", "-o", out, sampleDir)
	if code != exitFailed || !strings.Contains(stderr, "refusing to replace "+out+": it is read-only") {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "last week's report" {
		t.Errorf("the read-only report was replaced")
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("files left behind: %v", left)
	}
}

// TestFlagsAfterPaths: flags anywhere, and -- ends them.
func TestFlagsAfterPaths(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "week12.xlsx")
	code, _, stderr := analyzeCmd(t, sampleDir, "-q", "-o", out, "-tz", "Europe/London")
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("-o after the path was not used: %v", err)
	}
	if _, err := os.Stat("-o"); err == nil {
		t.Errorf("-o was taken as a file")
	}
	// After --, "-o" is a path, and it does not exist.
	code, _, stderr = analyzeCmd(t, "-q", "-o", out, sampleDir, "--", "-o")
	if code != exitUsage || !strings.Contains(stderr, "-o: no such file or folder") {
		t.Errorf("after --: exit %d; stderr:\n%s", code, stderr)
	}
	// A flag's value may be "--"-like only as a value: -tz needs a zone.
	code, _, _ = analyzeCmd(t, sampleDir, "-tz")
	if code != exitUsage {
		t.Errorf("-tz without a value: exit %d, want %d", code, exitUsage)
	}
}

// runMinutes is the moving time of the one session of a real FIT file, in minutes.
func runMinutes(t *testing.T, path string) float64 {
	t.Helper()
	b, err := ingest.Read(context.Background(), []string{path}, ingest.Options{Zone: time.UTC, TZForced: true, Workers: 1})
	if err != nil || len(b.Sessions) != 1 {
		t.Fatalf("%s: %d sessions, %v", path, len(b.Sessions), err)
	}
	return b.Sessions[0].Duration.Minutes()
}
