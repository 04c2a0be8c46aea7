package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"runload/internal/benchcorpus"
)

// BenchmarkWholeJob is the tool's whole job, as `analyze -q -o report.xlsx -json report.json
// export.zip symptoms.csv` runs it (memory governor included), on the bench corpus of one
// year (scripts/bench.sh's seed 1), or of five with -bench WholeJob/5y. It exists for the
// CPU profile of the whole job (README "Performance", where the time goes):
//
//	go test ./cmd/analyze -run '^$' -bench 'WholeJob/5y' -benchtime 3x -cpuprofile /tmp/cpu.out -o /tmp/analyze.test
//	go tool pprof -top -cum /tmp/analyze.test /tmp/cpu.out
//
// The corpus is generated once into the temporary folder and reused.
func BenchmarkWholeJob(b *testing.B) {
	for _, years := range []int{1, 5} {
		b.Run(fmt.Sprintf("%dy", years), func(b *testing.B) {
			sum := benchCorpus(b, years)
			out := b.TempDir()
			args := []string{"-q", "-o", filepath.Join(out, "report.xlsx"), "-json", filepath.Join(out, "report.json"),
				sum.Export, sum.Symptoms}
			stop := governMemory(baseMemoryLimit)
			defer stop()
			b.SetBytes(sum.Bytes)
			for b.Loop() {
				if err := run(b.Context(), args, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCorpus is the bench corpus of years (seed 1) in the temporary folder, generated the
// first time it is asked for.
func benchCorpus(b *testing.B, years int) benchcorpus.Summary {
	b.Helper()
	needReal(b)
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("runload-bench-v%d-%dy-seed1", benchcorpus.Version, years))
	sum := benchcorpus.Summary{
		Export:   filepath.Join(dir, benchcorpus.ExportName),
		Symptoms: filepath.Join(dir, "symptoms.csv"),
	}
	if b, err := os.ReadFile(filepath.Join(dir, "bytes")); err == nil {
		if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
			sum.Bytes = n
			return sum
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	gen, err := benchcorpus.Generate(dir, years, 1, realDir)
	if err != nil {
		b.Fatal(err)
	}
	// The activity bytes, in a marker written last.
	if err := os.WriteFile(filepath.Join(dir, "bytes"), []byte(strconv.FormatInt(gen.Bytes, 10)), 0o644); err != nil {
		b.Fatal(err)
	}
	return gen
}
