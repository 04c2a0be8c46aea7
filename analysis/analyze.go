package analysis

// Analyze runs SPEC "Analysis" 1–10 over the sessions, the symptom log and the plan.
// It does not modify its arguments.
func Analyze(sessions []Session, symptoms []SymptomEntry, plan Plan, cfg Config) Result {
	// Stub: replaced by the real analysis (issue 3).
	r := Result{Load: cfg.Load}
	for _, s := range sessions {
		r.Sessions = append(r.Sessions, SessionResult{Session: s, Day: s.Day()})
	}
	return r
}
