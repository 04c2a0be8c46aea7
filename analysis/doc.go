// Package analysis is runload's domain: the types every other package speaks in (Session,
// SymptomEntry, Rule, Plan, Day, Opt) and the pure functions that turn sessions, a symptom log
// and a plan into the findings of SPEC "Analysis": the daily series, acute and chronic load,
// spikes, pain responses, the association between them, limits, weekly figures and status.
//
// It refuses I/O, logging, the clock and package state: the same inputs give the same Result,
// whatever order they came in. It imports only the standard library. It holds no positions
// and no place names, so the report cannot leak them.
package analysis
