package ingest

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// fitResultOpts compares FileResults exactly, a start's zone (name and offset) included.
var fitResultOpts = cmp.Options{cmp.Comparer(func(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo
})}

// diffFITPaths decodes data with fitfast and with muktihari/fit alone. It returns whether
// fitfast handled the file and, if it did, the difference between the two results ("" when
// none): every session field, the status and the detail, and the record count.
func diffFITPaths(data []byte, name string, opt Options) (fast bool, diff string) {
	fres, fn, fast := decodeFITWith(data, name, opt, fitFastOnly)
	if !fast {
		return false, ""
	}
	mres, mn, _ := decodeFITWith(data, name, opt, fitMuktihari)
	diff = cmp.Diff(mres, fres, fitResultOpts)
	if fn != mn {
		diff += "records: muktihari " + strconv.Itoa(mn) + ", fitfast " + strconv.Itoa(fn)
	}
	return true, diff
}

// diffFITFiles returns every FIT file (.fit, any case, and .fit.gz unpacked) under the real
// corpus (when present), sample-data, ingest/testdata and testdata, by path.
func diffFITFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	roots := []string{filepath.Join("..", "sample-data"), "testdata", filepath.Join("..", "testdata")}
	if wd, err := os.Getwd(); err == nil {
		real := filepath.Join(wd, "..", "..", "shared", "testdata", "real")
		if _, err := os.Stat(real); err == nil {
			roots = append(roots, real)
		} else {
			t.Logf("../shared/testdata/real not found: the real corpus is not compared")
		}
	}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			lower := strings.ToLower(d.Name())
			if d.IsDir() || !strings.HasSuffix(lower, ".fit") && !strings.HasSuffix(lower, ".fit.gz") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.HasSuffix(lower, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					return err
				}
				if data, err = io.ReadAll(zr); err != nil {
					return err
				}
			}
			files[path] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// fitVariants returns data and its damaged variants: cut in half, cut by 3 bytes, and one
// byte flipped at a few places (a header byte, a definition, the middle, the CRC).
func fitVariants(data []byte) map[string][]byte {
	v := map[string][]byte{"": data}
	if len(data) == 0 {
		return v
	}
	v[" cut in half"] = data[:len(data)/2]
	if len(data) > 3 {
		v[" cut by 3"] = data[:len(data)-3]
	}
	for _, at := range []int{3, 15, 20, len(data) / 3, len(data) / 2, len(data) - 1} {
		if at < len(data) {
			b := bytes.Clone(data)
			b[at] ^= 0x5A
			v[" byte "+strconv.Itoa(at)+" flipped"] = b
		}
	}
	return v
}

// TestFITFastMatchesMuktihari is the fast path's acceptance test: on every FIT file the
// repository and the real corpus hold, and on damaged variants of each, whatever fitfast
// reads gives exactly the FileResult (every session field, status and detail) and record
// count that muktihari/fit alone gives. It logs how many files take each path.
func TestFITFastMatchesMuktihari(t *testing.T) {
	files := diffFITFiles(t)
	if len(files) == 0 {
		t.Skip("no FIT files found")
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var fastN, slowN, fastDamaged, slowDamaged int
	var slow []string
	opts := []Options{{}, {Zone: time.FixedZone("X", 3*3600), ZoneName: "X", TZForced: true}}
	for _, path := range paths {
		for suffix, data := range fitVariants(files[path]) {
			name := filepath.Base(path) + suffix
			for i, opt := range opts {
				if i > 0 && suffix != "" {
					break
				}
				fast, diff := diffFITPaths(data, name, opt)
				if diff != "" {
					t.Errorf("%s (options %d): fitfast differs from muktihari (-muktihari +fitfast):\n%s", name, i, diff)
				}
				if i > 0 {
					continue
				}
				switch {
				case suffix == "" && fast:
					fastN++
				case suffix == "":
					slowN++
					res, _ := decodeFIT(data, name, Options{})
					_, _, _, why := decodeFITFastWhy(data, name, Options{})
					slow = append(slow, name+" ("+string(res.Status)+"): "+why)
				case fast:
					fastDamaged++
				default:
					slowDamaged++
				}
			}
		}
	}
	t.Logf("%d FIT files: %d read by fitfast, %d by muktihari/fit", len(paths), fastN, slowN)
	t.Logf("damaged variants: %d read by fitfast, %d by muktihari/fit", fastDamaged, slowDamaged)
	t.Logf("files read by muktihari/fit, and why:\n\t%s", strings.Join(slow, "\n\t"))
}

// FuzzFITFastMatchesMuktihari: whatever fitfast accepts, muktihari/fit alone reads the same
// way (FileResult and record count). Seeds: testdata/fit and the real corpus's small FIT
// files. Run it with -fuzzminimizetime 0 (see FuzzDecodeFIT).
func FuzzFITFastMatchesMuktihari(f *testing.F) {
	addSeeds(f, "fit", ".fit")
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		if _, diff := diffFITPaths(data, "fuzz.fit", Options{}); diff != "" {
			t.Errorf("fitfast differs from muktihari (-muktihari +fitfast):\n%s", diff)
		}
	})
}

// TestFITFastRepairsBaseTypes: the GoldenCheetah re-saves whose base-type bytes lack the
// endian flag are read by fitfast from the repaired copy, as muktihari/fit reads them (the
// same result, TestFITFastMatchesMuktihari), with every record: the record counts are
// GPSBabel's for these files (DECODE-NOTES.md, section B).
func TestFITFastRepairsBaseTypes(t *testing.T) {
	dir := realFITDir(t)
	for _, c := range []struct {
		name    string
		records int
		note    string
	}{
		{"gc_3386684871-saved.fit", 1441, "repaired 2 base-type bytes without the endian flag"},
		{"gc_FR55-loaded-and-saved-via-GC.fit", 588, "repaired 1 base-type bytes without the endian flag"},
		{"sportslib_971150603.fit", 3806, "repaired 1 base-type bytes without the endian flag"},
	} {
		data, err := os.ReadFile(filepath.Join(dir, c.name))
		if err != nil {
			t.Fatal(err)
		}
		res, records, fast := decodeFITWith(data, c.name, Options{}, fitFastOnly)
		if !fast || records != c.records || res.Status != analysis.StatusOK || res.Detail != c.note || len(res.Sessions) != 1 {
			t.Errorf("%s: fast %v, %d records, %s %q, %d sessions; want fast, %d records, ok %q, 1 session",
				c.name, fast, records, res.Status, res.Detail, len(res.Sessions), c.records, c.note)
		}
	}
}
