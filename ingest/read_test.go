package ingest_test

import (
	"context"
	"fmt"
	"time"

	"runload/ingest"
)

// ExampleRead reads a folder of GPX files: every file is in the import log with its status,
// and the sessions come back in start order, without positions.
func ExampleRead() {
	b, err := ingest.Read(context.Background(), []string{"testdata/gpx"}, ingest.Options{
		Zone:     time.UTC,
		ZoneName: "-tz UTC",
		TZForced: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range b.Inputs {
		fmt.Printf("%s: %s %s, %d session(s)\n", in.Path, in.Kind, in.Status, in.Sessions)
	}
	for _, s := range b.Sessions {
		hr := "no HR" // absent is not 0
		if s.AvgHR.OK {
			hr = fmt.Sprintf("HR %d", s.AvgHR.V)
		}
		fmt.Printf("%s %s moving %v of %v, %.0f m, %s\n", s.Start.Format("2006-01-02 15:04"), s.Sport, s.Duration, s.Elapsed, s.DistanceM.V, hr)
	}
	// Output:
	// gpx/gap.gpx: gpx ok, 1 session(s)
	// gpx/route-only.gpx: gpx skipped, 0 session(s)
	// gpx/zoneless.gpx: gpx ok, 1 session(s)
	// 2026-03-14 20:30 running moving 20s of 20s, 22 m, no HR
	// 2026-04-01 06:00 running moving 30s of 3m30s, 334 m, HR 115
}
