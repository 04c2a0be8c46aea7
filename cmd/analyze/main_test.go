package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from current output")

// golden compares got with name.golden (under testdata/ unless name is absolute);
// -update rewrites the file (review the diff).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := name + ".golden"
	if !filepath.IsAbs(name) {
		path = filepath.Join("testdata", path)
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs (-want +got); if intended, rerun with -update and review the diff:\n%s", path, d)
	}
}

// analyzeCmd runs the command as main would, returning its exit code and outputs.
func analyzeCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return exitCode(err), out.String(), errb.String() + errString(err)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return "\nanalyze: " + err.Error()
}

const sampleDir = "../../sample-data"

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no path", nil, "no PATH given"},
		{"unknown flag", []string{"-nope", dir}, "flag provided but not defined: -nope"},
		{"bad zone", []string{"-tz", "Mars/Olympus", dir}, `-tz "Mars/Olympus" is not an IANA time zone`},
		{"bad from", []string{"-from", "2026-13-01", dir}, `-from: "2026-13-01" is not a YYYY-MM-DD date`},
		{"from after to", []string{"-from", "2026-05-02", "-to", "2026-05-01", dir}, "-from 2026-05-02 is after -to 2026-05-01"},
		{"bad load", []string{"-load", "watts", dir}, `-load "watts": use minutes, km, trimp or srpe`},
		{"hr max out of range", []string{"-hr-max", "300", dir}, "-hr-max 300 is not a maximum heart rate"},
		{"hr rest above max", []string{"-hr-max", "110", "-hr-rest", "115", dir}, "-hr-rest 115 must be below -hr-max 110"},
		{"bad date order", []string{"-date-order", "dym", dir}, `-date-order "dym": use auto, ymd, dmy or mdy`},
		{"bad default sport", []string{"-default-sport", "chess", dir}, `-default-sport "chess"`},
		{"report not xlsx", []string{"-o", "report.pdf", dir}, "name it .xlsx"},
		{"missing symptoms file", []string{"-symptoms", filepath.Join(dir, "nope.xlsx"), dir}, "nope.xlsx: no such file"},
		{"init two folders", []string{"init", dir, dir}, "init takes one folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := analyzeCmd(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, stderr)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, _, stderr := analyzeCmd(t, "-h")
	if code != exitOK || !strings.Contains(stderr, "Examples:") || !strings.Contains(stderr, "-hr-max") {
		t.Errorf("-h: exit %d, want 0 with examples and flags; stderr:\n%s", code, stderr)
	}
	code, stdout, _ := analyzeCmd(t, "-version")
	if code != exitOK || !strings.HasPrefix(stdout, "analyze ") {
		t.Errorf("-version: exit %d, stdout %q", code, stdout)
	}
}

func TestNothingUsable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.xlsx")
	code, _, stderr := analyzeCmd(t, "-o", out, dir)
	if code != exitFailed {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	if !strings.Contains(stderr, "read 1 file: 0 sessions, 0 duplicates, 1 skipped, 0 errors -> no report") {
		t.Errorf("closing line missing:\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written although nothing was usable", out)
	}
}

func TestInitWritesTemplateOnce(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := analyzeCmd(t, "init", dir)
	if code != exitOK {
		t.Fatalf("init: exit %d; stderr:\n%s", code, stderr)
	}
	path := filepath.Join(dir, "symptoms.xlsx")
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("init wrote no file (stdout %q): %v", stdout, err)
	}
	code, _, stderr = analyzeCmd(t, "init", dir)
	if code != exitFailed || !strings.Contains(stderr, "already exists: not overwriting it") {
		t.Errorf("second init: exit %d, want %d and a refusal; stderr:\n%s", code, exitFailed, stderr)
	}
	again, _ := os.ReadFile(path)
	if !bytes.Equal(first, again) {
		t.Error("second init changed the existing file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("init left %d files in %s, want only symptoms.xlsx", len(entries), dir)
	}
}

func needSample(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sampleDir, "symptoms.xlsx")); err != nil {
		t.Skipf("sample-data not generated yet: %v", err)
	}
}

// TestSampleGolden runs the README's first command on sample-data, from the repository root
// as a newcomer would, and pins its JSON. The report must be byte-identical from one run to
// the next (SPEC: no "now" inside).
func TestSampleGolden(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	goldenDir := filepath.Join(wd, "testdata")
	var reports [][]byte
	for i := range 2 {
		out := filepath.Join(dir, "report.xlsx")
		js := filepath.Join(dir, "report.json")
		// -tz keeps the golden file the same on every machine: GPX times are UTC instants,
		// placed in the machine's zone without it.
		code, _, stderr := analyzeCmd(t, "-q", "-tz", "Europe/London", "-o", out, "-json", js, "sample-data")
		if code != exitOK {
			t.Fatalf("run %d: exit %d; stderr:\n%s", i, code, stderr)
		}
		if !strings.Contains(stderr, "-> "+out) {
			t.Errorf("no closing line in stderr:\n%s", stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, b)
		j, err := os.ReadFile(js)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(j) {
			t.Fatal("report.json is not valid JSON")
		}
		if i == 0 {
			golden(t, filepath.Join(goldenDir, "sample.json"), j)
		}
	}
	if !bytes.Equal(reports[0], reports[1]) {
		t.Error("two runs on the same inputs gave different report.xlsx bytes")
	}
}

func TestJSONToStdout(t *testing.T) {
	needSample(t)
	out := filepath.Join(t.TempDir(), "r.xlsx")
	code, stdout, stderr := analyzeCmd(t, "-q", "-o", out, "-json", "-", sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var doc struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.Version != 1 {
		t.Errorf("stdout is not the JSON document (version %d, err %v)", doc.Version, err)
	}
}

// TestNeverOverwritesAnInput points -o at the symptom log, by name and through a link.
func TestNeverOverwritesAnInput(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "symptoms.xlsx")
	orig, err := os.ReadFile(filepath.Join(sampleDir, "symptoms.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(log, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(log, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{log, link} {
		code, _, stderr := analyzeCmd(t, "-q", "-o", out, "-symptoms", log, sampleDir)
		if code != exitFailed || !strings.Contains(stderr, "refusing to write") {
			t.Errorf("-o %s: exit %d, want %d and a refusal; stderr:\n%s", out, code, exitFailed, stderr)
		}
		if got, _ := os.ReadFile(log); !bytes.Equal(got, orig) {
			t.Fatalf("-o %s changed the symptom log", out)
		}
	}

	// A file found in a folder given as PATH, whatever its kind, by name and through a
	// hard link: as -o and as -json.
	watch := filepath.Join(dir, "watch")
	entries, err := os.ReadDir(filepath.Join(sampleDir, "watch"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("sample watch files: %v", err)
	}
	run := filepath.Join(watch, entries[0].Name())
	note := filepath.Join(watch, "last-report.xlsx")
	hard := filepath.Join(dir, "hard.xlsx")
	data, err := os.ReadFile(filepath.Join(sampleDir, "watch", entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(watch, 0o755); err != nil {
		t.Fatal(err)
	}
	for f, b := range map[string][]byte{run: data, note: orig} {
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Link(note, hard); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-o", note}, {"-o", hard}, {"-o", filepath.Join(dir, "r.xlsx"), "-json", run}} {
		code, _, stderr := analyzeCmd(t, append([]string{"-q"}, append(args, watch)...)...)
		if code != exitFailed || !strings.Contains(stderr, "refusing to write") {
			t.Errorf("%v: exit %d, want %d and a refusal; stderr:\n%s", args, code, exitFailed, stderr)
		}
	}
	if got, _ := os.ReadFile(note); !bytes.Equal(got, orig) {
		t.Error("a file in the folder read was written over")
	}
	if got, _ := os.ReadFile(run); !bytes.Equal(got, data) {
		t.Error("a watch file read was written over")
	}
}

func TestUnwritableOutput(t *testing.T) {
	needSample(t)
	dir := filepath.Join(t.TempDir(), "no-such-folder")
	out := filepath.Join(dir, "report.xlsx")
	code, _, stderr := analyzeCmd(t, "-q", "-o", out, sampleDir)
	want := "\nanalyze: cannot write " + out + ": the folder " + dir + " does not exist; create it, or choose another -o"
	if code != exitFailed || stderr != want || strings.Contains(stderr, ".tmp") {
		t.Errorf("exit %d, want %d with a clear message; stderr:\n%s", code, exitFailed, stderr)
	}
}

// TestStrictCountsDamageNotOtherFiles: -strict exits 3 for a file that could not be read,
// and not for a file that is no activity at all (a photo in the export folder).
func TestStrictCountsDamageNotOtherFiles(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "holiday.jpg")
	if err := os.WriteFile(junk, []byte("\xff\xd8\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.fit")
	if err := os.WriteFile(broken, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.xlsx")
	code, _, stderr := analyzeCmd(t, "-q", "-strict", "-o", out, sampleDir, junk)
	if code != exitOK || strings.Contains(stderr, "-strict") {
		t.Errorf("a photo: exit %d, want 0 under -strict; stderr:\n%s", code, stderr)
	}
	code, _, stderr = analyzeCmd(t, "-q", "-strict", "-o", out, sampleDir, junk, broken)
	if code != exitIncident {
		t.Errorf("an empty FIT file: exit %d, want %d; stderr:\n%s", code, exitIncident, stderr)
	}
	if want := "warning: -strict: 1 input failed it: broken.fit (error: broken.fit is empty (0 bytes)"; !strings.Contains(stderr, want) {
		t.Errorf("stderr does not name the input that failed -strict (%q):\n%s", want, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("-strict must still write the report: %v", err)
	}
	code, _, stderr = analyzeCmd(t, "-q", "-o", out, sampleDir, junk, broken)
	if code != exitOK {
		t.Errorf("without -strict: exit %d, want 0; stderr:\n%s", code, stderr)
	}
}

func TestPeriodWithoutData(t *testing.T) {
	needSample(t)
	out := filepath.Join(t.TempDir(), "r.xlsx")
	code, _, stderr := analyzeCmd(t, "-q", "-from", "2030-01-01", "-o", out, sampleDir)
	if code != exitFailed || !strings.Contains(stderr, "no session and no symptom entry falls inside the period from 2030-01-01") {
		t.Errorf("exit %d, want %d and the reason; stderr:\n%s", code, exitFailed, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written for an empty period", out)
	}
}

// TestUnusedInputsAreLogged: a second symptom workbook found among the PATHs, and the Plan
// sheet of the log when -plan names another plan, appear in the import log as not used.
func TestUnusedInputsAreLogged(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	log, err := os.ReadFile(filepath.Join(sampleDir, "symptoms.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"symptoms.xlsx", "symptoms-old.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, name), log, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plan := filepath.Join(dir, "plan.csv")
	if err := os.WriteFile(plan, []byte("From,Rule,Value\n2026-08-31,max_session_minutes,45\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, "r.json")
	code, _, stderr := analyzeCmd(t, "-q", "-symptoms", filepath.Join(dir, "symptoms.xlsx"), "-plan", plan,
		"-o", filepath.Join(dir, "r.xlsx"), "-json", js, filepath.Join(sampleDir, "watch"), dir)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var doc struct {
		Inputs []struct{ Path, Kind, Status, Detail string }
		Plan   []struct{ Rule string }
	}
	b, _ := os.ReadFile(js)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	// Paths are shown from the PATH's (or the file's) base name on.
	want := map[string]string{
		filepath.Base(dir) + "/symptoms-old.xlsx": "skipped: not used: the symptom log is symptoms.xlsx",
		"symptoms.xlsx (Plan sheet)":              "skipped: not used: -plan names plan.csv",
	}
	for _, in := range doc.Inputs {
		if w, ok := want[in.Path]; ok {
			if got := in.Status + ": " + in.Detail; got != w {
				t.Errorf("%s: %q, want %q", in.Path, got, w)
			}
			delete(want, in.Path)
		}
	}
	for p := range want {
		t.Errorf("%s is missing from the import log", p)
	}
	if len(doc.Plan) != 1 || doc.Plan[0].Rule != "max_session_minutes" {
		t.Errorf("plan %+v, want the one rule of plan.csv", doc.Plan)
	}
}

// TestPlanFlagSkipsPlanSheet: with -plan, the log workbook's own Plan sheet is not read,
// even when it is named "plan" in lower case and holds a bad row: nothing of it is rejected
// (so -strict passes), and the import log lists it as not used.
func TestPlanFlagSkipsPlanSheet(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Symptoms"))
	must(f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	must(f.SetSheetRow("Symptoms", "A2", &[]any{"2026-09-01", 1}))
	_, err := f.NewSheet("plan")
	must(err)
	must(f.SetSheetRow("plan", "A1", &[]any{"From", "Rule", "Value"}))
	must(f.SetSheetRow("plan", "A2", &[]any{"2026-08-31", "max_weekly_km", "far"}))
	sym := filepath.Join(dir, "symptoms.xlsx")
	must(f.SaveAs(sym))
	plan := filepath.Join(dir, "plan.csv")
	must(os.WriteFile(plan, []byte("From,Rule,Value\n2026-08-31,max_session_minutes,45\n"), 0o644))

	js := filepath.Join(dir, "r.json")
	code, _, stderr := analyzeCmd(t, "-q", "-strict", "-symptoms", sym, "-plan", plan,
		"-o", filepath.Join(dir, "r.xlsx"), "-json", js, filepath.Join(sampleDir, "watch"))
	if code != exitOK {
		t.Fatalf("exit %d, want %d: the unused sheet's bad row must not count for -strict; stderr:\n%s", code, exitOK, stderr)
	}
	var doc struct {
		Inputs   []struct{ Path, Status, Detail string }
		Rejected []struct{ File, Cell, Reason string }
	}
	b, _ := os.ReadFile(js)
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Rejected) != 0 {
		t.Errorf("rejected %+v, want none: the plan sheet was not used", doc.Rejected)
	}
	found := false
	for _, in := range doc.Inputs {
		if in.Path == "symptoms.xlsx (Plan sheet)" {
			found = true
			if got, want := in.Status+": "+in.Detail, "skipped: not used: -plan names plan.csv"; got != want {
				t.Errorf("%s: %q, want %q", in.Path, got, want)
			}
		}
	}
	if !found {
		t.Errorf("the plan sheet is missing from the import log: %+v", doc.Inputs)
	}
}

// TestDateOrderEndToEnd: with the default -date-order auto, a log whose text dates could
// all be day-first or month-first stops the run (exit 2) naming a date and both flags;
// a -date-order the dates contradict is a warning naming the other order.
func TestDateOrderEndToEnd(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	watch := filepath.Join(sampleDir, "watch")
	out := filepath.Join(dir, "r.xlsx")
	ambiguous := filepath.Join(dir, "symptoms-nov.csv")
	if err := os.WriteFile(ambiguous, []byte("Date,Pain\n01/11/2026,1\n02/11/2026,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := analyzeCmd(t, "-q", "-o", out, watch, ambiguous)
	want := `analyze: symptoms-nov.csv: line 2, Date "01/11/2026": every text date in the Date column could be day-first or month-first; ` +
		"give -date-order dmy (day first) or -date-order mdy (month first)\nRun 'analyze -h' for usage."
	if code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("ambiguous dates: exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a report was written for a log whose dates could not be read")
	}
	code, _, stderr = analyzeCmd(t, "-q", "-date-order", "dmy", "-o", out, watch, ambiguous)
	if code != exitOK || strings.Contains(stderr, "warning") {
		t.Errorf("-date-order dmy: exit %d, want 0 and no warning; stderr:\n%s", code, stderr)
	}

	dayFirst := filepath.Join(dir, "symptoms.csv")
	if err := os.WriteFile(dayFirst, []byte("Date,Pain\n19/10/2026,1\n20/10/2026,2\n03/11/2026,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = analyzeCmd(t, "-q", "-date-order", "mdy", "-o", out, watch, dayFirst)
	want = `warning: -date-order mdy rejects 2 of 3 rows of symptoms.csv (first: line 2, Date: "19/10/2026" is not a valid date in the order mdy) ` +
		"and may have moved others to the wrong month; the dates look day-first: give -date-order dmy\n"
	if code != exitOK || !strings.Contains(stderr, want) {
		t.Errorf("-date-order mdy on day-first dates: exit %d; stderr:\n%s\nwant it to say:\n%s", code, stderr, want)
	}
}

// TestNotesOnlyLogWarns: a symptom log whose only row has a date and a note logs no morning
// (analysis.SymptomEntry.Logged: any symptom cell), so the run says the log has nothing yet.
func TestNotesOnlyLogWarns(t *testing.T) {
	needSample(t)
	dir := t.TempDir()
	sym := filepath.Join(dir, "symptoms.csv")
	if err := os.WriteFile(sym, []byte("Date,Pain,Notes\n2026-09-01,,rest day\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := analyzeCmd(t, "-q", "-symptoms", sym, "-o", filepath.Join(dir, "r.xlsx"), filepath.Join(sampleDir, "watch"))
	if code != exitOK || !strings.Contains(stderr, "has no logged morning yet") {
		t.Errorf("exit %d, want %d and the no-logged-morning warning; stderr:\n%s", code, exitOK, stderr)
	}
}

// TestNothingUsableStillWritesTheImportLog: when no file is usable there is no report
// (exit 1), but -json still says what became of every file, and why.
func TestNothingUsableStillWritesTheImportLog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "export")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"empty.fit": "", "photo.jpg": "\xff\xd8\xff", "notes.gpx": "see you at the bridge"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, js := filepath.Join(t.TempDir(), "r.xlsx"), filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := analyzeCmd(t, "-q", "-o", out, "-json", js, dir)
	if code != exitFailed {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written with nothing usable")
	}
	var doc struct {
		Version int
		Error   string
		Inputs  []struct{ Path, Kind, Status, Detail string }
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatalf("no JSON written: %v", err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Error != "nothing usable: no sessions and no symptom entries were read from export" {
		t.Errorf("version %d, error %q", doc.Version, doc.Error)
	}
	want := []string{
		"export/empty.fit fit error export/empty.fit is empty (0 bytes): the export or copy did not finish; export it again",
		"export/notes.gpx gpx error export/notes.gpx: not a GPX file: text, not XML",
		"export/photo.jpg other skipped not a FIT, GPX or TCX file",
	}
	var got []string
	for _, in := range doc.Inputs {
		got = append(got, strings.Join([]string{in.Path, in.Kind, in.Status, in.Detail}, " "))
	}
	if !slices.Equal(got, want) {
		t.Errorf("inputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDeepPath: a watch file and the symptom log in a folder 330 letters deep (no spaces to
// wrap at) still give a report: the paths on the Plan and Import log sheets break across lines instead of asking for a column wider than
// a spreadsheet allows (the run failed with "the width of the column must be less than or
// equal to 255 characters").
func TestDeepPath(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(sampleDir, "watch"))
	if err != nil || len(entries) == 0 {
		t.Skipf("sample-data not generated yet: %v", err)
	}
	root := t.TempDir()
	deep := filepath.Join(root, strings.Repeat("a", 200), strings.Repeat("b", 130))
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join("watch", entries[0].Name()), "symptoms.xlsx"} { // the log holds the Plan
		data, err := os.ReadFile(filepath.Join(sampleDir, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(deep, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := analyzeCmd(t, "-q", "-o", filepath.Join(root, "report.xlsx"), root)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
