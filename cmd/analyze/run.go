package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"runload/analysis"
	"runload/ingest"
)

const usageText = `Usage:
  analyze [flags] PATH...    read everything under PATH..., write report.xlsx
  analyze init [DIR]         write a blank symptoms.xlsx (Symptoms and Plan sheets) to start a log
  analyze clinic [flags] DIR a physio's caseload: a report per runner folder in DIR, and roster.xlsx

PATH is a file or a folder (searched recursively): .fit, .gpx, .tcx (each also .gz), .zip
archives (zips in zips too), and the symptom log: a .xlsx or .csv named on the command line,
or found in a folder with a name starting "symptom". Everything else is listed in the import
log as skipped. Flags may come before or after the paths; -- ends them.

The period: the symptom log's days (to the last session, if later); without a log, the last
12 weeks. Earlier sessions are read for look-back only. -from, -to and -all change it.

Examples:
  analyze ~/Downloads/garmin-export symptoms.xlsx
  analyze export.zip symptoms.csv -o week12.xlsx -tz Europe/London
  analyze -load trimp -hr-max 190 -hr-rest 55 -json - activities/ symptoms.xlsx
  analyze -all export/ symptoms.xlsx
  analyze init ~/Documents/runlog

Calendar days: a session belongs to the local date of its start, in the -tz zone when given,
else in the watch's own offset (FIT files), else in this machine's zone (UTC when it has none).

Flags:
`

// options are the parsed command line, already turned into values.
type options struct {
	paths    []string
	symptoms string
	plan     string
	out      string
	jsonOut  string
	strict   bool
	all      bool
	quiet    bool
	ingest   ingest.Options
	cfg      analysis.Config
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "init" {
		return runInit(args[1:], stdout, stderr)
	}
	clinic := len(args) > 0 && args[0] == "clinic"
	if clinic {
		args = args[1:]
	}
	opt, err := parseCommand(args, stderr, clinic)
	if errors.Is(err, errVersion) {
		fmt.Fprintln(stdout, "analyze", toolVersion())
		return nil
	}
	if err != nil {
		printUsageError(stderr, err)
		return err
	}
	if clinic {
		return runClinic(ctx, opt, stdout, stderr)
	}
	return analyze(ctx, opt, stdout, stderr)
}

// parseInterleaved parses flags that stand before, between or after the paths, as people
// type them (analyze export.zip symptoms.xlsx -o week12.xlsx); "--" ends the flags, and
// everything after it is a path. It returns the paths in the order given.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if used := args[:len(args)-len(rest)]; len(used) > 0 && used[len(used)-1] == "--" && !flagTakesValue(fs, used) {
			return append(paths, rest...), nil
		}
		if len(rest) == 0 {
			break
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
	return paths, nil
}

// flagTakesValue reports whether the last of used is the value of the flag before it
// ("-o --"), not the "--" that ends the flags.
func flagTakesValue(fs *flag.FlagSet, used []string) bool {
	if len(used) < 2 {
		return false
	}
	name := strings.TrimLeft(used[len(used)-2], "-")
	if strings.Contains(name, "=") || name == "" {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	return parseCommand(args, stderr, false)
}

// parseCommand parses the flags and paths of a single run, or of analyze clinic: the same
// flags, for every runner, but -o names the output folder and the one path the caseload.
func parseCommand(args []string, stderr io.Writer, clinic bool) (options, error) {
	name, usage, out, outHelp := "analyze", usageText, "report.xlsx", "report `file`"
	if clinic {
		name, usage, out, outHelp = "analyze clinic", clinicUsageText, "reports", "output `folder` for each runner's report and roster.xlsx (created if missing)"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	var (
		o         options
		tz        = fs.String("tz", "", "IANA `zone` for calendar days, e.g. Europe/London (default: the watch's offset, else this machine's zone)")
		from      = fs.String("from", "", "first `date` of the period, YYYY-MM-DD")
		to        = fs.String("to", "", "last `date` of the period, YYYY-MM-DD")
		load      = fs.String("load", "minutes", "load `measure` for spikes: minutes (running minutes), km, trimp, srpe")
		hrMax     = fs.Int("hr-max", 0, "maximum heart rate in `bpm`, for TRIMP (default: the Plan's hr_max, else the files')")
		hrRest    = fs.Int("hr-rest", 0, "resting heart rate in `bpm`, for TRIMP (default: the Plan's hr_rest, else the files')")
		dateOrder = fs.String("date-order", "auto", "`order` of text dates like 03/04/2026: auto (the log's dates decide), ymd, dmy or mdy")
		sport     = fs.String("default-sport", "unknown", "`sport` of GPX/TCX tracks that name none")
		version   = fs.Bool("version", false, "print the version and exit")
	)
	fs.StringVar(&o.symptoms, "symptoms", "", "the symptom log `file` (.xlsx or .csv); default: the one symptom file found among PATHs")
	fs.StringVar(&o.plan, "plan", "", "agreed limits: `file` .xlsx with a Plan sheet, or .csv; default: the Plan sheet of the symptom workbook")
	fs.StringVar(&o.out, "o", out, outHelp)
	jsonHelp := "also write the analysis as JSON to `file` (- for stdout)"
	if clinic {
		jsonHelp = "also write the roster as JSON to `file` (- for stdout)"
	}
	fs.StringVar(&o.jsonOut, "json", "", jsonHelp)
	fs.BoolVar(&o.strict, "strict", false, "exit 3 if any input was partial or an error, or a log or plan row was rejected (the report is still written)")
	fs.BoolVar(&o.all, "all", false, "the period is every day with a session or a log entry (default: the symptom log's days, else the last 12 weeks)")
	fs.BoolVar(&o.quiet, "q", false, "no progress output")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, errHelp
		}
		return o, fmt.Errorf("%w: %v", errUsage, err) // flag has printed the problem and the usage
	}
	if *version {
		return o, errVersion
	}
	o.paths = paths
	if clinic {
		if err := clinicPaths(o); err != nil {
			return o, err
		}
	}
	if len(o.paths) == 0 {
		return o, usagef("no PATH given: name the watch export (a file, folder or .zip) and the symptom log")
	}
	for _, p := range o.paths {
		if _, err := os.Stat(p); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return o, usagef("%s: no such file or folder", p)
			}
			return o, usagef("%s: %v", p, unwrapPath(err))
		}
	}
	if o.all && (*from != "" || *to != "") {
		return o, usagef("-all and -from/-to: give one or the other")
	}

	o.ingest.Zone, o.ingest.ZoneName = time.Local, "this machine's zone "+localZoneName()
	if *tz != "" {
		loc, err := time.LoadLocation(*tz)
		if err != nil || *tz == "Local" {
			return o, usagef("-tz %q is not an IANA time zone (for example Europe/London, America/New_York, UTC)", *tz)
		}
		o.ingest.Zone, o.ingest.ZoneName, o.ingest.TZForced = loc, "-tz "+*tz, true
	}
	for _, d := range []struct {
		flag, val string
		dst       *analysis.Opt[analysis.Day]
	}{{"from", *from, &o.cfg.From}, {"to", *to, &o.cfg.To}} {
		if d.val == "" {
			continue
		}
		day, err := analysis.ParseDay(d.val)
		if err != nil {
			return o, usagef("-%s: %v", d.flag, err)
		}
		*d.dst = analysis.Some(day)
	}
	if o.cfg.From.OK && o.cfg.To.OK && o.cfg.To.V.Before(o.cfg.From.V) {
		return o, usagef("-from %s is after -to %s", o.cfg.From.V, o.cfg.To.V)
	}
	m, ok := analysis.ParseLoadMeasure(*load)
	if !ok {
		return o, usagef("-load %q: use minutes, km, trimp or srpe", *load)
	}
	o.cfg.Load = m
	if *hrMax != 0 {
		if *hrMax < 100 || *hrMax > 240 {
			return o, usagef("-hr-max %d is not a maximum heart rate (100–240 bpm)", *hrMax)
		}
		o.cfg.HRMax = analysis.Some(*hrMax)
	}
	if *hrRest != 0 {
		if *hrRest < 25 || *hrRest > 120 {
			return o, usagef("-hr-rest %d is not a resting heart rate (25–120 bpm)", *hrRest)
		}
		o.cfg.HRRest = analysis.Some(*hrRest)
	}
	if o.cfg.HRMax.OK && o.cfg.HRRest.OK && o.cfg.HRRest.V >= o.cfg.HRMax.V {
		return o, usagef("-hr-rest %d must be below -hr-max %d", o.cfg.HRRest.V, o.cfg.HRMax.V)
	}
	switch d := ingest.DateOrder(strings.ToLower(*dateOrder)); d {
	case ingest.DateAuto, ingest.DateYMD, ingest.DateDMY, ingest.DateMDY:
		o.ingest.DateOrder = d
	default:
		return o, usagef("-date-order %q: use auto, ymd, dmy or mdy", *dateOrder)
	}
	s, ok := analysis.ParseSport(*sport)
	if !ok || s == analysis.Any {
		return o, usagef("-default-sport %q: use running, cycling, swimming, walking, strength, other or unknown", *sport)
	}
	o.ingest.DefaultSport = s
	if clinic {
		return o, clinicOutputs(o)
	}
	if o.out == "" {
		return o, usagef("-o needs a file name")
	}
	if ext := strings.ToLower(filepath.Ext(o.out)); ext != ".xlsx" {
		return o, usagef("-o %s: the report is an Excel workbook, name it .xlsx", o.out)
	}
	if o.jsonOut != "" && o.jsonOut != "-" && filepath.Clean(o.jsonOut) == filepath.Clean(o.out) {
		return o, usagef("-json %s is the report itself: choose another name, e.g. report.json", o.jsonOut)
	}
	return o, nil
}

var errVersion = errors.New("version requested")

// toolVersion is the module version from the build information ("(devel)" in a checkout).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// localZoneName names the machine's zone for the report ("Europe/Paris"): time.Local only
// says "Local". It reads TZ, then the /etc/localtime link, as the time package does.
func localZoneName() string {
	if tz, ok := os.LookupEnv("TZ"); ok {
		if tz = strings.TrimPrefix(tz, ":"); tz == "" {
			return "UTC"
		}
		return tz
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			return name
		}
	}
	if _, err := os.Stat("/etc/localtime"); err != nil {
		return "UTC" // no zone database entry: the time package uses UTC
	}
	return "(local)"
}

// fileExists reports whether path names an existing file (not a folder).
func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
