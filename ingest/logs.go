package ingest

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"runload/analysis"
)

// ReadLogs reads what a run learns from the runner and the physio: the symptom log, and
// the plan (SPEC "Symptom log", "Plan"). The plan is plan when one is given (-plan), else
// the log workbook's own Plan sheet. Given a plan, the workbook's Plan sheet is not read:
// it is listed in Inputs as not used, and none of its rows is rejected. A zero LogFile
// (no Path) is no file: ReadLogs then reads only the other.
//
// A log or plan that cannot be read is an Input with status error and a Warning saying
// what the report lacks; it does not stop the other file being read. The error is an
// *AmbiguousDatesError, when DateAuto cannot tell the order of the log's dates: the
// caller must ask the runner which order they wrote.
//
// The result lists the log's lines first, then the plan's, in Inputs, Rejected, Notes and
// Warnings alike.
func ReadLogs(log, plan LogFile, opt Options) (LogResult, error) {
	var res LogResult
	if log.Path != "" {
		planElsewhere := ""
		if plan.Path != "" {
			planElsewhere = plan.Name
		}
		lr, err := openLog(log.Path, log.Name, "the symptom log", opt, func(r io.Reader, name string, opt Options) (LogResult, error) {
			return readLogWorkbook(r, name, opt, planElsewhere)
		})
		var amb *AmbiguousDatesError
		switch {
		case errors.As(err, &amb):
			return LogResult{}, err
		case err != nil:
			res.Inputs = append(res.Inputs, analysis.Input{Path: log.Name, Kind: analysis.KindSymptoms,
				Status: analysis.StatusError, Detail: err.Error()})
			res.Warnings = append(res.Warnings, fmt.Sprintf("the symptom log could not be read (%v): the report has no symptoms", err))
		default:
			res = lr
			if i := slices.IndexFunc(lr.Inputs, func(in analysis.Input) bool {
				return in.Kind == analysis.KindSymptoms && in.Status == analysis.StatusError
			}); i >= 0 {
				// Read, but not as a log: no Date or Pain column, say. Its reason, not "no
				// logged morning yet", is what the runner needs.
				res.Warnings = append(res.Warnings, fmt.Sprintf("the symptom log could not be read (%s: %s): the report has no symptoms", lr.Inputs[i].Path, lr.Inputs[i].Detail))
			} else if !slices.ContainsFunc(lr.Entries, analysis.SymptomEntry.Logged) && len(lr.Rejected) == 0 {
				res.Warnings = append(res.Warnings, fmt.Sprintf("the symptom log %s has no logged morning yet, so the report has no symptoms: "+
					"fill in a row a morning (date, pain 0-10, and what else you track)", log.Name))
			}
		}
	}
	if plan.Path == "" {
		return res, nil
	}
	pr, err := ReadPlan(plan.Path, plan.Name, opt)
	if err != nil {
		res.Inputs = append(res.Inputs, analysis.Input{Path: plan.Name, Kind: analysis.KindPlan,
			Status: analysis.StatusError, Detail: err.Error()})
		res.Warnings = append(res.Warnings, fmt.Sprintf("the plan could not be read (%v): no limits are checked", err))
		return res, nil
	}
	res.Plan, res.HasPlan = pr.Plan, pr.HasPlan
	res.Inputs = append(res.Inputs, pr.Inputs...)
	res.Rejected = append(res.Rejected, pr.Rejected...)
	res.Notes = append(res.Notes, pr.Notes...)
	res.Warnings = append(res.Warnings, pr.Warnings...)
	return res, nil
}
