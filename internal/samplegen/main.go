// Command gen writes runload's sample data: an 11-week return-to-running story after an
// Achilles tendinopathy, as a watch and a symptom log would record it.
//
//	go run ./internal/samplegen [-o DIR]
//	go run ./internal/samplegen -clinic DIR
//
// It writes DIR/watch/*.fit (encoded with github.com/tormoder/fit, an implementation independent
// of the decoder runload uses), DIR/watch/*.gpx (exports from another app) and DIR/symptoms.xlsx
// (Symptoms and Plan sheets). The output is byte-identical on every run: fixed dates, fixed PCG
// seeds, no clock. docs/sample-data.md tells the story and lists every planted event; gen_test.go
// checks that the committed files are what this program writes. With -clinic it writes a sample
// caseload for analyze clinic instead (clinic.go): four runners of the story and one with no data.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "sample-data", "output `dir` (relative to the current directory)")
	clinic := fs.String("clinic", "", "write the sample caseload for analyze clinic into `dir` instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	generate := Generate
	if *clinic != "" {
		generate, *out = GenerateCaseload, *clinic
	}
	files, err := generate()
	if err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(*out, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// File is one generated file; Name is slash-separated and relative to the output dir.
type File struct {
	Name string
	Data []byte
}

// Generate returns every file of the sample, in name order.
func Generate() ([]File, error) {
	var files []File
	seen := map[string]bool{}
	for i, s := range Sessions {
		if seen[s.Name()] || i > 0 && !Sessions[i-1].Start().Before(s.Start()) {
			return nil, fmt.Errorf("story: %s repeats a file name or is out of time order", s.Name())
		}
		seen[s.Name()] = true
		if s.Export != "gpx" && s.Export != "gpx-named" {
			b, err := encodeFIT(i, s)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.Name(), err)
			}
			files = append(files, File{"watch/" + s.Name() + ".fit", b})
		}
		if s.Export != "" {
			files = append(files, File{"watch/" + s.Name() + ".gpx", encodeGPX(i, s, s.Export == "gpx-named")})
		}
	}
	x, err := encodeXLSX()
	if err != nil {
		return nil, fmt.Errorf("symptoms.xlsx: %w", err)
	}
	files = append(files, File{"symptoms.xlsx", x})
	return files, nil
}
