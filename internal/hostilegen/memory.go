package hostilegen

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Memory writes into dir the inputs of README "Memory", at the default limits: what went
// up to 0.78 GiB of RSS before the budget, together in one folder.
//   - bomb.fit.gz: 512 MiB of zeros in 0.5 MiB, refused from its first bytes;
//   - header-bomb.fit.gz: a FIT header, then 512 MiB of zeros: unpacked up to the FIT cap;
//   - nested.zip: four zips, each holding a 256 MiB .gpx (a GPX start, then blanks), refused
//     by the sizes their headers declare;
//   - long.gpx: a real-looking 111-hour track, 400 000 points a second apart with heart rate
//     (80 MB), which is read (alone);
//   - symptoms.csv: 60 MiB of valid rows (1.9 million), refused by its size.
//
// It takes a few seconds: a gigabyte of deflate.
func Memory(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := gzipFile(filepath.Join(dir, "bomb.fit.gz"), nil, 512<<20); err != nil {
		return err
	}
	if err := gzipFile(filepath.Join(dir, "header-bomb.fit.gz"), fitHeader, 512<<20); err != nil {
		return err
	}
	var inner [][]byte
	for i := range 4 {
		z, err := zipOfLevel(flate.BestSpeed, zipEntry{Name: fmt.Sprintf("track%d.gpx", i), blank: 256 << 20})
		if err != nil {
			return err
		}
		inner = append(inner, z)
	}
	var entries []zipEntry
	for i, z := range inner {
		entries = append(entries, zipEntry{Name: fmt.Sprintf("part%d.zip", i), Data: z})
	}
	nested, err := zipOf(entries...)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "nested.zip"), nested, 0o644); err != nil {
		return err
	}
	if err := bigLog(filepath.Join(dir, "symptoms.csv"), 60<<20); err != nil {
		return err
	}
	return longTrack(filepath.Join(dir, "long.gpx"), 400_000)
}

// bigLog writes a symptom log of valid rows, n bytes or a little more.
func bigLog(path string, n int) error {
	var b strings.Builder
	b.WriteString("Date,Pain,Stiffness,Rehab,Notes\n")
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%s,%d,%d,yes,felt ok today\n", day.AddDate(0, 0, i%320).Format(time.DateOnly), i%4, i%3)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// gzipFile writes head then n zero bytes, gzipped fast.
func gzipFile(path string, head []byte, n int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed) // a valid level: no error
	zw.Write(head)
	if _, err := io.CopyN(zw, zeros{}, n); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// longTrack writes a GPX track of n points a second apart with heart rate: 400 000 points
// are 111 hours, the most a file may hold (ingest.DefaultTrackPoints).
func longTrack(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<gpx version="1.1" creator="hostilegen" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">` +
		"<trk><type>running</type><trkseg>\n")
	start := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(w, `<trkpt lat="%.7f" lon="%.7f"><ele>12.0</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`+"\n",
			51.5+float64(i)*1e-6, -0.1+float64(i)*1e-6, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 120+i%40)
	}
	w.WriteString("</trkseg></trk></gpx>\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TinyFiles writes n two-point GPX runs into dir (000000.gpx, 000001.gpx, …), one a day from
// 2000-01-01 at 07:00 UTC, each 30 s long: the folder of many tiny files of README "Memory"
// and scripts/bench-many.sh, where what is held for each file is all there is.
func TinyFiles(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	t0 := time.Date(2000, 1, 1, 7, 0, 0, 0, time.UTC)
	for i := range n {
		a := t0.AddDate(0, 0, i)
		doc := fmt.Sprintf(`<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>`+
			`<trkpt lat="51.5" lon="-0.1"><time>%s</time></trkpt><trkpt lat="51.5001" lon="-0.1"><time>%s</time></trkpt>`+
			"</trkseg></trk></gpx>\n", a.Format(time.RFC3339), a.Add(30*time.Second).Format(time.RFC3339))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.gpx", i)), []byte(doc), 0o644); err != nil {
			return err
		}
	}
	return nil
}
