package report

import (
	"fmt"
	"io"

	"runload/analysis"
)

// jsonFailure is the JSON document of a run that made no report (SPEC "JSON"): why, and the
// import log, so that a script can see what became of every file.
type jsonFailure struct {
	Version    int            `json:"version"`
	Error      string         `json:"error"`
	Inputs     []jsonInput    `json:"inputs"`
	Rejected   []jsonRejected `json:"rejected"`
	InputNotes []string       `json:"input_notes"`
}

// WriteFailureJSON writes the import log of a run that had nothing usable, with the reason,
// in the keys WriteJSON uses for them (version, inputs, rejected, input_notes) and an error.
func WriteFailureJSON(w io.Writer, why string, log analysis.ImportLog) error {
	d := jsonFailure{Version: jsonVersion, Error: why, Inputs: make([]jsonInput, 0, len(log.Inputs)),
		Rejected: make([]jsonRejected, 0, len(log.Rejected)), InputNotes: strs(log.Notes)}
	for _, in := range log.Inputs {
		d.Inputs = append(d.Inputs, jsonInput{Path: in.Path, Kind: string(in.Kind), Status: string(in.Status),
			Detail: in.Detail, Sessions: in.Sessions})
	}
	for _, rj := range log.Rejected {
		d.Rejected = append(d.Rejected, jsonRejected{File: rj.File, Cell: rj.Cell, Reason: rj.Reason})
	}
	if err := writeDoc(w, &d); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
