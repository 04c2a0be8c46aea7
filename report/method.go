package report

import (
	"fmt"
	"slices"
	"strings"

	"runload/analysis"
)

// Meta is what the report says about the run itself (no clock: nothing here changes
// between two runs on the same inputs).
type Meta struct {
	Version string // the tool's version, for the Method sheet
	Inputs  string // the paths given, as the runner typed them ("exports/ symptoms.xlsx"); optional
	TZ      string // how calendar days were chosen ("-tz Europe/London", "FIT offsets, else machine zone UTC"); optional
	// Period is how the command chose the period and why, as its period line says ("the
	// symptom log's days; 14 years of earlier sessions used for look-back only (140 since
	// 2011-05-02); -all for everything"); optional. Shown under the Summary's period line and
	// beside the dates on the Method sheet.
	Period string
}

// methodRow is one line of the Method sheet.
type methodRow struct {
	topic, definition, value, source, evidence string
}

func methodRows(r analysis.Result, meta Meta) []methodRow {
	t := r.Thresholds
	version := meta.Version
	if version == "" {
		version = "(unknown version)"
	}
	inputs := "the files listed on the Import log sheet"
	if meta.Inputs != "" {
		inputs = meta.Inputs + " (every file is listed on the Import log sheet)"
	}
	period := fmt.Sprintf("%s to %s", r.From, r.To)
	if meta.Period != "" {
		period += " (" + meta.Period + ")"
	}
	tz := meta.TZ
	if tz == "" {
		tz = "no -tz: each FIT file's own offset, else the machine's zone"
	}

	hr := hrUsed(t, r.HR)
	consts := "men's constants a 0.64, b 1.92"
	if t.TRIMPFemale {
		consts = "women's constants a 0.86, b 1.67"
	}
	cov := t.HRCoveragePct
	if cov == 0 {
		cov = 80
	}
	coverage := fmtNum(cov, 0) + " % of moving time"
	acwr := "no acwr_max in the Plan: shown as context, never flagged"
	if t.ACWRMax.OK {
		acwr = "acwr_max " + fmtNum(t.ACWRMax.V, 2) + " (Plan): a team-sport heuristic"
	}

	rows := []methodRow{
		{"Report", "Made by runload " + version + " from " + inputs + ". The same inputs give the same workbook, byte for byte.",
			fmt.Sprintf("%s to %s", r.From, r.To), "", ""},
		{"Period", "The days the report covers. By default the symptom log's span: from its first logged day to the later of its last logged day and the last session; without a log, the last 12 weeks up to the last session. -from, -to and -all override. Sessions and log rows before the period are read for look-back only (the 30-day spike window, baselines, acute and chronic load); those after it for the last days' mornings after and a session the next day (a confounded 48 h window).",
			period, "", ""},
		{"Privacy", "No GPS positions or place names are kept or shown. \"Where it hurts\" is the body location written in the symptom log.", "", "", ""},
		{"Calendar day", "A session belongs to the local date of its start: -tz when given, else the FIT file's own local offset, else the machine's zone.",
			tz, "", ""},
		{"Same activity twice", "Counted once: compatible sport, starts within 2 minutes, durations within 10 %. Kept: FIT over TCX over GPX; the others are listed as duplicates.", "", "", "E"},
		{"Duration", "Timer (moving) time: pauses and gaps over 60 s between points excluded. Elapsed time is kept too.", "", "", ""},
		{"Load", "Daily load in the -load unit; several sessions a day are summed; a day without sessions has load 0; a day without a log row has no symptoms (missing is not 0).",
			loadWords(r.Load), "", ""},
		{"Two tracks", "Running-impact load (running minutes and km) drives spikes and running limits. Whole-body load is context for monotony and strain: minutes of every sport, or sRPE of every sport with -load srpe (one unit per report, never mixed). Cross-training never counts toward running limits.",
			"", "", "C"},
		{"sRPE", "Session RPE = CR-10 RPE × minutes. RPE from the symptom log, else the watch's own RPE field.", "", "Foster 2001, J Strength Cond Res 15:109", "S"},
		{"TRIMP", "Banister TRIMP = Σ minutes · x · a · e^(b·x), x = (HR − HRrest)/(HRmax − HRrest) clamped to 0..1, from the HR stream (average HR × minutes when there is none). Men a 0.64, b 1.92; women a 0.86, b 1.67. Never 220 − age; never for swims.",
			hr + "; " + consts, "Morton 1990, J Appl Physiol 69:1171", "M"},
		{"TRIMP HR coverage", "TRIMP only when valid heart rate (30–230 bpm) covers at least this share of the moving time.", coverage, "", "E"},
		{"Acute and chronic load", "EWMA E_t = λ·load_t + (1 − λ)·E_t−1, λ = 2/(N+1): acute N 7, chronic N 28. ACWR = acute / chronic.",
			fmt.Sprintf("λ acute %s, chronic %s", fmtNum(t.LambdaAcute, 3), fmtNum(t.LambdaChronic, 3)), "Williams 2017, Br J Sports Med 51:209", ""},
		{"ACWR gates", "No ratio in the first 28 days nor while chronic load is near zero (the return-to-run phase, where ratios explode). No traffic-light bands: the 0.8–1.3 / 1.5 zones come from team sports and are criticised; in 5,205 runners ACWR showed no harmful dose-response.",
			acwr + chronicFloor(t, r.Load), "Gabbett 2016, Br J Sports Med 50:273; Lolli 2019; Impellizzeri 2020, 2021; Frandsen 2025", "E"},
		{"Session spike", "A run longer than the longest run of the previous 30 days (distance; duration where the run has none), ratio = distance / that longest run. The 30 days are the local calendar days before the run's day, not 720 hours: a clock change cannot move a run out. Bands: > 1.10 small (HR 1.64), > 1.30 moderate (1.52), > 2.00 large (2.28). No run in the previous 30 days: \"first run back\", flagged without a ratio. Only running counts.",
			"over +" + fmtNum(t.SessionIncreasePct, 1) + " %", "Frandsen 2025, Br J Sports Med 59:1203 (5,205 runners, 588,071 sessions)", "S"},
		{"Week increase", "Running km of the 7 days ending on the run's day vs the 7 days before: flag above the threshold, \"watch\" above 20 %.",
			"over +" + fmtNum(t.WeekIncreasePct, 1) + " %", "Nielsen 2014, J Orthop Sports Phys Ther 44:739 (HR 1.59 for > 30 %); Damsted 2019, JOSPT 49:230", "M"},
		{"Week increase floor", "Not evaluated when the previous 7 days had under the floor: a tiny base makes every week a spike.",
			fmtNum(t.WeekIncreaseFloorKm, 1) + " km or " + fmtNum(t.WeekIncreaseFloorMin, 0) + " min", "", "E"},
		{"10 % rule", "Information only: it has no support (20.8 % vs 20.3 % injured).", "", "Buist 2008, Am J Sports Med 36:33", ""},
		{"Pain scale", "Pain and stiffness on 0–10 numeric scales; a change of 2 points is clinically important, 1 point is noise.", "", "Farrar 2001, Pain 94:149", "S"},
		{"Pain-monitoring model", "Pain during activity up to 5/10 acceptable for tendons; pain after activity must have settled by the next morning; morning pain and stiffness must not rise week on week. Bone stress: no symptoms during, after or the day after.",
			"", "Silbernagel 2007, Am J Sports Med 35:897; Warden 2021, JOSPT 51:322", "S; C"},
		{"Pain response", "After a session day d: baseline = pain logged on d, else the median of the previous 7 logged days within 4 weeks [E]. Response = pain(d+1) ≥ baseline + 2; or pain(d+1) above the threshold with the baseline within it, or with no baseline at all (labelled \"no baseline\"); or stiffness(d+1) ≥ stiffness(d) + 2; or limping on d+1. Nothing logged on d+1: unknown (empty), never \"no\". (Seed rule: pain over 2/10, limping, or next-day stiffness that worsens means the load was too much.)",
			"threshold " + fmtNum(t.PainThreshold, 1) + "/10", "built from the rows above", "E"},
		{"Windows", "+24 h (next morning) primary, +48 h (either of the next two mornings) secondary: tendon and bone respond with a delay. When the next day also has load, its 48 h window is confounded and marked.",
			"", "Magnusson 2010, Nat Rev Rheumatol 6:262", "M"},
		{"Association", "Exposure days: training days with a spike or a maximum broken; comparison: other training days; outcome: a pain response. Relative risk with a 95 % interval by the Katz log method (0.5 added to every cell when one is 0); Fisher's exact two-sided p; Spearman's rho of daily load vs next-day pain change. Each with its n.",
			"", "", ""},
		{"Association gates", "Nothing compared under 28 days of data or under 70 % of mornings logged; no interval and no word \"signal\" under 8 exposure and 8 comparison days.",
			"28 days; 70 %; 8 + 8 days", "", "E"},
		{"Limits", "Each Plan rule holds from its date until a later row with the same rule and sport. A value equal to the limit is within it. Weeks are ISO weeks, Monday to Sunday.", "see the Plan sheet", "the physio's Plan", ""},
		{"Weekly figures", "ISO weeks, Monday to Sunday. A weekly rule is checked over the days each of its values was in force: a rule that starts or changes mid-week splits the week at that day, the old value over Monday to the day before, the new one over the change day to Sunday; no rule is applied to days before it was agreed. A maximum applies as written over its part of the week; a minimum needs its share for the part's days, rounded to the nearest whole day or session (3 a week over Wed–Sun: 3 × 5/7 = 2.1, so 2). A breach or missed minimum is dated on its part's last day. The Summary quotes the last complete week (all 7 days in the period) against those limits, and this week so far (N of 7 days), whose minimums are not judged until the week, or the part of it under one value, is complete; the weekly mean is over complete weeks only.",
			"", "", ""},
		{"Monotony and strain", "Monotony = mean / SD of the 7 daily whole-body loads (rest days 0), capped at 10 when SD is 0; watch > 1.5, flag > 2.0. Strain = weekly load × monotony, no threshold. A rehab-only week is monotonous by construction.",
			"", "Foster 1998, Med Sci Sports Exerc 30:1164", "C"},
		{"Adherence and streaks", "Each minimum: weeks met / weeks in force. Streaks: weeks in a row within every limit; days in a row with rehab done.", "", "", ""},
		{"Status", "As of the last day with data: symptoms logged on each of the last 2 days, latest pain within the threshold, stiffness not worsening, rehab done in the last 2 days. It states the plan's own checks, not medical advice.", "", "", ""},
		{"Threat: reverse causation", "Pain makes runners train less, so low load can follow pain rather than prevent it.", "", "", ""},
		{"Threat: regression to the mean", "Flares settle whatever the load; a change after a bad morning may be chance.", "", "", ""},
		{"Threat: confounding", "Sleep, illness, shoes, surface and life stress change both load and pain; none of them is in the data.", "", "", ""},
		{"Threat: missing logs", "Mornings without a log row are not counted; if bad mornings go unlogged, responses are undercounted.", "", "", ""},
		{"Evidence labels", "S strong (RCT or large cohort); M moderate; C clinical convention; E our engineering default (configurable). The physio's Plan overrides every default.", "", "", ""},
	}
	// TRIMP's notes stand under its rows: TRIMP is shown on the Sessions sheet.
	at := slices.IndexFunc(rows, func(m methodRow) bool { return m.topic == "TRIMP HR coverage" }) + 1
	var trimp []methodRow
	for _, n := range r.TRIMPNotes {
		trimp = append(trimp, methodRow{"TRIMP note", n, "", "", ""})
	}
	rows = slices.Insert(rows, at, trimp...)
	for _, n := range r.Notes {
		rows = append(rows, methodRow{"Note", n, "", "", ""})
	}
	return rows
}

// hrUsed words the heart rates behind TRIMP as the analysis used them (Thresholds, HRUse): the
// values and where they came from, and the sessions left without, as the notes count them.
func hrUsed(t analysis.Thresholds, hr analysis.HRUse) string {
	if hr.WithValues == 0 || !t.HRMax.OK || !t.HRRest.OK {
		return "HRmax and HRrest not known: TRIMP left empty"
	}
	var from []string
	for _, src := range strings.Split(t.HRSource, "+") {
		switch src {
		case "flags":
			from = append(from, "-hr-max and -hr-rest")
		case "plan":
			from = append(from, "the Plan")
		}
	}
	s := fmt.Sprintf("HRmax %d, HRrest %d bpm", t.HRMax.V, t.HRRest.V)
	switch {
	case hr.FromFiles == 0:
	case hr.FilePairs > 1:
		s = fmt.Sprintf("HRmax and HRrest from each session's watch file: %d different values (the latest: HRmax %d, HRrest %d bpm)",
			hr.FilePairs, t.HRMax.V, t.HRRest.V)
		from = nil
	default:
		from = append(from, "the watch files")
	}
	if len(from) > 0 {
		s += " (from " + strings.Join(from, " and ") + ")"
	}
	if n := hr.Sessions - hr.WithValues; n > 0 {
		s += fmt.Sprintf("; none for %d of %d sessions: TRIMP left empty", n, hr.Sessions)
	}
	if hr.AboveMax > 0 {
		s += fmt.Sprintf("; %s above HRmax (up to %d bpm)", plural(hr.AboveMax, "session", "sessions"), hr.PeakHR.V)
	}
	return s
}

func chronicFloor(t analysis.Thresholds, m analysis.LoadMeasure) string {
	if t.ChronicFloor <= 0 {
		return ""
	}
	return "; no ratio while chronic load is under " + fmtNum(t.ChronicFloor, 1) + " " + loadUnit(m) + " a day"
}

func buildMethod(r analysis.Result, meta Meta) *Sheet {
	cols := []column[methodRow]{
		{"Topic", 26, Style{Bold: true, Top: true}, func(m methodRow) any { return m.topic }},
		{"Definition", 90, stText, func(m methodRow) any { return m.definition }},
		{"Value used", 28, stText, func(m methodRow) any { return text(m.value) }},
		{"Source", 40, stText, func(m methodRow) any { return text(m.source) }},
		{"Evidence", 9, Style{Top: true}, func(m methodRow) any { return text(m.evidence) }},
	}
	sh := tableSheet("Method", "MethodTable", cols, methodRows(r, meta))
	sh.Tables[0].ShowStripes = false
	return sh
}
