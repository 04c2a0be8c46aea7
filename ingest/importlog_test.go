package ingest

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"runload/analysis"
)

func TestLeaveOutUndated(t *testing.T) {
	dated := analysis.Session{Start: time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)}
	epoch := analysis.Session{Start: time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)}
	powerOn := analysis.Session{Start: time.Date(1990, 7, 9, 7, 0, 41, 0, time.UTC)}

	got := leaveOutUndated(FileResult{Sessions: []analysis.Session{epoch, dated, powerOn}, Status: analysis.StatusOK})
	if len(got.Sessions) != 1 || !got.Sessions[0].Start.Equal(dated.Start) {
		t.Errorf("kept %d sessions, want only the 2024 one", len(got.Sessions))
	}
	if got.Status != analysis.StatusPartial || got.Detail != "2 sessions left out of the calendar: no real date" {
		t.Errorf("status %s, detail %q", got.Status, got.Detail)
	}

	same := FileResult{Sessions: []analysis.Session{dated}, Status: analysis.StatusOK, Detail: "fine"}
	if got := leaveOutUndated(same); got.Status != analysis.StatusOK || got.Detail != "fine" || len(got.Sessions) != 1 {
		t.Errorf("a dated file changed: %+v", got)
	}
}

// TestUnsetClockStaysOffTheCalendar reads the Forerunner 70 dump whose clock was never set
// (DECODE-NOTES: start 1990-07-09): it must say so, and give no session to the analysis.
func TestUnsetClockStaysOffTheCalendar(t *testing.T) {
	p := corpusFile(t, "fit/fitparse_antfs-dump.63.fit")
	b, err := Read(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sessions) != 0 {
		t.Errorf("%d sessions reach the analysis, want 0 (dated %v)", len(b.Sessions), b.Sessions[0].Start)
	}
	in := b.Inputs[0]
	if in.Status != analysis.StatusPartial || in.Sessions != 0 ||
		!strings.Contains(in.Detail, "clock not set on the watch") ||
		!strings.Contains(in.Detail, "1 session left out of the calendar: no real date") {
		t.Errorf("import log line = %+v", in)
	}
}

// TestImportLogHoldsNoPositions reads the whole real corpus: no line of the import log may
// quote a position (the log goes into the report, which is shared). One GPX file there is
// a text message that starts "Found track point at -36.720713,142.176768".
func TestImportLogHoldsNoPositions(t *testing.T) {
	b, err := Read(context.Background(), []string{needCorpus(t)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	coord := regexp.MustCompile(`-?\d{1,3}\.\d{4,}\s*,\s*-?\d{1,3}\.\d{4,}`)
	for _, in := range b.Inputs {
		if coord.MatchString(in.Detail) {
			t.Errorf("%s: detail quotes a position: %q", in.Path, in.Detail)
		}
		if strings.HasSuffix(in.Path, "gpsbabel_trackfilter_discard_err.gpx") && in.Detail != in.Path+": not a GPX file: text, not XML" {
			t.Errorf("%s: detail %q", in.Path, in.Detail)
		}
	}
}
