package report

import (
	"io"

	"runload/analysis"
)

// Meta is what the report says about the run itself (no clock: nothing here changes
// between two runs on the same inputs).
type Meta struct {
	Version string // the tool's version, for the Method sheet
}

// WriteJSON writes the analysis as SPEC's JSON document.
func WriteJSON(w io.Writer, r analysis.Result, log analysis.ImportLog) error {
	_, err := io.WriteString(w, "{}\n")
	return err
}

// WriteXLSX writes report.xlsx.
func WriteXLSX(w io.Writer, r analysis.Result, log analysis.ImportLog, meta Meta) error {
	return nil
}
