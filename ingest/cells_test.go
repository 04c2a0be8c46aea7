package ingest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want analysis.Opt[float64]
		err  string
	}{
		{"", analysis.Opt[float64]{}, ""},
		{"   ", analysis.Opt[float64]{}, ""},
		{"0", analysis.Some(0.0), ""},
		{"3", analysis.Some(3.0), ""},
		{" 10 ", analysis.Some(10.0), ""},
		{"2.5", analysis.Some(2.5), ""},
		{"2,5", analysis.Some(2.5), ""},
		{"3/10", analysis.Some(3.0), ""},
		{"3 / 10", analysis.Some(3.0), ""},
		{"7.5/10", analysis.Some(7.5), ""},
		{"-0", analysis.Some(0.0), ""},
		{"1E-3", analysis.Some(0.001), ""}, // a raw spreadsheet number
		{"three", analysis.Opt[float64]{}, `"three" is not a score from 0 to 10`},
		{"11", analysis.Opt[float64]{}, `"11" is not a score from 0 to 10`},
		{"-1", analysis.Opt[float64]{}, `"-1" is not a score from 0 to 10`},
		{"3/5", analysis.Opt[float64]{}, `"3/5" is not a score from 0 to 10`},
		{"2.5.1", analysis.Opt[float64]{}, `"2.5.1" is not a score from 0 to 10`},
		{"NaN", analysis.Opt[float64]{}, `"NaN" is not a score from 0 to 10`},
		{"Inf", analysis.Opt[float64]{}, `"Inf" is not a score from 0 to 10`},
		{"0x1p1", analysis.Opt[float64]{}, `"0x1p1" is not a score from 0 to 10`},
		{"1,000", analysis.Some(1.0), ""}, // a decimal comma: 1,000 is 1.000
		// A note typed in the Pain column: its start and length, not its words.
		{"sore after the long run along the seafront near my flat", analysis.Opt[float64]{},
			`"sore after the long "… (55 characters) is not a score from 0 to 10`},
	} {
		got, err := parseScore(tc.in)
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("parseScore(%q) (-want +got):\n%s", tc.in, d)
		}
		if d := cmp.Diff(tc.err, logErr(err)); d != "" {
			t.Errorf("parseScore(%q) error (-want +got):\n%s", tc.in, d)
		}
	}
}

func logErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestParseYesNoAndRehab(t *testing.T) {
	yes, no, absent := analysis.Some(true), analysis.Some(false), analysis.Opt[bool]{}
	for _, tc := range []struct {
		in    string
		want  analysis.Opt[bool]
		rehab analysis.Opt[bool]
	}{
		{"", absent, absent},
		{"yes", yes, yes}, {"Y", yes, yes}, {"TRUE", yes, yes}, {"1", yes, yes}, {"x", yes, yes}, {"✓", yes, yes},
		{"no", no, no}, {"n", no, no}, {"False", no, no}, {"0", no, no},
	} {
		got, err := parseYesNo(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		got, err = parseRehab(tc.in)
		if err != nil || got != tc.rehab {
			t.Errorf("parseRehab(%q) = %v, %v; want %v", tc.in, got, err, tc.rehab)
		}
	}
	for in, want := range map[string]analysis.Opt[bool]{"20": yes, "0": no, "15 min": yes, "2.5": yes, "30 minutes": yes} {
		if got, err := parseRehab(in); err != nil || got != want {
			t.Errorf("parseRehab(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseYesNo("maybe"); logErr(err) != `"maybe" is not yes or no` {
		t.Errorf("parseYesNo(maybe) error = %v", err)
	}
	if _, err := parseYesNo("2"); err == nil {
		t.Errorf("parseYesNo(2): no error")
	}
	if _, err := parseRehab("lots"); logErr(err) != `"lots" is not yes, no or a number of minutes` {
		t.Errorf("parseRehab(lots) error = %v", err)
	}
	if _, err := parseRehab("-5"); err == nil {
		t.Errorf("parseRehab(-5): no error")
	}
}

func TestParseSwelling(t *testing.T) {
	for _, tc := range []struct {
		in      string
		score   analysis.Opt[float64]
		swollen analysis.Opt[bool]
	}{
		{"", analysis.Opt[float64]{}, analysis.Opt[bool]{}},
		{"0", analysis.Some(0.0), analysis.Some(false)},
		{"3", analysis.Some(3.0), analysis.Some(true)},
		{"yes", analysis.Opt[float64]{}, analysis.Some(true)},
		{"no", analysis.Opt[float64]{}, analysis.Some(false)},
	} {
		s, w, err := parseSwelling(tc.in)
		if err != nil || s != tc.score || w != tc.swollen {
			t.Errorf("parseSwelling(%q) = %v, %v, %v; want %v, %v", tc.in, s, w, err, tc.score, tc.swollen)
		}
	}
	if _, _, err := parseSwelling("big"); logErr(err) != `"big" is neither a score from 0 to 10 nor yes or no` {
		t.Errorf("parseSwelling(big) error = %v", err)
	}
}

func TestParseDate(t *testing.T) {
	d := func(y, m, dd int) analysis.Opt[analysis.Day] {
		return analysis.Some(analysis.Day{Year: y, Month: time.Month(m), Day: dd})
	}
	none := analysis.Opt[analysis.Day]{}
	for _, tc := range []struct {
		in    string
		order DateOrder
		want  analysis.Opt[analysis.Day]
		err   string
	}{
		{"", DateISO, none, ""},
		{"2026-03-04", DateISO, d(2026, 3, 4), ""},
		{"2026-3-4", DateISO, d(2026, 3, 4), ""},
		{"2026-03-04T07:30:00Z", DateISO, d(2026, 3, 4), ""},
		{"2026-03-04 00:00:00", DateISO, d(2026, 3, 4), ""},
		{"2026/03/04", DateISO, d(2026, 3, 4), ""}, // a four-digit year first is unambiguous
		{"2026-02-29", DateISO, none, `"2026-02-29" is not a valid date`},
		{"2024-02-29", DateISO, d(2024, 2, 29), ""},
		{"03/04/2026", DateISO, none, `"03/04/2026" is not a YYYY-MM-DD date; run with -date-order dmy, mdy or ymd to read dates like it`},
		{"3.4.2026", DateISO, none, `"3.4.2026" is not a YYYY-MM-DD date; run with -date-order dmy, mdy or ymd to read dates like it`},
		{"03-04-2026", DateISO, none, `"03-04-2026" is not a YYYY-MM-DD date`},
		{"03/04/2026", DateDMY, d(2026, 4, 3), ""},
		{"03/04/2026", DateMDY, d(2026, 3, 4), ""},
		{"3.4.2026", DateDMY, d(2026, 4, 3), ""},
		{"3.4.2026.", DateDMY, d(2026, 4, 3), ""},
		{"13/04/26", DateDMY, d(2026, 4, 13), ""},
		{"13/04/26", DateMDY, none, `"13/04/26" is not a valid date in the order mdy`},
		{"26/04/13", DateYMD, d(2026, 4, 13), ""},
		{"4 March 2026", DateDMY, none, `"4 March 2026" is not a date: use YYYY-MM-DD`},
		{"45355", DateISO, none, `"45355" is not a date: use YYYY-MM-DD`}, // a serial only counts in a sheet
		{"03/04", DateDMY, none, `"03/04" is not a date: use YYYY-MM-DD`},
		// DateAuto alone reads a date only one order makes, or that both make the same day.
		{"19/10/2026", DateAuto, d(2026, 10, 19), ""},
		{"10/19/26", DateAuto, d(2026, 10, 19), ""},
		{"04.04.2026", DateAuto, d(2026, 4, 4), ""},
		{"2026-10-19", DateAuto, d(2026, 10, 19), ""},
		{"03/04/2026", DateAuto, none, `"03/04/2026" could be day-first or month-first: give -date-order dmy or mdy`},
		{"31/31/2026", DateAuto, none, `"31/31/2026" is not a valid date, day or month first`},
	} {
		got, err := parseDate(tc.in, tc.order)
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("parseDate(%q, %q) (-want +got):\n%s", tc.in, tc.order, d)
		}
		if d := cmp.Diff(tc.err, logErr(err)); d != "" {
			t.Errorf("parseDate(%q, %q) error (-want +got):\n%s", tc.in, tc.order, d)
		}
	}
}

func TestParseCellDateSerial(t *testing.T) {
	for _, tc := range []struct {
		in       string
		date1904 bool
		want     analysis.Day
	}{
		{"46085", false, analysis.Day{Year: 2026, Month: 3, Day: 4}},
		{"46085.75", false, analysis.Day{Year: 2026, Month: 3, Day: 4}}, // 18:00 that day
		{"44623", true, analysis.Day{Year: 2026, Month: 3, Day: 4}},     // the 1904 date system
		{"61", false, analysis.Day{Year: 1900, Month: 3, Day: 1}},
		{"2026-03-04", false, analysis.Day{Year: 2026, Month: 3, Day: 4}},
	} {
		got, err := parseCellDate(tc.in, DateISO, true, tc.date1904)
		if err != nil || !got.OK || got.V != tc.want {
			t.Errorf("parseCellDate(%q, 1904 %v) = %v, %v; want %v", tc.in, tc.date1904, got, err, tc.want)
		}
	}
	for _, in := range []string{"0", "-3", "1e10", "20260304"} {
		want := `"` + in + `" is not a date: use a date cell or YYYY-MM-DD`
		if _, err := parseCellDate(in, DateISO, true, false); logErr(err) != want {
			t.Errorf("parseCellDate(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Pain (0-10)":         "pain",
		" Morning  stiffness": "morningstiffness",
		"Session_RPE [CR-10]": "sessionrpe",
		"Rehab-done":          "rehabdone",
		"Week increase max %": "weekincreasemax%",
		"max_weekly_minutes":  "maxweeklyminutes",
		"(unclosed":           "",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
