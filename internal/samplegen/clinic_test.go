package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runload/analysis"
	"runload/ingest"
)

func TestGenerateCaseloadTwiceIsIdentical(t *testing.T) {
	a, err := GenerateCaseload()
	if err != nil {
		t.Fatal(err)
	}
	b, err := GenerateCaseload()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

// TestCaseloadStatuses writes the sample caseload and analyses each runner as the tool does
// (ingest, the log's period, Analyze): every runner's last day is LastDay, and each has the
// status its note promises.
func TestCaseloadStatuses(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-clinic", dir}, os.Stderr); err != nil {
		t.Fatal(err)
	}
	want := map[string]analysis.StatusLevel{"Ana Costa": analysis.LevelGreen, "Ben Okafor": analysis.LevelRed,
		"Chloé Dubois": analysis.LevelAmber, "Dev Patel": analysis.LevelGreen}
	for _, cr := range Caseload {
		t.Run(cr.Name, func(t *testing.T) {
			folder := filepath.Join(dir, cr.Name)
			opt := ingest.Options{Zone: time.UTC}
			b, err := ingest.Read(context.Background(), []string{folder}, opt)
			if err != nil {
				t.Fatal(err)
			}
			if cr.Cut == "" {
				if len(b.Sessions) != 0 || len(b.SymptomFiles) != 0 {
					t.Errorf("%d sessions and %d logs in a folder meant to hold nothing usable", len(b.Sessions), len(b.SymptomFiles))
				}
				return
			}
			if len(b.SymptomFiles) != 1 {
				t.Fatalf("%d symptom logs, want 1", len(b.SymptomFiles))
			}
			lr, err := ingest.ReadLogs(b.SymptomFiles[0], ingest.LogFile{}, opt)
			if err != nil || len(lr.Rejected) > 0 || !lr.HasPlan {
				t.Fatalf("reading the log: %v, %d rows rejected, plan %v", err, len(lr.Rejected), lr.HasPlan)
			}
			p, ok := analysis.ChoosePeriod(b.Sessions, lr.Entries, analysis.Config{}, false)
			if !ok {
				t.Fatal("no period")
			}
			shift := int(LastDay.Sub(day(cr.Cut)).Hours() / 24)
			if first := analysis.DayOf(FirstDay.AddDate(0, 0, shift)); p.From != first || p.To != analysis.DayOf(LastDay) {
				t.Errorf("period %s to %s, want %s to %s", p.From, p.To, first, analysis.DayOf(LastDay))
			}
			r := analysis.Analyze(b.Sessions, lr.Entries, lr.Plan, analysis.Config{From: analysis.Some(p.From), To: analysis.Some(p.To)})
			if r.Status.Level != want[cr.Name] {
				t.Errorf("status %s %q, want %s (%s)", r.Status.Level, r.Status.Reasons, want[cr.Name], cr.Note)
			}
			for _, f := range b.Inputs {
				if !strings.HasPrefix(f.Path, cr.Name+"/") || f.Status != analysis.StatusOK && f.Status != analysis.StatusDuplicate {
					t.Errorf("input %s: %s %s", f.Path, f.Status, f.Detail)
				}
			}
		})
	}
}
