package ingest

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"runload/analysis"
)

func FuzzParseScore(f *testing.F) {
	for _, s := range []string{"3", "3/10", "2.5", "2,5", "", "ten", "-1", "10.0", "1E-3", "0x1p1", "NaN", "7 / 10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseScore(s)
		if err != nil && v.OK {
			t.Fatalf("parseScore(%q) = %v with error %v", s, v, err)
		}
		if v.OK && !(v.V >= 0 && v.V <= 10) {
			t.Fatalf("parseScore(%q) = %v, outside 0–10", s, v.V)
		}
		if err == nil && !v.OK && cleanCell(s) != "" {
			t.Fatalf("parseScore(%q): absent without an error", s)
		}
		if err != nil && !strings.Contains(err.Error(), "is not a score from 0 to 10") {
			t.Fatalf("parseScore(%q) error %q does not say what is wrong", s, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-04", "03/04/2026", "3.4.2026.", "13/04/26", "2026-02-30", "", "45355",
		"2026-03-04T07:00:00Z", "26/04/13", "0/0/0"} {
		for _, o := range []string{"", "auto", "dmy", "mdy", "ymd"} {
			f.Add(s, o)
		}
	}
	f.Fuzz(func(t *testing.T, s, order string) {
		d, err := parseDate(s, DateOrder(order))
		if err != nil && d.OK {
			t.Fatalf("parseDate(%q, %q) = %v with error %v", s, order, d, err)
		}
		if !d.OK {
			return
		}
		// A date read is a real calendar date, and reads back the same as YYYY-MM-DD.
		if got := analysis.DayOf(d.V.Time()); got != d.V || d.V.Year < 1900 || d.V.Year > 9999 {
			t.Fatalf("parseDate(%q, %q) = %v, not a valid date", s, order, d.V)
		}
		if back, err := parseDate(d.V.String(), DateISO); err != nil || back.V != d.V {
			t.Fatalf("parseDate(%q) = %v, but %v reads back as %v, %v", s, d.V, d.V.String(), back, err)
		}
	})
}

func FuzzParseCellDateSerial(f *testing.F) {
	for _, v := range []float64{1, 60, 61, 46085, 46085.999999, 2958465.5, 0, -1, math.Inf(1)} {
		f.Add(v, false)
		f.Add(v, true)
	}
	f.Fuzz(func(t *testing.T, v float64, date1904 bool) {
		d, err := dateFromSerial(v, date1904)
		if err == nil && (d.Year < 1900 || d.Year > 10000 || analysis.DayOf(d.Time()) != d) {
			t.Fatalf("dateFromSerial(%v) = %v", v, d)
		}
	})
}

// fuzzSeedCSVs adds every CSV under testdata/log as a seed.
func fuzzSeedCSVs(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "log", "*.csv"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
		f.Add(b, uint8(1))
	}
}

func FuzzReadSymptomsCSV(f *testing.F) {
	fuzzSeedCSVs(f)
	orders := []DateOrder{DateISO, DateDMY, DateMDY, DateYMD, DateAuto}
	f.Fuzz(func(t *testing.T, data []byte, order uint8) {
		defer hangGuard(t)()
		orig := bytes.Clone(data)
		res, err := readSymptoms(bytes.NewReader(data), "symptoms.csv", Options{DateOrder: orders[int(order)%len(orders)]})
		if !bytes.Equal(orig, data) {
			t.Fatal("input bytes were modified")
		}
		var amb *AmbiguousDatesError
		if errors.As(err, &amb) && amb.File == "symptoms.csv" && strings.HasPrefix(amb.Cell, "line ") &&
			classifyDate(amb.Value, false) == dateEither {
			return // DateAuto cannot tell the order: the caller asks the user
		}
		if err != nil {
			t.Fatalf("a CSV file is never refused whole: %v", err)
		}
		if len(res.Inputs) != 1 || res.Inputs[0].Kind != analysis.KindSymptoms {
			t.Fatalf("inputs %+v, want one symptoms line", res.Inputs)
		}
		for _, e := range res.Entries {
			if e.Day.IsZero() || analysis.DayOf(e.Day.Time()) != e.Day {
				t.Fatalf("entry %+v has no valid day", e)
			}
			if !e.Pain.OK && !e.Stiffness.OK && !e.Swelling.OK && !e.Swollen.OK && !e.Limping.OK &&
				!e.Rehab.OK && !e.RPE.OK && e.Location == "" && e.Notes == "" {
				t.Fatalf("entry %+v logs nothing: a date-only row is skipped, not an entry", e)
			}
			for _, v := range []analysis.Opt[float64]{e.Pain, e.Stiffness, e.Swelling, e.RPE} {
				if v.OK && !(v.V >= 0 && v.V <= 10) {
					t.Fatalf("entry %+v: score outside 0–10", e)
				}
			}
			if e.Swelling.OK && (!e.Swollen.OK || e.Swollen.V != (e.Swelling.V > 0)) {
				t.Fatalf("entry %+v: swelling and swollen disagree", e)
			}
			if !strings.HasPrefix(e.Source, "symptoms.csv: line ") {
				t.Fatalf("entry source %q", e.Source)
			}
		}
		for _, r := range res.Rejected {
			if rr := r.Rejected(); rr.File != "symptoms.csv" || r.Sheet != "" || rr.Cell == "" || rr.Reason == "" {
				t.Fatalf("rejected %+v does not name file, line and reason", rr)
			}
		}
		if n := len(res.Rejected); n > 0 && res.Inputs[0].Status == analysis.StatusOK {
			t.Fatalf("%d rows rejected but status ok", n)
		}
	})
}

func FuzzReadPlanCSV(f *testing.F) {
	fuzzSeedCSVs(f)
	f.Fuzz(func(t *testing.T, data []byte, order uint8) {
		defer hangGuard(t)()
		res, err := readPlan(bytes.NewReader(data), "plan.csv", Options{})
		if err != nil {
			t.Fatalf("a CSV file is never refused whole: %v", err)
		}
		for _, r := range res.Plan.Rules {
			info, err := parseRuleName(string(r.ID))
			if err != nil || r.From.IsZero() || r.Sport == "" {
				t.Fatalf("rule %+v", r)
			}
			if info.IsText && r.Text == "" {
				t.Fatalf("text rule %+v without text", r)
			}
			if rg, ok := ruleRanges[r.ID]; ok && (r.Value < rg.min || r.Value > rg.max || math.IsNaN(r.Value)) {
				t.Fatalf("rule %+v outside its range", r)
			}
		}
		for _, r := range res.Rejected {
			if rr := r.Rejected(); rr.File != "plan.csv" || r.Sheet != "" || rr.Cell == "" || rr.Reason == "" {
				t.Fatalf("rejected %+v does not name file, line and reason", rr)
			}
		}
	})
}

func FuzzReadSymptomsXLSX(f *testing.F) {
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		res, err := readSymptoms(bytes.NewReader(data), "symptoms.xlsx", Options{Limits: Limits{UnzipBytes: 1 << 20}})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "symptoms.xlsx: ") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, e := range res.Entries {
			if !e.Pain.OK || e.Pain.V < 0 || e.Pain.V > 10 || analysis.DayOf(e.Day.Time()) != e.Day {
				t.Fatalf("entry %+v", e)
			}
		}
		for _, r := range res.Rejected {
			if rr := r.Rejected(); rr.File != "symptoms.xlsx" || r.Sheet == "" || r.Row < 1 || r.Column == "" || rr.Reason == "" {
				t.Fatalf("rejected %+v does not name file, cell and reason", rr)
			}
		}
	})
}
