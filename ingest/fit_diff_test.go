package ingest

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfit "github.com/tormoder/fit"

	"runload/analysis"
)

// decodedCleanly reports whether our reader decoded the whole file: no CRC or decode error
// (a clock that was never set still counts as clean).
func decodedCleanly(res FileResult) bool {
	if len(res.Sessions) == 0 {
		return false
	}
	for _, bad := range []string{"cut short", "CRC", "unreadable", "not a readable"} {
		if strings.Contains(res.Detail, bad) {
			return false
		}
	}
	return true
}

// TestFITDifferential compares our reader (muktihari/fit) with tormoder/fit on every corpus
// file both decode without error: the same sessions, with the same start, timer time,
// distance and average HR. Where tormoder has a total invalid (NaN, 0xFF) our reader may have
// computed it from records, so that field is not compared.
func TestFITDifferential(t *testing.T) {
	compared, sessions := 0, 0
	for _, path := range realFITFiles(t) {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tf, err := tfit.Decode(bytes.NewReader(data))
		if err != nil || tf.Type() != tfit.FileTypeActivity {
			continue
		}
		act, err := tf.Activity()
		if err != nil || len(act.Sessions) == 0 {
			continue
		}
		res, _ := decodeFIT(data, name, Options{})
		if !decodedCleanly(res) {
			// tormoder reads only the first FIT part and ignores damaged chained parts.
			t.Logf("%s: not compared: tormoder decodes it, we give %s %q", name, res.Status, res.Detail)
			continue
		}
		compared++
		if len(res.Sessions) != len(act.Sessions) {
			t.Errorf("%s: %d sessions, tormoder %d", name, len(res.Sessions), len(act.Sessions))
			continue
		}
		for i, ts := range act.Sessions {
			sessions++
			diffSession(t, name, i, res.Sessions[i], ts)
		}
	}
	t.Logf("compared %d files, %d sessions", compared, sessions)
	if compared < 90 {
		t.Errorf("only %d files compared, want at least 90", compared)
	}
}

func diffSession(t *testing.T, name string, i int, got analysis.Session, want *tfit.SessionMsg) {
	t.Helper()
	// Before 1998 the watch clock was not set; we place such times by timestamp_correlation.
	if want.StartTime.Year() >= 1998 && !got.Start.Equal(want.StartTime) {
		t.Errorf("%s session %d: start %s, tormoder %s", name, i, got.Start.UTC(), want.StartTime.UTC())
	}
	if w := want.GetTotalTimerTimeScaled(); !math.IsNaN(w) && math.Abs(got.Duration.Seconds()-w) > 1 {
		t.Errorf("%s session %d: timer %v, tormoder %.3fs", name, i, got.Duration, w)
	}
	switch w := want.GetTotalDistanceScaled(); {
	case math.IsNaN(w): // invalid in the file: ours may come from records
	case w == 0:
		if got.DistanceM.OK {
			t.Errorf("%s session %d: distance %.2f m, tormoder 0 (want absent)", name, i, got.DistanceM.V)
		}
	case !got.DistanceM.OK || math.Abs(got.DistanceM.V-w) > 1:
		t.Errorf("%s session %d: distance %v, tormoder %.2f m", name, i, got.DistanceM, w)
	}
	switch w := int(want.AvgHeartRate); {
	case w == 0xFF: // invalid in the file: ours may come from records
	case w == 0:
		if got.AvgHR.OK {
			t.Errorf("%s session %d: average HR %d, tormoder 0 (want absent)", name, i, got.AvgHR.V)
		}
	case !got.AvgHR.OK || got.AvgHR.V < w-1 || got.AvgHR.V > w+1:
		t.Errorf("%s session %d: average HR %v, tormoder %d", name, i, got.AvgHR, w)
	}
}
