package hostilegen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerate checks that the folder is small, the same on every run, and that every case
// points at a file written (or at a path inside one).
func TestGenerate(t *testing.T) {
	files := func(dir string) map[string][]byte {
		t.Helper()
		cases, err := Generate(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			p := c.Path
			for {
				if _, err := os.Lstat(p); err == nil {
					break
				}
				if p = filepath.Dir(p); !strings.HasPrefix(p, dir) {
					t.Fatalf("case %q: %s is not under the generated folder", c.Name, c.Path)
				}
			}
		}
		m := map[string][]byte{}
		var total int64
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			total += fi.Size()
			if fi.Mode().Perm() != 0 {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				m[strings.TrimPrefix(p, dir)] = data
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if total > 2<<20 {
			t.Errorf("the hostile folder is %d bytes: keep it under 2 MiB", total)
		}
		return m
	}
	a, b := files(t.TempDir()), files(t.TempDir())
	if len(a) != len(b) || len(a) < 25 {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs from one run to the next", name)
		}
	}
}
