package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecodeFIT decodes real files loaded once, with each of fitBenchPaths: the fenix 2 multisport file (1.0 MB,
// 24 239 records, 7 sessions written after all records, so it takes the second,
// window-routed pass) and a Wahoo ride (0.7 MB, 13 471 records, one pass).
func BenchmarkDecodeFIT(b *testing.B) {
	for _, name := range []string{
		"fitparse_activity-large-fenxi2-multisport.fit",
		"fitparse_2019-02-17-062644-ELEMNT-297E-195-0.fit",
	} {
		data, err := os.ReadFile(filepath.Join(realFITDir(b), name))
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range fitBenchPaths {
			b.Run(name+"/"+p.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				records := 0
				for b.Loop() {
					res, n, _ := decodeFITWith(data, name, Options{}, p.path)
					if len(res.Sessions) == 0 {
						b.Fatalf("%s %q", res.Status, res.Detail)
					}
					records += n
				}
				b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

// fitBenchPaths are the decoders the benchmarks compare: decodeFIT as shipped (fitfast,
// else muktihari/fit) and muktihari/fit alone.
var fitBenchPaths = []struct {
	name string
	path fitPath
}{{"fitfast", fitAuto}, {"muktihari", fitMuktihari}}

// BenchmarkDecodeFITCorpus decodes every plain FIT file of the real corpus per op, through
// decodeFIT as shipped (fitfast, else muktihari/fit) and through muktihari/fit alone.
func BenchmarkDecodeFITCorpus(b *testing.B) {
	var files [][]byte
	size := 0
	for _, path := range realFITFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += len(data)
	}
	for _, p := range fitBenchPaths {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			records := 0
			for b.Loop() {
				for _, data := range files {
					_, n, _ := decodeFITWith(data, "x.fit", Options{}, p.path)
					records += n
				}
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
