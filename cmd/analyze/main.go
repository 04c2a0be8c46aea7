// Command analyze reads a runner's watch exports, symptom log and plan, and writes the report
// for the physio (report.xlsx) and, on request, the analysis as JSON.
//
//	analyze [flags] PATH...      read everything under PATH..., write report.xlsx
//	analyze init [DIR]           write a blank symptoms.xlsx to start a log from
//	analyze clinic [flags] DIR   a physio's caseload: a report per runner folder, and roster.xlsx
//
// Run `analyze -h` for the flags and examples.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	_ "time/tzdata" // embeds the zone database, so -tz works on a machine without one
)

func main() {
	os.Exit(mainArgs(os.Args[1:]))
}

// mainArgs is the tool on args, with its memory governor and interrupt handling, and
// returns the exit status.
func mainArgs(args []string) int {
	stopGovern := func() {}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		stopGovern = governMemory(baseMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, args, os.Stdout, os.Stderr)
	stop()
	stopGovern()
	if err != nil && !errors.Is(err, errUsage) && !errors.Is(err, errHelp) {
		fmt.Fprintln(os.Stderr, "analyze:", err)
	}
	return exitCode(err)
}

// The exit statuses of SPEC "Command line".
const (
	exitOK       = 0 // report written (clinic: the roster)
	exitFailed   = 1 // nothing usable, or the report cannot be written
	exitUsage    = 2 // usage error
	exitIncident = 3 // -strict and an input was partial or an error, or a row was rejected
)

var (
	errUsage   = errors.New("usage error")
	errHelp    = errors.New("help requested")
	errStrict  = errors.New("some inputs were partial or unreadable, or rows were rejected (-strict)")
	errNothing = errors.New("nothing usable")
)

// usageError is a command-line mistake: it is printed with the usage hint and exits 2.
type usageError struct {
	msg string
	// inCaseload is the message for a runner's folder in analyze clinic, where the fix is in
	// the folder, not a flag; empty when msg says it as well.
	inCaseload string
}

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Unwrap() error { return errUsage }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, errStrict):
		return exitIncident
	default:
		return exitFailed
	}
}

// printUsageError reports a usage error on stderr the way flag does.
func printUsageError(stderr io.Writer, err error) {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "analyze: %s\nRun 'analyze -h' for usage.\n", ue.msg)
	}
}
