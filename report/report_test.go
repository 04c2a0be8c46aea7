package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from current output")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
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

// TestWriteSample writes the sample report for a look or a render check:
// RUNLOAD_WRITE_SAMPLE=/tmp/sample go test ./report -run WriteSample writes
// /tmp/sample.xlsx, /tmp/sample.json and /tmp/sample-years.xlsx (27 years: the stream path).
func TestWriteSample(t *testing.T) {
	base := os.Getenv("RUNLOAD_WRITE_SAMPLE")
	if base == "" {
		t.Skip("RUNLOAD_WRITE_SAMPLE not set")
	}
	r, log := sampleResult()
	var x, j bytes.Buffer
	if err := WriteXLSX(&x, r, log, Meta{Version: "v0.0.0-test", Inputs: "garmin/ strava/ symptoms.xlsx"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&j, r, log); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".xlsx", x.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".json", j.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	x.Reset()
	if err := WriteXLSX(&x, bigResult(streamRows+50), log, Meta{Version: "v0.0.0-test"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+"-years.xlsx", x.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWriteJSONGolden(t *testing.T) {
	r, log := sampleResult()
	var b bytes.Buffer
	if err := WriteJSON(&b, r, log); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("}\n")) {
		t.Error("JSON does not end with a newline")
	}
	golden(t, "result.json", b.Bytes())
}

// writeDoc writes key by key and element by element; its bytes must be the whole-document
// encoder's, on the sample (every key filled, "<", ">" and "&" in texts), on years of days,
// and on an empty result (every array empty).
func TestWriteDocIsTheEncodersOutput(t *testing.T) {
	r, log := sampleResult()
	log.Notes = append(log.Notes, `a <note> & "quotes"`)
	big := bigResult(3 * 365)
	for name, tc := range map[string]struct {
		r   analysis.Result
		log analysis.ImportLog
	}{"sample": {r, log}, "three years": {big, log}, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			var c conv
			doc := c.doc(tc.r, tc.log)
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := writeDoc(&got, &doc); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want.String(), got.String()); d != "" {
				t.Errorf("writeDoc differs from json.Encoder (-encoder +writeDoc):\n%s", d)
			}
			if !strings.Contains(got.String(), "<note> &") && name == "sample" {
				t.Error("HTML characters were escaped")
			}
		})
	}
}

// Slices that marshal themselves are written whole, and elements with a pointer-receiver
// MarshalJSON use it, as the encoder does with a pointer to the document.
type ptrMarshal struct{ N int }

func (p *ptrMarshal) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprintf(`"n%d"`, p.N)), nil }

type csvList []string

func (c csvList) MarshalJSON() ([]byte, error) { return json.Marshal(strings.Join(c, ",")) }

func TestWriteDocFieldKinds(t *testing.T) {
	type inner struct {
		A []int `json:"a"`
	}
	doc := struct {
		Raw    json.RawMessage `json:"raw"`
		Bytes  []byte          `json:"bytes"`
		Ptrs   []ptrMarshal    `json:"ptrs"`
		CSV    csvList         `json:"csv"`
		Empty  []inner         `json:"empty"`
		Nil    []int           `json:"nil"`
		Nested []inner         `json:"nested"`
		One    ptrMarshal      `json:"one"`
		Text   string          `json:"text"`
	}{
		Raw: json.RawMessage(`{"x":[1,2]}`), Bytes: []byte("hi"), Ptrs: []ptrMarshal{{1}, {2}},
		CSV: csvList{"a", "b"}, Empty: []inner{}, Nested: []inner{{A: []int{}}, {A: []int{3}}},
		One: ptrMarshal{7}, Text: "<&>",
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&doc); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := writeDoc(&got, &doc); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want.String(), got.String()); d != "" {
		t.Errorf("writeDoc differs from json.Encoder (-encoder +writeDoc):\n%s", d)
	}
}

func TestWriteJSONEmptySlicesAreArrays(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, analysis.Result{}, analysis.ImportLog{}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"inputs", "sessions", "days", "weeks", "breaches", "spikes", "rejected", "notes", "minimums", "exposure", "plan", "adherence"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("%s = %v, want []", k, doc[k])
		}
	}
	if reasons, ok := doc["status"].(map[string]any)["reasons"].([]any); !ok || len(reasons) != 0 {
		t.Errorf("status.reasons = %v, want []", doc["status"])
	}
	if doc["version"] != 1.0 {
		t.Errorf("version = %v, want 1", doc["version"])
	}
}

func TestWriteJSONAbsentIsNull(t *testing.T) {
	r, log := sampleResult()
	var b bytes.Buffer
	if err := WriteJSON(&b, r, log); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Sessions []map[string]any `json:"sessions"`
		Days     []map[string]any `json:"days"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// The run of 2026-01-23 was recorded without the chest strap.
	var noHR map[string]any
	for _, s := range doc.Sessions {
		if s["date"] == "2026-01-23" && s["sport"] == "running" {
			noHR = s
		}
	}
	if noHR == nil {
		t.Fatal("no run on 2026-01-23")
	}
	for _, k := range []string{"avg_hr", "max_hr", "trimp"} {
		if v, ok := noHR[k]; !ok || v != nil {
			t.Errorf("run without HR: %s = %v (present %v), want null", k, v, ok)
		}
	}
	if noHR["start"] != "2026-01-23T07:10:00+01:00" {
		t.Errorf("start = %v, want RFC 3339 with the local offset", noHR["start"])
	}
	// 2026-01-10 was not logged: its pain is null, not 0; the day before has pain 1.
	for _, d := range doc.Days {
		if d["date"] == "2026-01-10" {
			if v, ok := d["pain"]; !ok || v != nil {
				t.Errorf("unlogged day: pain = %v, want null", v)
			}
			if d["load"] != 0.0 {
				t.Errorf("rest day: load = %v, want 0", d["load"])
			}
		}
	}
}

func TestWriteJSONRefusesNonFinite(t *testing.T) {
	r, log := sampleResult()
	r.Days[3].Load = analysis.Some(math.NaN())
	err := WriteJSON(io.Discard, r, log)
	if err == nil || !strings.Contains(err.Error(), "days.load") {
		t.Errorf("NaN load: err = %v, want an error naming days.load", err)
	}
	r, _ = sampleResult()
	r.Sessions[0].TRIMP = analysis.Some(math.Inf(1))
	if err := WriteJSON(io.Discard, r, log); err == nil {
		t.Error("Inf TRIMP: no error")
	}
}

func TestBuildGolden(t *testing.T) {
	r, log := sampleResult()
	golden(t, "workbook", dump(Build(r, log, Meta{Version: "v0.0.0-test"})))
}

func TestBuildIsPure(t *testing.T) {
	r, log := sampleResult()
	a := dump(Build(r, log, Meta{Version: "x"}))
	b := dump(Build(r, log, Meta{Version: "x"}))
	if !bytes.Equal(a, b) {
		t.Error("two Builds of one Result differ")
	}
}

func TestBuildSheetsInOrder(t *testing.T) {
	r, log := sampleResult()
	wb := Build(r, log, Meta{})
	var got []string
	for _, sh := range wb.Sheets {
		got = append(got, sh.Name)
	}
	want := []string{"Summary", "Sessions", "Daily", "Weekly", "Flags", "Plan", "Import log", "Method"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sheets (-want +got):\n%s", d)
	}
}

// The writer makes each sheet once, by its maker: every named sheet has exactly one.
func TestPlanMakesEverySheetOnce(t *testing.T) {
	r, log := sampleResult()
	wb := plan(r, log, Meta{})
	var made []string
	for _, m := range wb.makers {
		made = append(made, m.name)
	}
	slices.Sort(made)
	names := slices.Clone(wb.names)
	slices.Sort(names)
	if d := cmp.Diff(names, made); d != "" {
		t.Errorf("makers (-sheets +makers):\n%s", d)
	}
}

// The flare-up plan comes first when the analysis says it is due (status amber or red: the
// sample ends red, with pain 3 above the threshold 2), after the key figures when it is not.
func TestBuildFlareUpPlanFirstWhenDue(t *testing.T) {
	r, log := sampleResult()
	labels := func(r analysis.Result) []string {
		var out []string
		for _, row := range Build(r, log, Meta{}).Sheets[0].Rows {
			if len(row) > 0 {
				if s, ok := row[0].V.(string); ok && s != "" {
					out = append(out, s)
				}
			}
		}
		return out
	}
	if !r.FlareUp.Due {
		t.Fatalf("sample: status %s, flare-up plan not due", r.Status.Level)
	}
	due := labels(r)
	if i, j := slices.Index(due, "Flare-up plan (agreed)"), slices.Index(due, "Key figures"); i < 0 || i > j {
		t.Errorf("due (%s): flare-up plan at %d, key figures at %d; want the plan first: %q", r.Status.Level, i, j, due)
	}
	r.Status.Level, r.FlareUp.Due = analysis.LevelGreen, false
	green := labels(r)
	if i, j := slices.Index(green, "Flare-up plan (agreed)"), slices.Index(green, "Key figures"); i < j {
		t.Errorf("green: flare-up plan at %d, key figures at %d; want it after the figures", i, j)
	}
}

func writeBytes(t *testing.T, r analysis.Result, log analysis.ImportLog, streamFrom int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := writeWorkbook(&b, Build(r, log, Meta{Version: "test"}), streamFrom); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteXLSXByteIdentical(t *testing.T) {
	r, log := sampleResult()
	big := bigResult(streamRows + 50)
	for _, tc := range []struct {
		name       string
		r          analysis.Result
		streamFrom int
	}{
		{"ten weeks", r, streamRows},
		{"ten weeks, every sheet streamed that can be", r, 1},
		{"27 years, Daily and Sessions streamed", big, streamRows},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := writeBytes(t, tc.r, log, tc.streamFrom)
			b := writeBytes(t, tc.r, log, tc.streamFrom)
			if !bytes.Equal(a, b) {
				t.Error("two writes of the same Result differ")
			}
		})
	}
}

func TestWriteXLSXFixedDocProps(t *testing.T) {
	r, log := sampleResult()
	parts := unzip(t, writeBytes(t, r, log, streamRows))
	core := string(parts["docProps/core.xml"])
	if n := strings.Count(core, "2026-03-15T00:00:00Z"); n != 2 {
		t.Errorf("core.xml has the period end %d times, want 2 (created, modified):\n%s", n, core)
	}
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// The paired table on Flags is a filtered range (the sheet's autofilter), written the same way
// whether the sheet is streamed or not, and the page still fits its width.
func TestWriteXLSXFlagsFilter(t *testing.T) {
	r, log := sampleResult()
	for _, streamFrom := range []int{streamRows, 1} {
		parts := unzip(t, writeBytes(t, r, log, streamFrom))
		sheet := string(parts["xl/worksheets/sheet5.xml"]) // Flags, the fifth sheet
		for _, want := range []string{`<autoFilter ref="$A$21:$J$74">`, `<tableParts count="1">`, `<sheetPr filterMode="true"><pageSetUpPr fitToPage="true">`} {
			if !strings.Contains(sheet, want) {
				t.Errorf("streamFrom %d: Flags sheet lacks %s", streamFrom, want)
			}
		}
		if wb := string(parts["xl/workbook.xml"]); !strings.Contains(wb, `<definedName hidden="true" localSheetId="4" name="_xlnm._FilterDatabase">&#39;Flags&#39;!$A$21:$J$74</definedName>`) {
			t.Errorf("streamFrom %d: workbook.xml has no filter range for Flags:\n%s", streamFrom, wb)
		}
	}
}

func TestWriteXLSXReadBack(t *testing.T) {
	r, log := sampleResult()
	f := open(t, writeBytes(t, r, log, streamRows))
	want := []string{"Summary", "Sessions", "Daily", "Weekly", "Flags", "Plan", "Import log", "Method"}
	if d := cmp.Diff(want, f.GetSheetList()); d != "" {
		t.Errorf("sheets (-want +got):\n%s", d)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want 0 (Summary)", got)
	}
	for sheet, n := range map[string]int{"Sessions": 1, "Daily": 1, "Weekly": 1, "Flags": 1, "Plan": 1, "Import log": 1, "Method": 1} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != n {
			t.Errorf("%s: %d tables (%v), want %d", sheet, len(tables), err, n)
		}
	}
	// Real dates and numbers: the first session's date is the serial of 2026-01-05.
	if v, _ := f.GetCellValue("Sessions", "A2"); v != "46027" {
		t.Errorf("Sessions!A2 = %q, want the serial 46027", v)
	}
	if v, _ := f.GetCellValue("Sessions", "B2"); v != "46027.2986111111" {
		t.Errorf("Sessions!B2 = %q, want 07:10 local on 2026-01-05 (46027.2986…)", v)
	}
	// An absent value is an empty cell: the run of 2026-01-23 had no HR.
	rows, err := f.GetRows("Sessions")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows[1:] {
		if row[0] == "46045" && row[2] == "running" && strings.HasPrefix(row[1], "46045.29") {
			found = true
			if len(row) > 7 && row[7] != "" {
				t.Errorf("run without HR: Avg HR cell = %q, want empty", row[7])
			}
		}
	}
	if !found {
		t.Error("no run on 2026-01-23 in Sessions")
	}
	charts := 0
	for name := range unzip(t, writeBytes(t, r, log, streamRows)) {
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2", charts)
	}
}

// TestStreamAndNormalAgree writes the workbook once in normal mode and once with every sheet
// that can be streamed, and compares what a reader sees.
func TestStreamAndNormalAgree(t *testing.T) {
	r, log := sampleResult()
	normal := open(t, writeBytes(t, r, log, math.MaxInt))
	stream := open(t, writeBytes(t, r, log, 1))
	for _, sheet := range normal.GetSheetList() {
		a, err := normal.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		b, err := stream.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(a, b); d != "" {
			t.Errorf("%s: normal vs stream (-normal +stream):\n%s", sheet, d)
		}
		ta, _ := normal.GetTables(sheet)
		tb, _ := stream.GetTables(sheet)
		if len(ta) != len(tb) {
			t.Errorf("%s: %d tables normal, %d stream", sheet, len(ta), len(tb))
		}
		ca, _ := normal.GetConditionalFormats(sheet)
		cb, _ := stream.GetConditionalFormats(sheet)
		if len(ca) != len(cb) {
			t.Errorf("%s: %d conditional formats normal, %d stream", sheet, len(ca), len(cb))
		}
		pa, _ := normal.GetPanes(sheet)
		pb, _ := stream.GetPanes(sheet)
		if pa.Freeze != pb.Freeze || pa.YSplit != pb.YSplit {
			t.Errorf("%s: panes %+v normal, %+v stream", sheet, pa, pb)
		}
	}
}

func TestWriteXLSXStreamsYearsOfData(t *testing.T) {
	big := bigResult(streamRows + 50)
	b := writeBytes(t, big, analysis.ImportLog{}, streamRows)
	parts := unzip(t, b)
	// Stream-written sheets hold inline strings; Daily is sheet 3, Sessions sheet 2.
	for _, p := range []string{"xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"} {
		if !bytes.Contains(parts[p], []byte(`t="inlineStr"`)) {
			t.Errorf("%s was not stream-written", p)
		}
	}
	f := open(t, b)
	rows, err := f.GetRows("Daily")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != streamRows+51 {
		t.Errorf("Daily has %d rows, want %d", len(rows), streamRows+51)
	}
	tables, _ := f.GetTables("Daily")
	if len(tables) != 1 || tables[0].Range != fmt.Sprintf("A1:P%d", streamRows+51) {
		t.Errorf("Daily tables %+v", tables)
	}
	cfs, _ := f.GetConditionalFormats("Daily")
	if len(cfs) == 0 {
		t.Error("Daily: conditional formats lost on the stream path")
	}
	if p, _ := f.GetPanes("Daily"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("Daily: panes %+v, want the header frozen", p)
	}
}

func TestWriteXLSXEmptyResult(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, analysis.Result{}, analysis.ImportLog{}, Meta{}); err != nil {
		t.Fatal(err)
	}
	open(t, b.Bytes())
}

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

var (
	coordPair = regexp.MustCompile(`(?:^|[^\d.])-?\d{1,3}\.\d{4,}\s*[,; ]\s*-?\d{1,3}\.\d{4,}`)
	geoWord   = regexp.MustCompile(`(?i)\b(lat|lon|lng|latitude|longitude|position_lat|position_long|position)\b`)
)

// positions lists the parts of an xlsx that look like they hold a GPS position.
func positions(parts map[string][]byte) []string {
	var found []string
	for name, data := range parts {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		if m := coordPair.Find(data); m != nil {
			found = append(found, fmt.Sprintf("%s: %q", name, m))
		}
		if m := geoWord.Find(data); m != nil {
			found = append(found, fmt.Sprintf("%s: %q", name, m))
		}
	}
	slices.Sort(found)
	return found
}

func TestNoPositionsInReport(t *testing.T) {
	r, log := sampleResult()
	if got := positions(unzip(t, writeBytes(t, r, log, streamRows))); len(got) > 0 {
		t.Errorf("the report looks like it holds positions:\n%s", strings.Join(got, "\n"))
	}
	// The scan itself finds a planted position.
	r.Days[5].Symptoms.Notes = "ran from 51.50740, -0.12780"
	if got := positions(unzip(t, writeBytes(t, r, log, streamRows))); len(got) == 0 {
		t.Error("the scan missed a planted position")
	}
}

// dump renders a Workbook as text, for the golden file.
func dump(wb *Workbook) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title %q subject %q modified %s active %s\n", wb.Title, wb.Subject, wb.Modified.Format(time.RFC3339), wb.Active)
	for _, sh := range wb.Sheets {
		fmt.Fprintf(&b, "\n== %s: widths %v freeze %d one page %v\n", sh.Name, sh.Widths, sh.FreezeRows, sh.OnePage)
		for _, t := range sh.Tables {
			fmt.Fprintf(&b, "table %s A%d:%s%d stripes %v\n", t.Name, t.Header, colName(t.Cols), t.Last, t.ShowStripes)
		}
		if sh.AutoFilter != "" {
			fmt.Fprintf(&b, "filter %s\n", sh.AutoFilter)
		}
		for _, c := range sh.Conds {
			fmt.Fprintf(&b, "cond %s %s %s\n", c.Range, c.Formula, styleString(c.Style))
		}
		for _, h := range sh.Heights {
			fmt.Fprintf(&b, "height %d %g\n", h.Row, h.Height)
		}
		for _, m := range sh.Merges {
			fmt.Fprintf(&b, "merge %s\n", m.Ref())
		}
		for _, c := range sh.Charts {
			fmt.Fprintf(&b, "chart %s %q %dx%d secondary %v y %q y2 %q x %q\n", c.Anchor, c.Title, c.Width, c.Height, c.LinesSecondary, c.YTitle, c.Y2Title, c.XFmt)
			for _, s := range c.Columns {
				fmt.Fprintf(&b, "  columns %+v\n", s)
			}
			for _, s := range c.Lines {
				fmt.Fprintf(&b, "  line %+v\n", s)
			}
		}
		for i, row := range sh.Rows {
			for j, c := range row {
				if c.V == nil {
					continue
				}
				fmt.Fprintf(&b, "%s%d %s%s\n", colName(j+1), i+1, valueString(c.V), styleString(c.S))
			}
		}
	}
	return b.Bytes()
}

func valueString(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 {
			return v.Format("date:2006-01-02")
		}
		return v.Format("time:2006-01-02T15:04")
	case time.Duration:
		return "dur:" + v.String()
	case float64:
		return fmt.Sprintf("%.6g", v)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

func styleString(s Style) string {
	if s == (Style{}) {
		return ""
	}
	var parts []string
	if s.Fmt != "" {
		parts = append(parts, "fmt="+s.Fmt)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{s.Bold, "bold"}, {s.Italic, "italic"}, {s.Wrap, "wrap"}, {s.Top, "top"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	if s.Indent != 0 {
		parts = append(parts, fmt.Sprintf("indent=%d", s.Indent))
	}
	if s.Size != 0 {
		parts = append(parts, fmt.Sprintf("size=%g", s.Size))
	}
	if s.Color != "" {
		parts = append(parts, "color="+s.Color)
	}
	if s.Fill != "" {
		parts = append(parts, "fill="+s.Fill)
	}
	return " {" + strings.Join(parts, " ") + "}"
}

// TestReportOfAnalyze runs the real analysis over a small made-up history, so a change there
// that the report cannot present (a NaN, a new empty slice) shows up here.
func TestReportOfAnalyze(t *testing.T) {
	var sessions []analysis.Session
	var symptoms []analysis.SymptomEntry
	for i := range 42 {
		d := day0.AddDays(i)
		symptoms = append(symptoms, analysis.SymptomEntry{Day: d, Pain: analysis.Some(float64(1 + i%3)),
			Rehab: analysis.Some(i%2 == 0)})
		if i%2 == 0 {
			mins := 20 + i
			sessions = append(sessions, analysis.Session{Source: fmt.Sprintf("runs/%d.fit", i), Sport: analysis.Running,
				Start: time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, cet), Duration: time.Duration(mins) * time.Minute,
				Elapsed: time.Duration(mins+2) * time.Minute, DistanceM: analysis.Some(float64(mins) * 160),
				AvgHR: analysis.Some(140)})
		}
	}
	plan := analysis.Plan{Rules: []analysis.Rule{
		{From: day0, ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 45},
		{From: day0, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 120},
		{From: day0, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Value: 3},
		{From: day0, ID: analysis.FlareUpPlan, Sport: analysis.Any, Text: "two rest days, then the last good week"},
	}}
	r := analysis.Analyze(sessions, symptoms, plan, analysis.Config{})
	log := analysis.ImportLog{Inputs: []analysis.Input{{Path: "runs", Kind: analysis.KindFIT, Status: analysis.StatusOK, Sessions: len(sessions)}}}
	var j bytes.Buffer
	if err := WriteJSON(&j, r, log); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(j.Bytes()) {
		t.Fatal("invalid JSON")
	}
	var a, b bytes.Buffer
	if err := WriteXLSX(&a, r, log, Meta{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&b, r, log, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
	if got := positions(unzip(t, a.Bytes())); len(got) > 0 {
		t.Errorf("positions: %v", got)
	}
	f := open(t, a.Bytes())
	if rows, _ := f.GetRows("Sessions"); len(rows) != len(sessions)+1 {
		t.Errorf("Sessions has %d rows, want %d", len(rows), len(sessions)+1)
	}
}

// TestLaterRowsAsStreamed: an Import log long enough to be streamed, its rows written into
// the archive a chunk at a time (laterRows), gives the bytes the StreamWriter gives when it
// is handed every row: texts that need escaping, spaces kept, text over a cell's limit, rows
// that wrap, rejected rows and notes, over several chunks.
func TestLaterRowsAsStreamed(t *testing.T) {
	r, sample := sampleResult()
	log := analysis.ImportLog{Rejected: sample.Rejected, Notes: sample.Notes}
	odd := []string{"", "a & b < c > d \"e\" 'f'", " leading and trailing ", "tab\there", "line\nbreak", "_x0041_ and _x", "é 漢字 🏃",
		strings.Repeat("a long reason that wraps in its column ", 6), strings.Repeat("past a cell's limit ", 2200)}
	for i := range 2*laterChunk + 37 {
		in := analysis.Input{Path: fmt.Sprintf("export/%05d.fit", i), Kind: analysis.KindFIT, Status: analysis.StatusOK, Sessions: i % 3}
		if i%7 == 0 {
			in.Status, in.Detail = analysis.StatusError, odd[i/7%len(odd)]
			in.Path = fmt.Sprintf("export/%s/%05d.gpx", odd[i%3], i)
		}
		log.Inputs = append(log.Inputs, in)
	}
	meta := Meta{Version: "test"}
	var later, whole bytes.Buffer
	if err := writeWorkbook(&later, plan(r, log, meta), streamRows); err != nil {
		t.Fatal(err)
	}
	wb := plan(r, log, meta)
	for i, m := range wb.makers {
		wb.makers[i].make = func() *Sheet { sh := m.make(); materialize(sh); return sh }
	}
	if err := writeWorkbook(&whole, wb, streamRows); err != nil {
		t.Fatal(err)
	}
	a, b := unzip(t, whole.Bytes()), unzip(t, later.Bytes())
	if !bytes.Contains(a["xl/worksheets/sheet7.xml"], []byte(`t="inlineStr"`)) {
		t.Fatal("the Import log was not stream-written")
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs: %d bytes with every row handed to the StreamWriter, %d written a chunk at a time", name, len(a[name]), len(b[name]))
		}
	}
	if !bytes.Equal(whole.Bytes(), later.Bytes()) {
		t.Error("the workbooks differ")
	}
}
