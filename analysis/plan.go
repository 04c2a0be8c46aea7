package analysis

import (
	"cmp"
	"fmt"
	"slices"
)

// Defaults of DOMAIN.md, used when the Plan does not set the rule.
const (
	DefaultPainThreshold      = 2.0  // SPEC "Plan", the seed rule [C]
	DefaultSessionIncreasePct = 10.0 // Frandsen 2025: ratio > 1.10 [S]
	DefaultWeekIncreasePct    = 30.0 // Nielsen 2014 [M]
	WeekWatchPct              = 20.0 // Damsted 2019: "watch" above 20 % [M]
	WeekFloorKm               = 5.0  // [E] no week_increase on a smaller base
	WeekFloorMin              = 30.0 // [E] the same floor in minutes
	LambdaAcute               = 0.25 // 2/(7+1)
	LambdaChronic             = 2.0 / 29
	ACWRMinDays               = 28  // no ratio in the first 28 days [E]
	HRCoverageMin             = 0.8 // TRIMP only when valid HR covers 80 % of moving time [E]
	SpikeLookbackDays         = 30  // Frandsen: the previous 30 days
	MonotonyCap               = 10.0
	MonotonyWatch             = 1.5
	MonotonyFlag              = 2.0
	AssocMinDays              = 28   // DOMAIN §5 gates [E]
	AssocMinLoggedPct         = 70.0 // [E]
	AssocMinCell              = 8    // exposure and comparison days for an interval [E]
	ResponsePoints            = 2.0  // a 2-point change is clinically important (Farrar 2001)
	BaselineLookbackDays      = 28   // [E] the baseline's "previous 7 logged days" lie within 4 weeks
)

// ChronicFloor is the chronic load under which ACWR is not shown ("near zero", DOMAIN §2) [E]:
// about 20 minutes or 3.5 km of running a week, or the like in TRIMP and sRPE.
func ChronicFloor(m LoadMeasure) float64 {
	switch m {
	case LoadKm:
		return 0.5
	case LoadTRIMP:
		return 3
	case LoadSRPE:
		return 15
	}
	return 3
}

// planIndex answers "which rule is in force on this day".
type planIndex struct {
	rules []Rule // in the order read, Sport "" read as Running
}

func newPlanIndex(p Plan) planIndex {
	rules := make([]Rule, len(p.Rules))
	copy(rules, p.Rules)
	for i := range rules {
		if rules[i].Sport == "" {
			rules[i].Sport = Running
		}
	}
	return planIndex{rules: rules}
}

// at returns the rule id for exactly sport in force on d: the row with the latest From not
// after d; of rows with the same From, the one read last.
func (p planIndex) at(id RuleID, sport Sport, d Day) (Rule, bool) {
	var best Rule
	found := false
	for _, r := range p.rules {
		if r.ID != id || (sport != "" && r.Sport != sport) || r.From.After(d) {
			continue
		}
		if !found || !r.From.Before(best.From) {
			best, found = r, true
		}
	}
	return best, found
}

// starts returns first and each later day up to last on which a row of id for exactly sport
// starts: the days the rule in force may change, in order, without repeats.
func (p planIndex) starts(id RuleID, sport Sport, first, last Day) []Day {
	out := []Day{first}
	for _, r := range p.rules {
		if r.ID == id && r.Sport == sport && r.From.After(first) && !r.From.After(last) && !slices.Contains(out, r.From) {
			out = append(out, r.From)
		}
	}
	slices.SortFunc(out[1:], func(x, y Day) int { return x.Time().Compare(y.Time()) })
	return out
}

// global returns the threshold rule id in force on d, whatever its Sport.
func (p planIndex) global(id RuleID, d Day) (Rule, bool) { return p.at(id, "", d) }

// applying returns the rules id in force on d that apply to a session of sport: the sport's
// own row and the `any` row. For sport Any it returns only the `any` row.
func (p planIndex) applying(id RuleID, sport Sport, d Day) []Rule {
	var out []Rule
	if sport != Any {
		if r, ok := p.at(id, sport, d); ok {
			out = append(out, r)
		}
	}
	if r, ok := p.at(id, Any, d); ok {
		out = append(out, r)
	}
	return out
}

// sports returns the sports that have rows of id, in a fixed order.
func (p planIndex) sports(id RuleID) []Sport {
	var out []Sport
	for _, r := range p.rules {
		if r.ID == id && !slices.Contains(out, r.Sport) {
			out = append(out, r.Sport)
		}
	}
	slices.Sort(out)
	return out
}

func (p planIndex) value(id RuleID, d Day, def float64) float64 {
	if r, ok := p.global(id, d); ok {
		return r.Value
	}
	return def
}

// painThreshold is the pain threshold in force on d.
func (in *inputs) painThreshold(d Day) float64 {
	return in.plan.value(PainThreshold, d, DefaultPainThreshold)
}

// acwrMax is the acwr_max in force on d, absent without one.
func (in *inputs) acwrMax(d Day) Opt[float64] {
	if r, ok := in.plan.global(ACWRMax, d); ok {
		return Some(r.Value)
	}
	return Opt[float64]{}
}

// hrAt resolves HRmax and HRrest for a session: flags, then the Plan in force on its day,
// then the file's own values (DOMAIN §1). src says where each came from.
func (in *inputs) hrAt(s Session, d Day) (hrMax, hrRest Opt[int], src string) {
	pick := func(flag Opt[int], id RuleID, file Opt[int]) (Opt[int], string) {
		if flag.OK {
			return flag, "flags"
		}
		if r, ok := in.plan.global(id, d); ok {
			return Some(int(r.Value + 0.5)), "plan"
		}
		if file.OK {
			return file, "files"
		}
		return Opt[int]{}, ""
	}
	hrMax, s1 := pick(in.cfg.HRMax, HRMaxRule, s.HRMax)
	hrRest, s2 := pick(in.cfg.HRRest, HRRestRule, s.HRRest)
	src = s1
	if s2 != s1 {
		src = s1 + "+" + s2
	}
	return hrMax, hrRest, src
}

// thresholds returns the values in force on d (the zero Day: on the last row of the Plan), and
// a note for each threshold that changed during the period.
func (in *inputs) thresholds(d Day) (Thresholds, []string) {
	if d.IsZero() {
		d = Day{9999, 12, 31}
	}
	t := Thresholds{
		PainThreshold:        in.plan.value(PainThreshold, d, DefaultPainThreshold),
		SessionIncreasePct:   in.plan.value(SessionIncreaseMaxPct, d, DefaultSessionIncreasePct),
		WeekIncreasePct:      in.plan.value(WeekIncreaseMaxPct, d, DefaultWeekIncreasePct),
		WeekIncreaseFloorKm:  WeekFloorKm,
		WeekIncreaseFloorMin: WeekFloorMin,
		ACWRMax:              in.acwrMax(d),
		LambdaAcute:          LambdaAcute,
		LambdaChronic:        LambdaChronic,
		ChronicFloor:         ChronicFloor(in.measure),
		HRCoveragePct:        100 * HRCoverageMin,
	}
	t.HRMax, t.HRRest, t.HRSource = in.hrAt(Session{}, d)
	if t.HRSource == "+" {
		t.HRSource = ""
	}
	if !t.HRMax.OK || !t.HRRest.OK {
		// Neither flags nor Plan: the files' own values, as the latest session carrying them says.
		for _, s := range in.sessions {
			if s.HRMax.OK && s.HRRest.OK {
				t.HRMax, t.HRRest, t.HRSource = s.HRMax, s.HRRest, "files"
			}
		}
	}
	for _, s := range in.sessions {
		if s.Female.OK && s.Female.V {
			t.TRIMPFemale = true
		}
	}
	var notes []string
	if !in.from.IsZero() { // a period was chosen
		for _, id := range []RuleID{PainThreshold, SessionIncreaseMaxPct, WeekIncreaseMaxPct, ACWRMax, HRMaxRule, HRRestRule} {
			r1, ok1 := in.plan.global(id, in.from)
			r2, ok2 := in.plan.global(id, in.to)
			if ok1 != ok2 || r1.Value != r2.Value {
				notes = append(notes, fmt.Sprintf("%s changed during the period: each day uses the value in force that day", id))
			}
		}
	}
	return t, notes
}

func ruleRank(id RuleID) int {
	for i, r := range rules {
		if r.ID == id {
			return i
		}
	}
	return len(rules)
}

// RuleSpans returns every Plan row with the last day it was in force: the day before the
// From of the next row with the same rule and sport (absent: still in force). A row
// overridden by a later-read row with the same rule, sport and From ends the day before it
// starts, so it was never in force. Ordered by rule (SPEC's table order), sport, From.
func RuleSpans(p Plan) []RuleSpan {
	idx := newPlanIndex(p)
	type row struct {
		r    Rule
		read int
	}
	rows := make([]row, len(idx.rules))
	for i, r := range idx.rules {
		rows[i] = row{r, i}
	}
	slices.SortStableFunc(rows, func(x, y row) int {
		return cmp.Or(
			cmp.Compare(ruleRank(x.r.ID), ruleRank(y.r.ID)),
			cmp.Compare(x.r.ID, y.r.ID),
			cmp.Compare(x.r.Sport, y.r.Sport),
			x.r.From.Time().Compare(y.r.From.Time()),
			cmp.Compare(x.read, y.read),
		)
	})
	out := make([]RuleSpan, len(rows))
	for i, x := range rows {
		out[i] = RuleSpan{Rule: x.r}
		if i+1 < len(rows) && rows[i+1].r.ID == x.r.ID && rows[i+1].r.Sport == x.r.Sport {
			out[i].Until = Some(rows[i+1].r.From.AddDays(-1))
		}
	}
	return out
}
