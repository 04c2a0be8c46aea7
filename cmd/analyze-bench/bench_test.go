package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runload/internal/benchcorpus"
)

func TestPairedRatioIsTheMedianOfPerRunRatios(t *testing.T) {
	s := func(d ...time.Duration) []sample {
		var out []sample
		for _, v := range d {
			out = append(out, sample{wall: v})
		}
		return out
	}
	a := s(2*time.Second, 3*time.Second, 10*time.Second)
	b := s(1*time.Second, 2*time.Second, 4*time.Second)
	if got, ok := pairedRatio(a, b); !ok || got != 2 {
		t.Errorf("pairedRatio = %v, %v; want 2 (ratios 2, 1.5, 2.5)", got, ok)
	}
	b[1].err = os.ErrNotExist // a failed run drops its pair
	if got, _ := pairedRatio(a, b); got != 2.25 {
		t.Errorf("pairedRatio without the failed run = %v, want 2.25", got)
	}
}

func TestIntList(t *testing.T) {
	if got, err := intList("1, 5"); err != nil || len(got) != 2 || got[0] != 1 || got[1] != 5 {
		t.Errorf("intList(\"1, 5\") = %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "1,x", "-2"} {
		if _, err := intList(bad); err == nil {
			t.Errorf("intList(%q): no error", bad)
		}
	}
}

// TestModesSeeEveryFile runs the floor and the bare decode over a small generated corpus:
// every activity file inside the nested zips is found, and every record is decoded.
func TestModesSeeEveryFile(t *testing.T) {
	repo, err := moduleRoot(context.Background())
	if err != nil {
		t.Skip(err)
	}
	real := filepath.Join(repo, "..", "shared", "testdata", "real")
	if _, err := os.Stat(filepath.Join(real, "fit")); err != nil {
		t.Skipf("skipping: the real-file corpus is not at %s", real)
	}
	dir := t.TempDir()
	sum, err := benchcorpus.Generate(dir, 1, 3, real)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{sum.Export, sum.Symptoms}
	floor, err := overFiles(t.Context(), 2, paths, false, readCRC)
	if err != nil {
		t.Fatal(err)
	}
	if floor.Files != sum.Files || floor.Bytes != sum.Bytes || floor.Errors != 0 {
		t.Errorf("floor read %d files, %d bytes, %d bad; corpus has %d files, %d bytes",
			floor.Files, floor.Bytes, floor.Errors, sum.Files, sum.Bytes)
	}
	dec, err := overFiles(t.Context(), 2, paths, true, decodeFIT)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Files != sum.FIT || dec.Records != int64(sum.FITRecords) || dec.Errors != 0 {
		t.Errorf("decode read %d files, %d records, %d bad; corpus has %d FIT files, %d records",
			dec.Files, dec.Records, dec.Errors, sum.FIT, sum.FITRecords)
	}
}

// TestUnpackKeepsEveryFile unpacks a small generated export into a folder: the folder holds
// every activity file once, with the corpus's bytes, and the bare decode over it finds every
// FIT record, as over the export.
func TestUnpackKeepsEveryFile(t *testing.T) {
	repo, err := moduleRoot(context.Background())
	if err != nil {
		t.Skip(err)
	}
	real := filepath.Join(repo, "..", "shared", "testdata", "real")
	if _, err := os.Stat(filepath.Join(real, "fit")); err != nil {
		t.Skipf("skipping: the real-file corpus is not at %s", real)
	}
	sum, err := benchcorpus.Generate(t.TempDir(), 1, 5, real)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "unpacked")
	var out bytes.Buffer
	if err := runUnpack(t.Context(), []string{sum.Export, dir}, &out); err != nil {
		t.Fatal(err)
	}
	var res childResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.Files != sum.Files || res.Bytes != sum.Bytes {
		t.Errorf("unpacked %d files, %d bytes; corpus has %d files, %d bytes", res.Files, res.Bytes, sum.Files, sum.Bytes)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != sum.Files+1 { // and the completion mark
		t.Errorf("%d entries in the folder, want %d files and %s", len(entries), sum.Files, unpackDone)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".gz") {
			t.Errorf("%s is still gzipped", e.Name())
		}
	}
	dec, err := overFiles(t.Context(), 2, []string{dir}, true, decodeFIT)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Files != sum.FIT || dec.Records != int64(sum.FITRecords) || dec.Errors != 0 {
		t.Errorf("decode of the folder read %d files, %d records, %d bad; corpus has %d FIT files, %d records",
			dec.Files, dec.Records, dec.Errors, sum.FIT, sum.FITRecords)
	}
}
