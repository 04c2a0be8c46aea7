package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecodeFIT decodes real files loaded once: the fenix 2 multisport file (1.0 MB,
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
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			records := 0
			for b.Loop() {
				res, n := decodeFIT(data, name, Options{})
				if len(res.Sessions) == 0 {
					b.Fatalf("%s %q", res.Status, res.Detail)
				}
				records += n
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
