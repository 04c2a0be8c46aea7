package ingest

import (
	"context"
	"errors"

	"runload/analysis"
)

// Stubs: each function here is replaced by its real implementation in its own file.

var errNotYet = errors.New("not implemented yet")

// decodeFIT returns the sessions in one FIT file and the number of records decoded.
func decodeFIT(data []byte, name string, opt Options) (FileResult, int) {
	return FileResult{Status: analysis.StatusError, Detail: errNotYet.Error()}, 0
}

// decodeGPX returns the sessions (one per timed track) in one GPX file and the points decoded.
func decodeGPX(data []byte, name string, opt Options) (FileResult, int) {
	return FileResult{Status: analysis.StatusError, Detail: errNotYet.Error()}, 0
}

// decodeTCX returns the sessions (one per Activity) in one TCX file and the points decoded.
func decodeTCX(data []byte, name string, opt Options) (FileResult, int) {
	return FileResult{Status: analysis.StatusError, Detail: errNotYet.Error()}, 0
}

// Read walks paths (files, folders, zips), reads every watch file, removes duplicates and
// returns the sessions with the import log. Only cancellation returns an error.
func Read(ctx context.Context, paths []string, opt Options) (Batch, error) {
	return Batch{}, errNotYet
}

// LogResult is what reading a symptom workbook or CSV gave.
type LogResult struct {
	Entries  []analysis.SymptomEntry
	Plan     analysis.Plan // the workbook's Plan sheet, when it has one
	HasPlan  bool
	Rejected []analysis.Rejected
	Inputs   []analysis.Input // the symptom log's line (and the plan's) for the import log
	Notes    []string         // columns that matched nothing, and similar
}

// ReadSymptoms reads the symptom log at path (.xlsx or .csv), and its Plan sheet if any.
// A file that cannot be opened at all is an error; a bad row is only Rejected.
func ReadSymptoms(path string, opt Options) (LogResult, error) {
	return LogResult{}, errNotYet
}

// ReadPlan reads a plan from path: an .xlsx with a Plan sheet, or a .csv.
func ReadPlan(path string, opt Options) (LogResult, error) {
	return LogResult{}, errNotYet
}
