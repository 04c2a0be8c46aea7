package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResponseCounts(t *testing.T) {
	// Runs on Mon 2, Wed 4, Fri 6 and Sun 8 March; mornings 2–9 March logged but the 5th.
	sessions := []Session{run("2026-03-02", 30, 5), run("2026-03-04", 30, 5), run("2026-03-06", 30, 5), run("2026-03-08", 30, 5)}
	log := painDays("2026-03-02", 1, 4, 1, -1, 1, 1, 1, 1)
	r := Analyze(sessions, log, Plan{}, Config{})
	// 2 Mar: baseline 1, next morning 4 ≥ 1 + 2: a response at 24 h, so at 48 h too.
	// 4 Mar: the 5th not logged: 24 h unknown; the 6th pain 1, no response: 48 h unknown too
	//        (one morning unknown, and no response on the other).
	// 6 Mar: 1 then 1: no response at 24 h, nor at 48 h.
	// 8 Mar: the 9th pain 1: no response at 24 h; the 10th is not logged: 48 h unknown.
	want := ResponseCounts{TrainingDays: 4, Judged24h: 3, Responses24h: 1, Judged48h: 2, Responses48h: 1}
	if d := cmp.Diff(want, r.Responses); d != "" {
		t.Errorf("Responses (-want +got):\n%s", d)
	}
	if got := Analyze(nil, log, Plan{}, Config{}).Responses; got != (ResponseCounts{}) {
		t.Errorf("no training days: Responses = %+v, want zero counts", got)
	}
}
