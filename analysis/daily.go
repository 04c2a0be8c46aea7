package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// mergeSymptoms returns one entry per day, sorted by day. Several rows for one date: the
// worst value counts (highest pain, stiffness, swelling and RPE; limping or swollen in any
// row); rehab counts as done when any row says so; texts are joined. Rows are first sorted
// by their own content, so the order they were given in never shows.
func mergeSymptoms(in []SymptomEntry) []SymptomEntry {
	es := slices.Clone(in)
	slices.SortStableFunc(es, func(x, y SymptomEntry) int {
		if c := cmp.Or(
			x.Day.Time().Compare(y.Day.Time()),
			cmp.Compare(x.Source, y.Source),
			cmp.Compare(x.Location, y.Location),
			cmp.Compare(x.Notes, y.Notes),
		); c != 0 {
			return c
		}
		return cmp.Compare(fmt.Sprint(x), fmt.Sprint(y))
	})
	var out []SymptomEntry
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].Day == es[i].Day {
			j++
		}
		if !es[i].Day.IsZero() {
			out = append(out, mergeDay(es[i:j]))
		}
		i = j
	}
	return out
}

// mergeDay merges the rows of one day, in order: the worst values, and each text joined
// once. A log of 6 000 rows for one day (hostile, or pasted twice a thousand times) is
// linear: each text's parts are kept in a set, not split again for each row.
func mergeDay(rows []SymptomEntry) SymptomEntry {
	x := rows[0]
	loc, notes := newJoiner(x.Location), newJoiner(x.Notes)
	for _, y := range rows[1:] {
		x.Pain = maxOpt(x.Pain, y.Pain)
		x.Stiffness = maxOpt(x.Stiffness, y.Stiffness)
		x.Swelling = maxOpt(x.Swelling, y.Swelling)
		x.RPE = maxOpt(x.RPE, y.RPE)
		x.Swollen = orOpt(x.Swollen, y.Swollen)
		x.Limping = orOpt(x.Limping, y.Limping)
		x.Rehab = orOpt(x.Rehab, y.Rehab)
		loc.add(y.Location)
		notes.add(y.Notes)
	}
	x.Location, x.Notes = loc.String(), notes.String()
	if len(rows) > 1 {
		// The rows' sources are not shown anywhere; the first stands for them all.
		x.Source = fmt.Sprintf("%s and %d more rows", x.Source, len(rows)-1)
	}
	return x
}

// joiner joins texts with "; ", each once: a text that is already one of the parts joined
// so far (or the whole) is left out.
type joiner struct {
	b     strings.Builder
	parts map[string]bool
}

func newJoiner(s string) *joiner {
	j := &joiner{parts: map[string]bool{}}
	j.add(s)
	return j
}

func (j *joiner) add(s string) {
	if s == "" || j.parts[s] || s == j.b.String() {
		return
	}
	if j.b.Len() > 0 {
		j.b.WriteString("; ")
	}
	j.b.WriteString(s)
	for _, p := range strings.Split(s, "; ") {
		j.parts[p] = true
	}
}

func (j *joiner) String() string { return j.b.String() }

func maxOpt(x, y Opt[float64]) Opt[float64] {
	if !x.OK || (y.OK && y.V > x.V) {
		return y
	}
	return x
}

func orOpt(x, y Opt[bool]) Opt[bool] {
	if !x.OK || (y.OK && y.V) {
		return y
	}
	return x
}

// minutes returns s's moving time in minutes.
func minutes(s Session) float64 { return s.Duration.Minutes() }

// sessionLoads returns the period's sessions with their RPE, TRIMP and load (SPEC 10,
// DOMAIN §1), and notes on what the loads lack.
// Under minutes and km a cross-training session's load is 0 (it is not running), not absent;
// a run without distance has no km load; under trimp and srpe a session without TRIMP or RPE
// has no load and adds nothing to its day (a Note counts them).
func (in *inputs) sessionLoads() (sess []SessionResult, hr HRUse, trimpNotes, notes []string) {
	sess = slices.Clone(in.sessions)
	missing, hr := in.fillLoads(sess, in.byDay)
	trimpNotes, notes = loadNotes(sess, missing, hr)
	return sess, hr, trimpNotes, notes
}

// loadsMissing counts what fillLoads could not compute: sessions without HRmax/HRrest, without
// TRIMP, without RPE, runs without distance, and TRIMPs computed with the men's constants by default.
type loadsMissing struct {
	noHR, trimp, rpe, km, menDefault int
}

// fillLoads sets RPE, TRIMP and load of each session in sess (byDay indexes sess by day),
// counts what could not be computed and says where the heart rates for TRIMP came from.
func (in *inputs) fillLoads(sess []SessionResult, byDay map[Day][]int) (loadsMissing, HRUse) {
	var n loadsMissing
	hr := HRUse{Sessions: len(sess)}
	pairs := map[[2]int]bool{}
	for _, ix := range byDay { // each day on its own: map order cannot show
		// The log's RPE is for the day's main session: the longest (the earliest of equals).
		main := ix[0]
		for _, i := range ix[1:] {
			if sess[i].Duration > sess[main].Duration {
				main = i
			}
		}
		e, logged := in.log[sess[main].Day]
		for _, i := range ix {
			s := &sess[i]
			switch {
			case i == main && logged && e.RPE.OK:
				s.RPE, s.RPESource = e.RPE, "log"
			case s.Session.RPE.OK:
				s.RPE, s.RPESource = s.Session.RPE, "watch"
			}
		}
	}
	for i := range sess {
		s := &sess[i]
		hrMax, hrRest, src := in.hrAt(s.Session, s.Day)
		if !hrMax.OK || !hrRest.OK {
			s.TRIMPNote = "no HRmax/HRrest"
			n.noHR++
		} else {
			hr.WithValues++
			if strings.Contains(src, "files") {
				hr.FromFiles++
				pairs[[2]int{hrMax.V, hrRest.V}] = true
			}
			if s.MaxHR.OK && s.MaxHR.V > hrMax.V {
				hr.AboveMax++
				if !hr.PeakHR.OK || s.MaxHR.V > hr.PeakHR.V {
					hr.PeakHR, hr.PeakHRMax = s.MaxHR, hrMax
				}
			}
			female := s.Female.OK && s.Female.V
			if !s.Female.OK {
				n.menDefault++
			}
			s.TRIMP, s.TRIMPNote = SessionTRIMP(s.Session, hrMax.V, hrRest.V, female)
		}
		switch in.measure {
		case LoadKm:
			switch {
			case s.Sport != Running:
				s.Load = Some(0.0)
			case s.DistanceM.OK:
				s.Load = Some(s.DistanceM.V / 1000)
			default:
				n.km++
			}
		case LoadTRIMP:
			s.Load = s.TRIMP
			if !s.TRIMP.OK {
				n.trimp++
			}
		case LoadSRPE:
			if s.RPE.OK {
				s.Load = Some(SRPE(s.RPE.V, s.Duration.Minutes()))
			} else {
				n.rpe++
			}
		default:
			if s.Sport == Running {
				s.Load = Some(minutes(s.Session))
			} else {
				s.Load = Some(0.0)
			}
		}
	}
	hr.FilePairs = len(pairs)
	return n, hr
}

// loadNotes says what the TRIMP of the period's sessions lacks, and why (trimp), and what
// their load lacks (notes).
func loadNotes(sess []SessionResult, m loadsMissing, hr HRUse) (trimp, notes []string) {
	n := len(sess)
	if m.noHR > 0 {
		trimp = append(trimp, fmt.Sprintf("TRIMP not computed for %d of %d sessions: no HRmax/HRrest — give -hr-max and -hr-rest or Plan rows hr_max, hr_rest", m.noHR, n))
	}
	if hr.AboveMax > 0 {
		who := plural(hr.AboveMax, "session reaches", "sessions reach")
		trimp = append(trimp, fmt.Sprintf("%s a heart rate above the HRmax used for TRIMP (up to %d bpm against %d): intensity is capped at HRmax, which may be set too low",
			who, hr.PeakHR.V, hr.PeakHRMax.V))
	}
	var why []string
	for _, c := range []struct {
		match func(SessionResult) bool
		what  string
	}{
		{func(s SessionResult) bool { return s.TRIMPNote == "no heart rate" }, "sessions without heart rate"},
		{func(s SessionResult) bool { return strings.HasPrefix(s.TRIMPNote, "heart rate covers") }, "sessions with heart rate over less than 80 % of the moving time"},
		{func(s SessionResult) bool { return s.TRIMPNote == "no TRIMP for swims" }, "swims"},
		{func(s SessionResult) bool { return strings.HasPrefix(s.TRIMPNote, "HRmax ") }, "sessions with HRmax/HRrest that are not usable"},
	} {
		k := 0
		for _, s := range sess {
			if !s.TRIMP.OK && c.match(s) {
				k++
			}
		}
		if k > 0 {
			why = append(why, fmt.Sprintf("%s (%d)", c.what, k))
		}
	}
	if len(why) > 0 {
		trimp = append(trimp, "TRIMP not computed: "+strings.Join(why, ", "))
	}
	if m.menDefault > 0 && m.noHR < n {
		trimp = append(trimp, "TRIMP uses the men's constants (a 0.64, b 1.92) where the files do not say the runner's sex")
	}
	if m.trimp > 0 {
		notes = append(notes, fmt.Sprintf("Load is TRIMP: %d of %d sessions have no TRIMP and add nothing to the daily load", m.trimp, n))
	}
	if m.rpe > 0 {
		notes = append(notes, fmt.Sprintf("Load is sRPE: %d of %d sessions have no RPE (log or watch) and add nothing to the daily load", m.rpe, n))
	}
	if m.km > 0 {
		notes = append(notes, fmt.Sprintf("Load is km: %d runs have no distance and add nothing to the daily load", m.km))
	}
	return trimp, notes
}

// wholeBody is a session's whole-body load (DOMAIN §1): its sRPE when the load measure is
// sRPE (0 without an RPE: a Note counts those), else its minutes, whatever the sport. One
// unit per run: mixing sRPE and minutes in one series would make monotony and strain meaningless.
func wholeBody(s SessionResult, m LoadMeasure) float64 {
	if m == LoadSRPE {
		if s.RPE.OK {
			return SRPE(s.RPE.V, minutes(s.Session))
		}
		return 0
	}
	return minutes(s.Session)
}

// daily builds the series of SPEC 1 and 2 from the period's sessions with their loads: a row
// for every day of the period. Its Flags are left to flags.
func (in *inputs) daily(sess []SessionResult) []DayResult {
	n := in.to.Sub(in.from) + 1
	days := make([]DayResult, n)
	loads := make([]float64, n)
	for i := range n {
		d := in.from.AddDays(i)
		r := DayResult{Day: d}
		r.Symptoms = in.log[d]
		r.Logged = r.Symptoms.Logged()
		// The whole log: the period's last day sees the morning after it, as its response does.
		r.NextPain = in.log[d.AddDays(1)].Pain
		r.Load = Some(0.0) // rest is data: a day without sessions has load 0
		known := 0
		for _, j := range in.byDay[d] {
			s := sess[j]
			if s.Load.OK {
				r.Load.V += s.Load.V
				known++
			}
			if s.Sport == Running {
				r.RunningMin += minutes(s.Session)
				if s.DistanceM.OK {
					r.RunningKm += s.DistanceM.V / 1000
				}
			} else {
				r.OtherMin += minutes(s.Session)
			}
			r.WholeBody += wholeBody(s, in.measure)
		}
		if len(in.byDay[d]) > 0 && known == 0 {
			r.Load = Opt[float64]{} // sessions, but none with a load in this unit: unknown, not rest
		}
		loads[i] = r.Load.V // the EWMA counts an unknown day as 0; the Notes say how many sessions had no load
		days[i] = r
	}
	// The EWMA starts with the data, not with -from: the days before the period seed it, so
	// a period cut by -from keeps its acute and chronic load and its 28-day history.
	acute, chronic, before := in.prePeriodLoads()
	floor := ChronicFloor(in.measure)
	for i := range days {
		k := before + i
		days[i].Acute = Some(acute.add(loads[i]))
		days[i].Chronic = Some(chronic.add(loads[i]))
		days[i].ACWR = ACWR(acute.e, chronic.e, k, floor)
	}
	return days
}

// prePeriodLoads runs the acute and chronic EWMA over the daily loads from the first day with
// data (a session or a log row) to the day before the period, and returns them with that
// number of days (0 when the period starts there). The sessions before the period get their
// loads the same way as the period's; they are not reported.
//
// Years of history are loaded a day at a time, in order, and no series is kept: what is held
// is a pointer per earlier session, not their results nor a value per day (50 000 earlier
// sessions held whole were 60 MB).
func (in *inputs) prePeriodLoads() (acute, chronic ewma, days int) {
	acute, chronic = ewma{lambda: LambdaAcute}, ewma{lambda: LambdaChronic}
	first := in.from
	if len(in.all) > 0 && in.all[0].Day().Before(first) {
		first = in.all[0].Day()
	}
	if !in.logFrom.IsZero() && in.logFrom.Before(first) {
		first = in.logFrom
	}
	days = in.from.Sub(first)
	if days <= 0 {
		return acute, chronic, 0
	}
	// in.all is sorted by instant, not by local day: sessions in other offsets can step a day
	// back. Sorted by day, stably, each day's sessions come together in in.all's order.
	type dated struct {
		day Day
		s   *Session
	}
	n := 0
	for _, s := range in.all {
		if s.Day().Before(in.from) {
			n++
		}
	}
	pre := make([]dated, 0, n)
	for _, s := range in.all {
		if d := s.Day(); d.Before(in.from) {
			pre = append(pre, dated{d, s})
		}
	}
	slices.SortStableFunc(pre, func(x, y dated) int { return x.day.Time().Compare(y.day.Time()) })
	var (
		sess  []SessionResult // one day's
		ix    []int
		byDay = map[Day][]int{}
		next  = first // the first day not yet in the EWMA
	)
	for i := 0; i < len(pre); {
		d := pre[i].day
		sess, ix = sess[:0], ix[:0]
		for ; i < len(pre) && pre[i].day == d; i++ {
			ix = append(ix, len(sess))
			sess = append(sess, SessionResult{Session: *pre[i].s, Day: d})
		}
		clear(byDay)
		byDay[d] = ix
		in.fillLoads(sess, byDay)
		for ; next.Before(d); next = next.AddDays(1) {
			acute.add(0)
			chronic.add(0)
		}
		load := 0.0
		for _, s := range sess {
			if s.Load.OK {
				load += s.Load.V
			}
		}
		acute.add(load)
		chronic.add(load)
		next = d.AddDays(1)
	}
	for ; next.Before(in.from); next = next.AddDays(1) {
		acute.add(0)
		chronic.add(0)
	}
	return acute, chronic, days
}
