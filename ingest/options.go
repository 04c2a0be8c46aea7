package ingest

import (
	"time"

	"runload/analysis"
)

// DateOrder says how to read text dates such as 03/04/2026 (SPEC -date-order).
type DateOrder string

// The date orders of SPEC. The zero value accepts only ISO dates and spreadsheet dates.
const (
	DateISO DateOrder = ""
	DateYMD DateOrder = "ymd"
	DateDMY DateOrder = "dmy"
	DateMDY DateOrder = "mdy"
)

// Options are the choices that change how files are read.
type Options struct {
	// Zone decides calendar days when TZForced is set (-tz), or when a file carries no
	// plausible local offset of its own (then it is the machine's zone). Nil means UTC.
	Zone      *time.Location
	TZForced  bool
	ZoneName  string // for notes: "-tz Europe/London" or "machine zone Europe/Paris"
	DateOrder DateOrder
	// DefaultSport is the sport of GPX/TCX tracks that name none (-default-sport).
	DefaultSport analysis.Sport
	// Workers bounds concurrent decoding; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each file with the counts so far. It may be
	// called from several goroutines, one call at a time.
	Progress func(done, total int)
}

// FileResult is what reading one watch file gave.
type FileResult struct {
	Sessions []analysis.Session
	Status   analysis.InputStatus // ok, partial, skipped or error
	Detail   string               // the reason when not ok; facts worth knowing when ok
}

// Batch is everything read from the PATHs given on the command line.
type Batch struct {
	Sessions     []analysis.Session // duplicates removed, in start order
	Inputs       []analysis.Input   // every file found, in walk order
	SymptomFiles []string           // files named symptom*.xlsx / symptom*.csv found among the PATHs
	Records      int                // records (FIT) and points (GPX/TCX) decoded, for the bench
}
