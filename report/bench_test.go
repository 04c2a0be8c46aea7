package report

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkWriteXLSX writes the workbook for 1 and 5 years of daily sessions (the 5-year
// Daily and Sessions sheets go through the StreamWriter).
func BenchmarkWriteXLSX(b *testing.B) {
	for _, years := range []int{1, 5} {
		r := bigResult(365 * years)
		_, log := sampleResult()
		b.Run(fmt.Sprintf("years=%d", years), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteXLSX(io.Discard, r, log, Meta{Version: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
