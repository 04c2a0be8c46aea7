package analysis

// The counts and choices the report's Summary quotes. Each is worked out once, here, so the
// report only words them (STYLE: a fact worked out twice drifts).

// ResponseCounts counts the pain responses after the training days of the paired table
// (Result.Exposure, DOMAIN §4 and §5), every training day alike, exposed or not.
type ResponseCounts struct {
	TrainingDays int // training days in the period: the rows of the paired table
	Judged24h    int // of those, days whose next morning was logged, so the +24 h response is known
	Responses24h int // of those, days followed by a pain response the next morning
	Judged48h    int // days whose +48 h response is known (a response on either morning, or both mornings logged)
	Responses48h int // days followed by a pain response within 48 h
}

// responseCounts counts the responses of the paired table exp.
func responseCounts(exp []Exposure) ResponseCounts {
	c := ResponseCounts{TrainingDays: len(exp)}
	for _, e := range exp {
		if e.Response24h.OK {
			c.Judged24h++
			if e.Response24h.V {
				c.Responses24h++
			}
		}
		if e.Response48h.OK {
			c.Judged48h++
			if e.Response48h.V {
				c.Responses48h++
			}
		}
	}
	return c
}
