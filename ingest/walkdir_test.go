package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// TestWalkDirIsWalkDir: with room for every entry, walkDir visits what fs.WalkDir visits, in
// the same order, and honours fs.SkipDir for a folder and for the rest of a folder.
func TestWalkDirIsWalkDir(t *testing.T) {
	fsys := fstest.MapFS{
		"b/2.fit": {}, "b/1.fit": {}, "a.gpx": {}, "c/skip/x.fit": {}, "c/y.fit": {},
		"d/1.tcx": {}, "d/2.tcx": {}, "d/3.tcx": {}, "e.zip": {},
	}
	visit := func(walk func(fs.FS, string, fs.WalkDirFunc) error) []string {
		var got []string
		err := walk(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			got = append(got, fmt.Sprintf("%s dir=%v err=%v", name, d != nil && d.IsDir(), err))
			switch name {
			case "c/skip":
				return fs.SkipDir // this folder
			case "d/2.tcx":
				return fs.SkipDir // the rest of d
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := visit(fs.WalkDir)
	got := visit(func(f fs.FS, root string, fn fs.WalkDirFunc) error { return walkDir(f, root, 100, fn) })
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("walkDir differs from fs.WalkDir (-want +got):\n%s", d)
	}
}

// TestWalkDirRefusesABigFolder: a folder of more entries than the cap is reported, with
// tooManyEntriesError, and none of its entries is visited; one at the cap is walked.
func TestWalkDirRefusesABigFolder(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 5 {
		fsys[fmt.Sprintf("big/%d.fit", i)] = &fstest.MapFile{}
	}
	fsys["small/a.fit"] = &fstest.MapFile{}
	for _, c := range []struct {
		max  int
		want []string
	}{
		{5, []string{".", "big", "big/0.fit", "big/1.fit", "big/2.fit", "big/3.fit", "big/4.fit", "small", "small/a.fit"}},
		{4, []string{".", "big", "big: holds more than 4 files or folders: not read; split it into smaller folders", "small", "small/a.fit"}},
	} {
		var got []string
		err := walkDir(fsys, ".", c.max, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.As(err, new(tooManyEntriesError)) {
					t.Errorf("%s: error %v, want a tooManyEntriesError", name, err)
				}
				got = append(got, name+": "+err.Error())
				return fs.SkipDir
			}
			got = append(got, name)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("max %d (-want +got):\n%s", c.max, d)
		}
	}
}

// TestWalkerListsAtMostFiles: a run lists at most Limits.Files files; the file where it
// stopped is named in the import log with the reason, every file after it (in this folder
// and the next PATH) is not listed, and a folder of more entries than the cap is refused
// with its reason.
func TestWalkerListsAtMostFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"run/1/a.gpx", "run/1/b.gpx", "run/2/c.gpx", "run/2/d.gpx", "run/3/e.gpx", "next/f.gpx",
		"big/1.gpx", "big/2.gpx", "big/3.gpx", "big/4.gpx", "big/5.gpx"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<gpx/>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := newWalker(context.Background(), Limits{Files: 3})
	for _, p := range []string{filepath.Join(dir, "run"), filepath.Join(dir, "next")} {
		if err := w.walkPath(p); err != nil {
			t.Fatal(err)
		}
	}
	w.close()
	var got []string
	for _, in := range w.inputs {
		got = append(got, strings.TrimSpace(fmt.Sprintf("%s %s %s", in.Path, in.Status, in.Detail)))
	}
	want := []string{"run/1/a.gpx", "run/1/b.gpx", "run/2/c.gpx",
		"run/2/d.gpx error more than 3 files under the PATHs: run/2/d.gpx and every file after it are not read; pass fewer folders at once (a year at a time)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("import log (-want +got):\n%s", d)
	}

	w = newWalker(context.Background(), Limits{Files: 4})
	if err := w.walkPath(filepath.Join(dir, "big")); err != nil {
		t.Fatal(err)
	}
	w.close()
	if len(w.inputs) != 1 || w.inputs[0].Status != analysis.StatusError ||
		w.inputs[0].Detail != "reading big: holds more than 4 files or folders: not read; split it into smaller folders" {
		t.Errorf("a folder of 5 files under a cap of 4: %+v", w.inputs)
	}
}
