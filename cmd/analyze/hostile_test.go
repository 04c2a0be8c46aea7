package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"runload/internal/hostilegen"
)

// jsonInputs is the import log of a -json report.
type jsonInputs struct {
	Inputs []struct {
		Path, Kind, Status, Detail string
		Sessions                   int
	} `json:"inputs"`
	Rejected []struct{ File, Cell, Reason string } `json:"rejected"`
}

// runHostile runs analyze with args and the small limits the hostile inputs are sized
// against, as main would, and returns stderr, the JSON report and the error.
func runHostile(t *testing.T, args ...string) (string, jsonInputs, error) {
	t.Helper()
	js := filepath.Join(t.TempDir(), "report.json")
	args = append([]string{"-q", "-tz", "UTC", "-json", js}, args...)
	var stderr bytes.Buffer
	o, err := parseFlags(args, &stderr)
	if err != nil {
		t.Fatalf("flags %v: %v", args, err)
	}
	o.ingest.Limits = hostilegen.Limits()
	err = analyze(context.Background(), o, io.Discard, &stderr)
	var doc jsonInputs
	if data, rerr := os.ReadFile(js); rerr == nil {
		if jerr := json.Unmarshal(data, &doc); jerr != nil {
			t.Fatal(jerr)
		}
	}
	return stderr.String(), doc, err
}

// TestHostileEndToEnd runs the whole command over internal/hostilegen's inputs: the watch
// folder in one run, each symptom log in a run of its own. Every run finishes with a report,
// every input is in its import log with the status and message it should have, and -strict
// exits 3.
func TestHostileEndToEnd(t *testing.T) {
	dir := t.TempDir()
	cases, err := hostilegen.Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	watch := filepath.Join(dir, hostilegen.Watch)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	stderr, doc, err := runHostile(t, "-o", out, watch)
	if err != nil {
		t.Fatalf("run over %s: %v\n%s", watch, err, stderr)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("no report written: %v", err)
	}
	byPath := map[string]int{}
	for i, in := range doc.Inputs {
		byPath[in.Path] = i
		if in.Status != "ok" && in.Detail == "" {
			t.Errorf("%s: %s without a reason", in.Path, in.Status)
		}
		if strings.Contains(in.Detail, "decoder failed") {
			t.Errorf("%s: a decoder panicked: %s", in.Path, in.Detail)
		}
	}
	good := filepath.Join(watch, "good.gpx")
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			d := doc
			if c.Log {
				var err error
				stderr, d, err = runHostile(t, "-o", filepath.Join(t.TempDir(), "r.xlsx"), "-symptoms", c.Path, good)
				if err != nil {
					t.Fatalf("a bad symptom log must not stop the report: %v\n%s", err, stderr)
				}
			}
			// The import log shows paths from the PATH they were found under; a log
			// named with -symptoms shows its base name.
			want := filepath.Join(hostilegen.Watch, strings.TrimPrefix(c.Path, watch+string(filepath.Separator)))
			if c.Log {
				want = filepath.Base(c.Path)
			}
			found := false
			for _, in := range d.Inputs {
				if in.Path != filepath.ToSlash(want) {
					continue
				}
				found = true
				if in.Kind != string(c.WantKind) || in.Status != string(c.WantStatus) || !strings.Contains(in.Detail, c.WantDetail) {
					t.Errorf("got %s %s %q\nwant %s %s with %q", in.Kind, in.Status, in.Detail, c.WantKind, c.WantStatus, c.WantDetail)
				}
			}
			if !found {
				t.Fatalf("%s is not in the import log", want)
			}
			if c.WantRejected != "" {
				ok := false
				for _, r := range d.Rejected {
					ok = ok || strings.Contains(r.Reason, c.WantRejected)
				}
				if !ok {
					t.Errorf("no rejected row says %q: %+v", c.WantRejected, d.Rejected)
				}
			}
		})
	}
	// Every file on disk is in the import log, itself or as the archive that holds it.
	err = filepath.WalkDir(watch, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return nil
		}
		shown := hostilegen.Watch + "/" + filepath.ToSlash(strings.TrimPrefix(p, watch+string(filepath.Separator)))
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

	_, _, err = runHostile(t, "-strict", "-o", out, watch)
	if code := exitCode(err); code != exitIncident {
		t.Errorf("-strict over the hostile folder: exit %d (%v), want %d", code, err, exitIncident)
	}
}

// TestOutputNeverOverAnInput points -json at an input through another path (a link); the
// input is left as it was.
func TestOutputNeverOverAnInput(t *testing.T) {
	dir := t.TempDir()
	if _, err := hostilegen.Generate(dir); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, hostilegen.Watch, "good.gpx")
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := analyzeCmd(t, "-q", "-o", filepath.Join(t.TempDir(), "r.xlsx"), "-json", link, good)
	if code != exitFailed || !strings.Contains(stderr, "refusing to write "+link+": it is the input "+good) {
		t.Errorf("exit %d, want %d and a refusal; stderr:\n%s", code, exitFailed, stderr)
	}
	if got, _ := os.ReadFile(good); !bytes.Equal(got, orig) {
		t.Error("the input was changed")
	}
}

// TestWriteAtomicFailures: a full disk or a failing writer leaves neither the report nor a
// temporary file, and says what happened; a read-only folder is refused clearly (unless the
// test runs as root, who may write anywhere).
func TestWriteAtomicFailures(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xlsx")
	err := writeAtomic(path, func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("x"), 200<<10)); err != nil {
			return err
		}
		return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	})
	if !errors.Is(err, syscall.ENOSPC) || err.Error() != "writing "+path+": no space left on device" {
		t.Errorf("full disk: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("full disk left %v behind", left)
	}

	folder := filepath.Join(dir, "report-folder.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	err = writeAtomic(folder, func(w io.Writer) error { return nil })
	if err == nil || err.Error() != "cannot write "+folder+": it is a folder; name a file" {
		t.Errorf("-o naming a folder: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("-o naming a folder left %v behind", left)
	}

	ro := filepath.Join(dir, "read-only")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	err = writeAtomic(filepath.Join(ro, "report.xlsx"), func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
	if os.Geteuid() == 0 {
		if err != nil {
			t.Errorf("root writes into a read-only folder: %v", err)
		}
		return
	}
	if err == nil || err.Error() != "cannot write "+filepath.Join(ro, "report.xlsx")+": permission denied" || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("read-only folder: %v", err)
	}
	if left, _ := os.ReadDir(ro); len(left) != 0 {
		t.Errorf("read-only folder: %v left behind", left)
	}
}

func TestJSONNotOverTheReport(t *testing.T) {
	code, _, stderr := analyzeCmd(t, "-o", "r.xlsx", "-json", "./r.xlsx", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "-json ./r.xlsx is the report itself") {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
}
