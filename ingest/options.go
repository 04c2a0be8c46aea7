package ingest

import (
	"time"

	"runload/analysis"
)

// DateOrder says how to read text dates such as 03/04/2026 (SPEC -date-order).
type DateOrder string

// The date orders of SPEC. The zero value accepts only ISO dates and spreadsheet dates.
// DateAuto lets each date column decide between day-first and month-first (dates.go).
const (
	DateISO  DateOrder = ""
	DateAuto DateOrder = "auto"
	DateYMD  DateOrder = "ymd"
	DateDMY  DateOrder = "dmy"
	DateMDY  DateOrder = "mdy"
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
	// Limits bound what one input may cost; the zero value means the defaults below.
	Limits Limits
	// Outputs are the files the run is about to write (-o, -json). The walk compares each file
	// it lists on disk with those that exist, and Batch.Clashes names the ones it found, so
	// that no output replaces an input.
	Outputs []string
}

// Limits bound what one hostile or broken input may cost in memory, disk and time. Each
// zero field means its default (the Default… constants); tests set smaller values.
type Limits struct {
	FileBytes   int64 // one watch file of any format, unpacked (.gz and zip entries included); 0: the format's own cap
	BudgetBytes int64 // the bytes of watch files all workers hold at once
	TrackPoints int   // track points in one GPX or TCX file
	Files       int   // lines of the import log (files found under the PATHs), and entries of one folder
	ZipEntries  int   // files and folders in one archive on disk, zips inside it included
	ZipBytes    int64 // bytes unpacked from one archive on disk, zips inside it included
	ZipDepth    int   // zips inside zips followed this deep
	LogBytes    int64 // a symptom log or plan file
	RowBytes    int64 // one row of a CSV log
	UnzipBytes  int64 // an .xlsx log, all its parts unpacked (excelize UnzipSizeLimit)
}

// The default limits. Each is far above what a real export holds, and far below what would
// exhaust a laptop.
const (
	// DefaultFITBytes caps one FIT file. The largest real FIT file seen is 2.4 MB, for 28
	// hours recorded every second; 111 hours at that rate is under 10 MB. 32 MiB leaves room
	// for developer fields and extra sensors at every record.
	DefaultFITBytes = 32 << 20
	// DefaultGPXBytes caps one GPX file: the 111-hour track at one point a second with heart
	// rate (the point cap below) is 80 MB; a 2-hour run is about 2 MB.
	DefaultGPXBytes = 96 << 20
	// DefaultTCXBytes caps one TCX file. TCX is read whole by encoding/xml, at about three
	// times its size in memory (README "Memory"); real exports are under 1 MB for 2 hours, 12
	// MB for a 24-hour ultra at one point a second.
	DefaultTCXBytes = 32 << 20
	// DefaultBudgetBytes bounds the bytes of watch files held by all workers at once: the
	// largest file a format allows is read alone.
	DefaultBudgetBytes = 96 << 20
	// DefaultTrackPoints caps the points of one GPX or TCX file: 400 000 is 111 hours at
	// one point a second. go-gpx keeps every point (about 300 bytes each) in memory.
	DefaultTrackPoints = 400_000
	// DefaultFiles caps the files a run lists (each a line of the import log, and a session
	// when it is one) and the entries of one folder, which are read before they are sorted: a
	// Garmin account export of ten years holds some 20 000 files. Each file listed holds about
	// 0.4 KiB until the report is written (README "Memory"): 100 000 tiny activity files are
	// read in about 70 MiB.
	DefaultFiles = 100_000
	// DefaultZipEntries caps the files of one archive (its directory is held while it is
	// read, about 0.3 KiB an entry): a Garmin account export of ten years holds some 20 000.
	DefaultZipEntries = 100_000
	// DefaultZipBytes caps what one archive unpacks to, zips inside it included.
	DefaultZipBytes = 16 << 30
	// DefaultZipDepth: Garmin account exports nest zips two deep.
	DefaultZipDepth = 4
	// DefaultLogBytes caps a symptom log or plan file: three years of daily rows with notes
	// are 100 KB, so 4 MiB is a century of them. Every row is held while the log is read
	// (about 18 MiB of memory for each MiB of CSV, measured): a 4 MiB log peaks near 100 MiB.
	DefaultLogBytes = 4 << 20
	// DefaultRowBytes caps one CSV row.
	DefaultRowBytes = 1 << 20
	// DefaultUnzipBytes caps an .xlsx log unpacked; excelize's own default is 16 GB. 100 000
	// rows unpack to 23 MiB and are read in 77 MiB of RSS (measured).
	DefaultUnzipBytes = 32 << 20
)

// fileBytes is the cap of one watch file of kind k: FileBytes when set, else the format's own.
func (l Limits) fileBytes(k analysis.InputKind) int64 {
	if l.FileBytes > 0 {
		return l.FileBytes
	}
	switch k {
	case analysis.KindFIT:
		return DefaultFITBytes
	case analysis.KindTCX:
		return DefaultTCXBytes
	}
	return DefaultGPXBytes
}

// orDefault returns l with every zero field set to its default.
func (l Limits) orDefault() Limits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.BudgetBytes, DefaultBudgetBytes)
	def(&l.ZipBytes, DefaultZipBytes)
	def(&l.LogBytes, DefaultLogBytes)
	def(&l.RowBytes, DefaultRowBytes)
	def(&l.UnzipBytes, DefaultUnzipBytes)
	if l.TrackPoints <= 0 {
		l.TrackPoints = DefaultTrackPoints
	}
	if l.Files <= 0 {
		l.Files = DefaultFiles
	}
	if l.ZipEntries <= 0 {
		l.ZipEntries = DefaultZipEntries
	}
	if l.ZipDepth <= 0 {
		l.ZipDepth = DefaultZipDepth
	}
	return l
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
	SymptomFiles []LogFile          // files named symptom*.xlsx / symptom*.csv found among the PATHs
	Clashes      []string           // the files on disk that were listed and are one of Options.Outputs
	Records      int                // records (FIT) and points (GPX/TCX) decoded, for the bench
}

// LogFile is a symptom log or plan file: Path opens it, Name shows it (in the import log,
// the report and messages: from the PATH's base name on, like every input).
type LogFile struct {
	Path string
	Name string
}
