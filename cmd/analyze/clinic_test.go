package main

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// plantRunner writes a runner folder under dir from the bundled sample (its watch files and
// symptoms.xlsx, 2026-08-31 to 2026-11-15), with edit applied to the log; edit nil keeps it.
func plantRunner(t *testing.T, dir, name string, edit func(f *excelize.File) error) {
	t.Helper()
	root := filepath.Join(dir, name)
	watch := filepath.Join(root, "watch")
	if err := os.MkdirAll(watch, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(filepath.Join(sampleDir, "watch"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range files {
		b, err := os.ReadFile(filepath.Join(sampleDir, "watch", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(watch, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(sampleDir, "symptoms.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if edit != nil {
		if err := edit(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(root, "symptoms.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// plantCaseload writes five runners, each planted for one row of the roster. The sample's
// Symptoms sheet has 2026-11-13, -14 and -15 in rows 72, 73 and 74, pain in column B; the
// sample is green as of 2026-11-15 (pain 1, within the threshold 2).
func plantCaseload(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "caseload")
	painOnLastDay := func(p int) func(*excelize.File) error {
		return func(f *excelize.File) error { return f.SetCellValue("Symptoms", "B74", p) }
	}
	plantRunner(t, dir, "Gus", nil)                          // green
	plantRunner(t, dir, "Rita", painOnLastDay(5))            // red: pain 5 over the threshold 2
	plantRunner(t, dir, "Zoë Ångström", painOnLastDay(3))    // red, with less pain than Rita
	plantRunner(t, dir, "Al", func(f *excelize.File) error { // amber: the log stops on 11-13, a day before his last run
		if err := f.RemoveRow("Symptoms", 74); err != nil {
			return err
		}
		return f.RemoveRow("Symptoms", 73)
	})
	// No data: a folder with nothing a watch or a log wrote.
	if err := os.MkdirAll(filepath.Join(dir, "Nia"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"Nia/notes.txt": "call back Tuesday", "README.txt": "one folder per runner"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rosterDoc is the roster JSON as a script reads it.
type rosterDoc struct {
	Version int    `json:"version"`
	AsOf    string `json:"as_of"`
	Runners []struct {
		Runner             string   `json:"runner"`
		Status             string   `json:"status"`
		Reasons            []string `json:"reasons"`
		LastLogged         *string  `json:"last_logged"`
		LatestPain         *float64 `json:"latest_pain"`
		LastSession        *string  `json:"last_session"`
		WeekRunningMin     *float64 `json:"week_running_min"`
		LastWeekRunningMin *float64 `json:"last_week_running_min"`
		LastWeekLimitMin   *float64 `json:"last_week_limit_min"`
		Breaches7d         *int     `json:"breaches_7d"`
		Spikes7d           *int     `json:"spikes_7d"`
		Responses14d       *int     `json:"responses_14d"`
		RehabDaysLastWeek  *int     `json:"rehab_days_last_week"`
		RehabMinLastWeek   *float64 `json:"rehab_min_last_week"`
		Files              int      `json:"files"`
		Errors             int      `json:"errors"`
		RejectedRows       int      `json:"rejected_rows"`
		Report             *string  `json:"report"`
	} `json:"runners"`
}

func readRoster(t *testing.T, path string) rosterDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc rosterDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestClinicRoster(t *testing.T) {
	needSample(t)
	dir := plantCaseload(t)
	out := filepath.Join(t.TempDir(), "reports")
	js := filepath.Join(t.TempDir(), "roster.json")
	code, _, stderr := analyzeCmd(t, "clinic", "-q", "-tz", "Europe/London", "-o", out, "-json", js, dir)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"clinic: 5 runners: 2 red, 1 amber, 1 green, 1 no data -> roster.xlsx and 4 reports in " + out,
		"as of 2026-11-15 (the latest day with data across the caseload)",
		"warning: Nia: no data: no sessions and no symptom entries were read from Nia",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	doc := readRoster(t, js)
	if doc.Version != 1 || doc.AsOf != "2026-11-15" {
		t.Errorf("version %d, as of %s; want 1 and the latest day with data, 2026-11-15", doc.Version, doc.AsOf)
	}
	type line struct {
		Runner, Status, FirstReason string
		Pain                        float64
		Report                      string
	}
	var got []line
	for _, r := range doc.Runners {
		l := line{Runner: r.Runner, Status: r.Status, FirstReason: r.Reasons[0], Pain: -1}
		if r.LatestPain != nil {
			l.Pain = *r.LatestPain
		}
		if r.Report != nil {
			l.Report = *r.Report
		}
		got = append(got, l)
	}
	want := []line{
		{"Rita", "red", "latest pain 5 (2026-11-15) is above the threshold 2", 5, "Rita.xlsx"},
		{"Zoë Ångström", "red", "latest pain 3 (2026-11-15) is above the threshold 2", 3, "Zoë Ångström.xlsx"},
		// Al's log ends on 11-13 and his last run is on 11-14: his own status, as of 11-14, misses
		// that morning, and the caseload's day, 11-15, is missed too.
		{"Al", "amber", "no symptoms logged on 2026-11-15: nothing after 2026-11-14", 2, "Al.xlsx"},
		{"Gus", "green", "symptoms logged on each of the last 2 days", 1, "Gus.xlsx"},
		{"Nia", "no_data", "no sessions and no symptom entries were read from Nia", -1, ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("roster (-want +got):\n%s", d)
	}
	al := doc.Runners[2]
	if !slicesContain(al.Reasons, "no symptoms logged on 2026-11-14") {
		t.Errorf("Al's reasons %q lack his own missed morning, 2026-11-14", al.Reasons)
	}
	if *al.LastLogged != "2026-11-13" || *al.LastSession != "2026-11-14" {
		t.Errorf("Al: last logged %s, last session %s; want 2026-11-13 and 2026-11-14", *al.LastLogged, *al.LastSession)
	}
	// As of Sunday 11-15 there is no "this week"; the last complete week, W46, is the one the
	// runner's own Summary quotes: its figures must be the workbook's.
	gus := doc.Runners[3]
	if gus.WeekRunningMin != nil || gus.LastWeekRunningMin == nil {
		t.Fatalf("Gus: this week %v, last week %v; want none (as of a Sunday) and W46", gus.WeekRunningMin, gus.LastWeekRunningMin)
	}
	single := singleJSON(t, filepath.Join(dir, "Gus"))
	if *gus.LastWeekRunningMin != single.LastWeek.RunningMin || *gus.LastWeekLimitMin != single.limit("max_weekly_minutes") ||
		*gus.RehabDaysLastWeek != single.LastWeek.RehabDays || *gus.RehabMinLastWeek != single.limit("min_rehab_days_per_week") {
		t.Errorf("Gus's last week on the roster (%g min of %g, rehab %d of %g) differs from his report's %+v",
			*gus.LastWeekRunningMin, *gus.LastWeekLimitMin, *gus.RehabDaysLastWeek, *gus.RehabMinLastWeek, single.LastWeek)
	}
	// The sample's last 7 days (11-09..11-15) hold no breach and no spike (docs/sample-data.md: the
	// last planted event is W44's); 65 files: 59 FIT, 4 GPX, the log and its Plan.
	if *gus.Breaches7d != 0 || *gus.Spikes7d != 0 || gus.Files != 65 || gus.Errors != 0 || gus.RejectedRows != 0 {
		t.Errorf("Gus: breaches %d, spikes %d, files %d, errors %d, rejected %d; want 0, 0, 65, 0, 0",
			*gus.Breaches7d, *gus.Spikes7d, gus.Files, gus.Errors, gus.RejectedRows)
	}
	nia := doc.Runners[4]
	if nia.Breaches7d != nil || nia.LastWeekRunningMin != nil || nia.Files != 1 {
		t.Errorf("Nia: breaches %v, last week %v, files %d; want unknown, unknown and 1 (notes.txt)", nia.Breaches7d, nia.LastWeekRunningMin, nia.Files)
	}
	if _, err := os.Stat(filepath.Join(out, "Nia.xlsx")); err == nil {
		t.Error("Nia.xlsx written for a runner with no data")
	}

	// The Import log names the no-data runner and the file that is not a runner.
	f, err := excelize.OpenFile(filepath.Join(out, "roster.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Import log")
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, r := range rows[1:] {
		log = append(log, strings.Join(r, " | "))
	}
	for _, w := range []string{"Nia | Nia | no data | no sessions and no symptom entries were read from Nia",
		" | README.txt | skipped | a file, not a runner folder: each runner's files go in a folder of their own"} {
		if !slicesContain(log, w) {
			t.Errorf("roster's Import log lacks %q:\n%s", w, strings.Join(log, "\n"))
		}
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// singleReport is what the roster is checked against in a single run's JSON.
type singleReport struct {
	LastWeek struct {
		RunningMin float64 `json:"running_min"`
		RehabDays  int     `json:"rehab_days"`
		Limits     []struct {
			Rule  string  `json:"rule"`
			Limit float64 `json:"limit"`
		} `json:"limits"`
	} `json:"last_week"`
}

func (s singleReport) limit(rule string) float64 {
	for _, l := range s.LastWeek.Limits {
		if l.Rule == rule {
			return l.Limit
		}
	}
	return -1
}

func singleJSON(t *testing.T, path string) singleReport {
	t.Helper()
	tmp := t.TempDir()
	js := filepath.Join(tmp, "r.json")
	if code, _, stderr := analyzeCmd(t, "-q", "-tz", "Europe/London", "-o", filepath.Join(tmp, "r.xlsx"), "-json", js, path); code != exitOK {
		t.Fatalf("single run on %s: exit %d; stderr:\n%s", path, code, stderr)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var s singleReport
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestClinicReportsAreSingleRuns checks SPEC's promise: each runner's workbook is, byte for
// byte, what a single run on that folder with the same flags writes; a rerun of the clinic
// writes the same bytes everywhere; and the roster's links open the files written.
func TestClinicReportsAreSingleRuns(t *testing.T) {
	needSample(t)
	dir := plantCaseload(t)
	outs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, out := range outs {
		code, _, stderr := analyzeCmd(t, "clinic", "-q", "-tz", "Europe/London", "-load", "km", "-o", out, "-json", filepath.Join(out, "roster.json"), dir)
		if code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
	}
	for _, name := range []string{"Rita", "Zoë Ångström", "Al", "Gus"} {
		single := filepath.Join(t.TempDir(), "single.xlsx")
		if code, _, stderr := analyzeCmd(t, "-q", "-tz", "Europe/London", "-load", "km", "-o", single, filepath.Join(dir, name)); code != exitOK {
			t.Fatalf("single run on %s: exit %d; stderr:\n%s", name, code, stderr)
		}
		want, err := os.ReadFile(single)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(outs[0], name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s.xlsx from the clinic differs from a single run on %s", name, name)
		}
	}
	for _, name := range []string{"roster.xlsx", "roster.json", "Rita.xlsx", "Zoë Ångström.xlsx", "Al.xlsx", "Gus.xlsx"} {
		a, errA := os.ReadFile(filepath.Join(outs[0], name))
		b, errB := os.ReadFile(filepath.Join(outs[1], name))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same caseload (%v, %v)", name, errA, errB)
		}
	}

	// Every link on the Roster sheet resolves, relative to the roster, to a workbook written.
	f, err := excelize.OpenFile(filepath.Join(outs[0], "roster.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Roster")
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]string{}
	for i, r := range rows[2:] { // a title line, then the header
		cell := "A" + itoa(i+3)
		ok, target, err := f.GetCellHyperLink("Roster", cell)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		u, err := url.Parse(target)
		if err != nil || u.Scheme != "" || u.IsAbs() {
			t.Errorf("%s links to %q: not a relative reference (%v)", cell, target, err)
			continue
		}
		path := filepath.Join(outs[0], filepath.FromSlash(u.Path))
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s (%s) links to %q, which does not resolve to a written file: %v", cell, r[0], target, err)
		}
		linked[r[0]] = u.Path
	}
	wantLinks := map[string]string{"Rita": "Rita.xlsx", "Zoë Ångström": "Zoë Ångström.xlsx", "Al": "Al.xlsx", "Gus": "Gus.xlsx"}
	if d := cmp.Diff(wantLinks, linked); d != "" {
		t.Errorf("links (-want +got):\n%s", d)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestClinicExitCodes(t *testing.T) {
	needSample(t)
	t.Run("-strict with a runner with no data: exit 3, everything written", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "caseload")
		plantRunner(t, dir, "Gus", nil)
		if err := os.MkdirAll(filepath.Join(dir, "Nia"), 0o755); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := analyzeCmd(t, "clinic", "-q", "-strict", "-o", out, dir)
		if code != exitIncident || !strings.Contains(stderr, "warning: -strict: 1 runner failed it: Nia (no data)") {
			t.Errorf("exit %d, want 3 with the -strict warning; stderr:\n%s", code, stderr)
		}
		for _, name := range []string{"roster.xlsx", "Gus.xlsx"} {
			if _, err := os.Stat(filepath.Join(out, name)); err != nil {
				t.Errorf("%s not written under -strict: %v", name, err)
			}
		}
	})
	t.Run("no runner usable: exit 1, no roster", func(t *testing.T) {
		dir := t.TempDir()
		for _, name := range []string{"Nia/notes.txt", "Ola/photo.jpg"} {
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := analyzeCmd(t, "clinic", "-o", out, dir)
		if code != exitFailed || !strings.Contains(stderr, "warning: Ola: no data: no sessions and no symptom entries were read from Ola") ||
			!strings.Contains(stderr, "no runner in "+dir+" has data to analyse") {
			t.Errorf("exit %d, want 1 naming each runner; stderr:\n%s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "roster.xlsx")); err == nil {
			t.Error("roster.xlsx written although no runner had data")
		}
	})
	t.Run("no runner folders: exit 1", func(t *testing.T) {
		dir := t.TempDir() // one runner's files, not a caseload
		if err := os.WriteFile(filepath.Join(dir, "run.fit"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := analyzeCmd(t, "clinic", "-o", filepath.Join(t.TempDir(), "out"), dir)
		if code != exitFailed || !strings.Contains(stderr, "holds no runner folders") {
			t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr)
		}
	})
}

func TestClinicUsageErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "Ann"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no folder", []string{"clinic"}, "no DIR given"},
		{"two folders", []string{"clinic", dir, dir}, "clinic takes one folder"},
		{"a file", []string{"clinic", file}, "is a file: name the caseload folder"},
		{"missing", []string{"clinic", filepath.Join(dir, "nope")}, "nope: no such folder"},
		{"-symptoms", []string{"clinic", "-symptoms", file, dir}, "-symptoms names one runner's log"},
		{"-o inside a runner", []string{"clinic", "-o", filepath.Join(dir, "Ann", "reports"), dir}, "is inside the runner folder Ann"},
		{"-o a file", []string{"clinic", "-o", file, dir}, "is a file: name a folder for the reports"},
		{"-json inside a runner", []string{"clinic", "-json", filepath.Join(dir, "Ann", "roster.json"), dir}, "-json " + filepath.Join(dir, "Ann", "roster.json") + " is inside the runner folder Ann"},
		{"-json the roster", []string{"clinic", "-o", filepath.Join(dir, "r"), "-json", filepath.Join(dir, "r", "roster.xlsx"), dir}, "is the roster itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := analyzeCmd(t, tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 2 saying %q; stderr:\n%s", code, tc.want, stderr)
			}
		})
	}
}

func TestClinicOutputFolderInsideTheCaseload(t *testing.T) {
	needSample(t)
	dir := filepath.Join(t.TempDir(), "caseload")
	plantRunner(t, dir, "Gus", nil)
	out := filepath.Join(dir, "reports")
	for range 2 { // the second run finds the reports folder and its workbooks: neither is a runner
		code, _, stderr := analyzeCmd(t, "clinic", "-q", "-o", out, dir)
		if code != exitOK || !strings.Contains(stderr, "clinic: 1 runner: 0 red, 0 amber, 1 green, 0 no data") {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
	}
}

// A runner folder the single run refuses (two symptom logs) is a roster row saying what to do
// in the folder, not a flag to give; the other runners are analysed as usual.
func TestClinicRunnerWithTwoLogs(t *testing.T) {
	needSample(t)
	dir := filepath.Join(t.TempDir(), "caseload")
	plantRunner(t, dir, "Gus", nil)
	plantRunner(t, dir, "Ivy", nil)
	b, err := os.ReadFile(filepath.Join(dir, "Ivy", "symptoms.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Ivy", "symptoms-old.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	js := filepath.Join(t.TempDir(), "roster.json")
	code, _, stderr := analyzeCmd(t, "clinic", "-q", "-o", out, "-json", js, dir)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	doc := readRoster(t, js)
	ivy := doc.Runners[len(doc.Runners)-1]
	want := `found 2 symptom logs (Ivy/symptoms-old.xlsx, Ivy/symptoms.xlsx): keep one in the runner's folder, or rename the others so that their names do not start with "symptom"`
	if ivy.Runner != "Ivy" || ivy.Status != "no_data" || len(ivy.Reasons) != 1 || ivy.Reasons[0] != want {
		t.Errorf("Ivy: %s %q, want no_data %q", ivy.Status, ivy.Reasons, want)
	}
}

// With -to, the roster is as of that day, whatever the runners' last days, and each report
// is still the single run's with the same flag.
func TestClinicAsOfTo(t *testing.T) {
	needSample(t)
	dir := filepath.Join(t.TempDir(), "caseload")
	plantRunner(t, dir, "Gus", nil)
	out := filepath.Join(t.TempDir(), "out")
	js := filepath.Join(out, "roster.json")
	code, _, stderr := analyzeCmd(t, "clinic", "-q", "-to", "2026-11-11", "-o", out, "-json", js, dir)
	if code != exitOK || !strings.Contains(stderr, "as of 2026-11-11 (-to)") {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	doc := readRoster(t, js)
	gus := doc.Runners[0]
	// Wednesday 11-11: this week so far is Mon 11-09 to Wed 11-11; the sample's runs on 11-10
	// (26 min) are in it, the run of 11-12 is not.
	if doc.AsOf != "2026-11-11" || gus.WeekRunningMin == nil || *gus.WeekRunningMin != 26 {
		t.Errorf("as of %s, this week %v; want 2026-11-11 and 26 running minutes", doc.AsOf, gus.WeekRunningMin)
	}
	single := filepath.Join(t.TempDir(), "gus.xlsx")
	if code, _, stderr := analyzeCmd(t, "-q", "-to", "2026-11-11", "-o", single, filepath.Join(dir, "Gus")); code != exitOK {
		t.Fatalf("single run: exit %d; stderr:\n%s", code, stderr)
	}
	a, _ := os.ReadFile(single)
	b, _ := os.ReadFile(filepath.Join(out, "Gus.xlsx"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("Gus.xlsx under -to differs from the single run with -to")
	}
}
