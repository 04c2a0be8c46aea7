package ingest_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runload/analysis"
	"runload/ingest"
	"runload/internal/hostilegen"
)

// TestHostileInputs reads every input of internal/hostilegen, the watch folder in one batch
// and each symptom log on its own, and checks what the import log says about each. Nothing
// may panic, every file on disk must appear in the import log, and the good files beside the
// bad ones must still give their sessions.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	cases, err := hostilegen.Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // inner zips spooled to disk must be gone afterwards
	opt := ingest.Options{Zone: time.UTC, Limits: hostilegen.Limits(), Workers: 2}
	watch := filepath.Join(dir, hostilegen.Watch)
	b, err := ingest.Read(context.Background(), []string{watch}, opt)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]analysis.Input{}
	for _, in := range b.Inputs {
		byPath[in.Path] = in
		if in.Status != analysis.StatusOK && in.Detail == "" {
			t.Errorf("%s: status %s without a reason", in.Path, in.Status)
		}
		if strings.Contains(in.Detail, "panic") || strings.Contains(in.Detail, "decoder failed") {
			t.Errorf("%s: a decoder panicked: %s", in.Path, in.Detail)
		}
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var (
				in       analysis.Input
				rejected []*ingest.CellError
				ok       bool
			)
			if c.Log {
				name := filepath.Base(c.Path)
				res, err := ingest.ReadSymptoms(c.Path, name, opt)
				if err != nil {
					in = analysis.Input{Path: name, Kind: analysis.KindSymptoms, Status: analysis.StatusError, Detail: err.Error()}
				} else if len(res.Inputs) > 0 {
					in, rejected = res.Inputs[0], res.Rejected
				}
				ok = in.Path == name
			} else {
				in, ok = byPath[shownIn(watch, c.Path)]
			}
			if !ok {
				t.Fatalf("%s is not in the import log", c.Path)
			}
			if in.Kind != c.WantKind || in.Status != c.WantStatus || !strings.Contains(in.Detail, c.WantDetail) {
				t.Errorf("got %s %s %q\nwant %s %s with %q", in.Kind, in.Status, in.Detail, c.WantKind, c.WantStatus, c.WantDetail)
			}
			if c.WantRejected != "" {
				found := false
				for _, r := range rejected {
					rr := r.Rejected()
					found = found || strings.Contains(rr.Reason, c.WantRejected) && rr.File != "" && rr.Cell != ""
				}
				if !found {
					t.Errorf("no rejected row says %q: %+v", c.WantRejected, rejected)
				}
			}
			if in.Status == analysis.StatusError && c.Log && !strings.Contains(in.Detail, filepath.Base(c.Path)) {
				t.Errorf("the error %q does not name the file", in.Detail)
			}
		})
	}

	// Every file on disk is in the import log, itself or as the archive it holds.
	err = filepath.WalkDir(watch, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		shown := shownIn(watch, p)
		if _, ok := byPath[shown]; ok {
			return nil
		}
		for q := range byPath {
			if strings.HasPrefix(q, shown+"/") {
				return nil
			}
		}
		t.Errorf("%s is not in the import log", p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The good activities survive: good.gpx, the one beside the zip bomb, the one behind the
	// ../../ name, the eight of too-much.zip before its cap, and locked.gpx when running as root.
	want := 3 + 8
	if os.Geteuid() == 0 {
		want++
	}
	if len(b.Sessions) != want {
		t.Errorf("%d sessions, want %d", len(b.Sessions), want)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// shownIn is how Read shows the file p found under the folder root: from root's base name
// on, slash-separated.
func shownIn(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		panic(err)
	}
	return filepath.Base(root) + "/" + filepath.ToSlash(rel)
}
