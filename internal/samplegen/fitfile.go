package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/tormoder/fit"
	"github.com/tormoder/fit/dyncrc16"
)

// The user profile written into every FIT file, so that TRIMP can use the file's own values
// when neither the flags nor the Plan give them (the Plan says 190 and 55).
const (
	profileHRRest = 60
	profileHRMax  = 190
)

// Track is a session's samples, shared by the FIT and GPX writers.
type Track struct {
	Time  []time.Time // UTC
	HR    []int       // bpm
	DistM []float64   // cumulative metres; nil without distance
	Speed []float64   // m/s; nil without distance
}

// interval returns the recording interval of a kind of session.
func (k Kind) interval() time.Duration {
	if k == Run {
		return 3 * time.Second
	}
	return 5 * time.Second
}

// track builds the samples of session i, deterministically: each session has its own PCG stream,
// so changing one session does not change the others.
func track(i int, s Session, dt time.Duration) Track {
	rng := rand.New(rand.NewPCG(20260831, uint64(i)))
	n := int(s.Timer/dt) + 1
	half := (int(s.Timer/dt) / 2) * int(dt/time.Second) // moving seconds where the pause starts
	var tr Track
	shape := make([]float64, n)
	hr := make([]float64, n)
	start := s.Start()
	rest := 80.0
	if s.Kind == Strength {
		rest = 75
	}
	wander := 0.0
	for k := 0; k < n; k++ {
		sec := k * int(dt/time.Second)
		wall := start.Add(time.Duration(sec) * time.Second)
		if s.Pause > 0 && sec > half {
			wall = wall.Add(s.Pause)
		}
		tr.Time = append(tr.Time, wall)
		// Speed shape: 1 min run / 1 min walk early on, steady with small noise later.
		v := 1 + 0.04*(rng.Float64()-0.5)
		effort := 0.0
		switch {
		case s.RunWalk && (sec/60)%2 == 1:
			v, effort = 0.55, -8
		case s.RunWalk:
			effort = 6
		case s.Kind == Ride:
			v = 1 + 0.2*(rng.Float64()-0.5)
		case s.Kind == Strength:
			// Sets and rests: HR up during a set (40 s every 2 min).
			if sec%120 < 40 {
				effort = 12
			} else {
				effort = -4
			}
		}
		if sec < 60 { // the first minute of a run/walk is a walk
			v *= 0.6
		}
		shape[k] = v
		wander += (rng.Float64() - 0.5) * 1.2
		wander *= 0.97
		rise := 1 - math.Exp(-float64(sec)/150) // warm-up
		hr[k] = rest + rise*(float64(s.AvgHR)-rest+8) + effort*rise + wander
	}
	// Shift the curve so that its rounded mean is the story's average exactly.
	var sum float64
	for _, h := range hr {
		sum += h
	}
	shift := float64(s.AvgHR) - sum/float64(n)
	tr.HR = make([]int, n)
	total := 0
	for k, h := range hr {
		tr.HR[k] = min(int(math.Round(h+shift)), profileHRMax-1)
		total += tr.HR[k]
	}
	for k := 0; avg(total, n) != s.AvgHR; k = (k + 7) % n {
		d := 1
		if avg(total, n) > s.AvgHR {
			d = -1
		}
		tr.HR[k] += d
		total += d
	}
	if s.DistM > 0 {
		// Distance: the integral of speed, scaled to the story's distance exactly.
		var area float64
		for k := 1; k < n; k++ {
			area += shape[k] * dt.Seconds()
		}
		scale := s.DistM / area
		tr.DistM = make([]float64, n)
		tr.Speed = make([]float64, n)
		for k := 1; k < n; k++ {
			tr.Speed[k] = shape[k] * scale
			tr.DistM[k] = tr.DistM[k-1] + tr.Speed[k]*dt.Seconds()
		}
		tr.Speed[0] = tr.Speed[1]
		tr.DistM[n-1] = s.DistM
	}
	return tr
}

// avg is the mean of n integers summing to total, rounded half up.
func avg(total, n int) int { return int(math.Floor(float64(total)/float64(n) + 0.5)) }

// sport returns the FIT sport and sub-sport of a kind.
func (k Kind) sport() (fit.Sport, fit.SubSport) {
	switch k {
	case Strength:
		return fit.SportTraining, fit.SubSportStrengthTraining
	case Ride:
		return fit.SportCycling, fit.SubSportRoad
	case Indoor:
		return fit.SportCycling, fit.SubSportIndoorCycling
	case Swim:
		return fit.SportSwimming, fit.SubSportLapSwimming
	}
	return fit.SportRunning, fit.SubSportGeneric
}

// encodeFIT writes session i as a FIT activity file with tormoder/fit's encoder, then puts the
// fields of every definition in a fixed order and adds a user_profile message (see canonFIT).
func encodeFIT(i int, s Session) ([]byte, error) {
	tr := track(i, s, s.Kind.interval())
	start, end := s.Start(), s.Start().Add(s.Elapsed())
	f, err := fit.NewFile(fit.FileTypeActivity, fit.NewHeader(fit.V20, true))
	if err != nil {
		return nil, err
	}
	id := fit.NewFileIdMsg()
	id.Type = fit.FileTypeActivity
	id.Manufacturer = fit.ManufacturerDevelopment
	id.Product = 1
	id.SerialNumber = 20260831
	id.TimeCreated = start
	f.FileId = *id
	act, err := f.Activity()
	if err != nil {
		return nil, err
	}
	sport, sub := s.Kind.sport()
	timerMs := uint32(s.Timer / time.Millisecond)
	elapsedMs := uint32(s.Elapsed() / time.Millisecond)

	for k, t := range tr.Time {
		r := fit.NewRecordMsg()
		r.Timestamp = t
		r.HeartRate = uint8(tr.HR[k])
		if tr.DistM != nil {
			r.Distance = uint32(math.Round(tr.DistM[k] * 100))
			r.Speed = uint16(math.Round(tr.Speed[k] * 1000))
		}
		act.Records = append(act.Records, r)
	}
	ev := func(t time.Time, typ fit.EventType) *fit.EventMsg {
		e := fit.NewEventMsg()
		e.Timestamp, e.Event, e.EventType, e.EventGroup = t, fit.EventTimer, typ, 0
		return e
	}
	act.Events = append(act.Events, ev(start, fit.EventTypeStart))
	if s.Pause > 0 {
		half := len(tr.Time) / 2
		for k := 1; k < len(tr.Time); k++ {
			if tr.Time[k].Sub(tr.Time[k-1]) > s.Kind.interval() {
				half = k
				break
			}
		}
		act.Events = append(act.Events, ev(tr.Time[half-1], fit.EventTypeStopAll), ev(tr.Time[half].Add(-s.Kind.interval()), fit.EventTypeStart))
	}
	act.Events = append(act.Events, ev(end, fit.EventTypeStopAll))

	maxHR := slices.Max(tr.HR)
	lap := fit.NewLapMsg()
	lap.MessageIndex = 0
	lap.Timestamp, lap.StartTime = end, start
	lap.Event, lap.EventType = fit.EventLap, fit.EventTypeStop
	lap.TotalElapsedTime, lap.TotalTimerTime = elapsedMs, timerMs
	lap.AvgHeartRate, lap.MaxHeartRate = uint8(s.AvgHR), uint8(maxHR)
	lap.Sport, lap.SubSport = sport, sub
	lap.LapTrigger = fit.LapTriggerSessionEnd
	ses := fit.NewSessionMsg()
	ses.MessageIndex = 0
	ses.Timestamp, ses.StartTime = end, start
	ses.Event, ses.EventType = fit.EventSession, fit.EventTypeStop
	ses.Sport, ses.SubSport = sport, sub
	ses.TotalElapsedTime, ses.TotalTimerTime = elapsedMs, timerMs
	ses.AvgHeartRate, ses.MaxHeartRate = uint8(s.AvgHR), uint8(maxHR)
	ses.FirstLapIndex, ses.NumLaps = 0, 1
	ses.Trigger = fit.SessionTriggerActivityEnd
	if s.DistM > 0 {
		cm := uint32(math.Round(s.DistM * 100))
		mms := uint16(math.Round(s.DistM / s.Timer.Seconds() * 1000))
		ses.TotalDistance, lap.TotalDistance = cm, cm
		ses.AvgSpeed, lap.AvgSpeed = mms, mms
	}
	if s.Kind == Swim {
		ses.PoolLength, ses.PoolLengthUnit = 2500, fit.DisplayMeasureMetric // 25 m, scale 100
		ses.NumActiveLengths = uint16(s.DistM / 25)
		ses.SwimStroke = fit.SwimStrokeFreestyle
	}
	act.Laps = []*fit.LapMsg{lap}
	act.Sessions = []*fit.SessionMsg{ses}

	a := fit.NewActivityMsg()
	a.Timestamp = end
	a.TotalTimerTime = timerMs
	a.NumSessions = 1
	a.Type = fit.ActivityModeManual
	a.Event, a.EventType = fit.EventActivity, fit.EventTypeStop
	// The encoder writes local_timestamp as the UTC seconds plus the value's zone offset.
	a.LocalTimestamp = end.In(time.FixedZone("", int(s.Offset()/time.Second)))
	act.Activity = a

	var buf bytes.Buffer
	if err := fit.Encode(&buf, f, binary.LittleEndian); err != nil {
		return nil, err
	}
	profile, err := userProfile()
	if err != nil {
		return nil, err
	}
	return canonFIT(buf.Bytes(), profile)
}

// userProfile returns the definition and data message of a user_profile (resting HR 60, max 190),
// encoded by tormoder/fit as part of a settings file, ready to splice into an activity file.
// tormoder's ActivityFile (v0.15.0) has no place for it.
func userProfile() ([]byte, error) {
	f, err := fit.NewFile(fit.FileTypeSettings, fit.NewHeader(fit.V20, true))
	if err != nil {
		return nil, err
	}
	id := fit.NewFileIdMsg()
	id.Type = fit.FileTypeSettings
	f.FileId = *id
	set, err := f.Settings()
	if err != nil {
		return nil, err
	}
	up := fit.NewUserProfileMsg()
	up.Gender = fit.GenderMale
	up.RestingHeartRate = profileHRRest
	up.DefaultMaxHeartRate = profileHRMax
	up.DefaultMaxRunningHeartRate = profileHRMax
	set.UserProfiles = []*fit.UserProfileMsg{up}
	var buf bytes.Buffer
	if err := fit.Encode(&buf, f, binary.LittleEndian); err != nil {
		return nil, err
	}
	canon, err := canonFIT(buf.Bytes(), nil) // its definition too is built from a map
	if err != nil {
		return nil, err
	}
	msgs, err := splitFIT(canon)
	if err != nil {
		return nil, err
	}
	var out []byte
	for _, mg := range msgs {
		if mg.global == 3 { // user_profile
			out = append(out, mg.raw...)
		}
	}
	return out, nil
}

// fitMsg is one raw message of a FIT file: a definition or a data message.
type fitMsg struct {
	def    bool
	global uint16    // the global message number (of the definition in force, for data)
	fields [][3]byte // definition: field number, size, base type
	raw    []byte
}

// splitFIT splits the records of one FIT file (no developer data, no compressed timestamps,
// as tormoder writes them) into messages.
func splitFIT(b []byte) ([]fitMsg, error) {
	if len(b) < 14 {
		return nil, fmt.Errorf("fit: short file")
	}
	hs := int(b[0])
	end := hs + int(binary.LittleEndian.Uint32(b[4:8]))
	if end+2 != len(b) {
		return nil, fmt.Errorf("fit: data size %d does not match the file", end-hs)
	}
	defs := map[byte]fitMsg{}
	var out []fitMsg
	for p := hs; p < end; {
		h := b[p]
		if h&0x80 != 0 || h&0x20 != 0 {
			return nil, fmt.Errorf("fit: unexpected record header %#x at %d", h, p)
		}
		local := h & 0x0F
		if h&0x40 != 0 {
			if b[p+2] != 0 {
				return nil, fmt.Errorf("fit: big-endian definition at %d", p)
			}
			nf := int(b[p+5])
			mg := fitMsg{def: true, global: binary.LittleEndian.Uint16(b[p+3:]), raw: b[p : p+6+3*nf]}
			for j := 0; j < nf; j++ {
				mg.fields = append(mg.fields, [3]byte(b[p+6+3*j:p+9+3*j]))
			}
			defs[local] = mg
			out = append(out, mg)
			p += len(mg.raw)
			continue
		}
		d, ok := defs[local]
		if !ok {
			return nil, fmt.Errorf("fit: data message without definition at %d", p)
		}
		size := 1
		for _, f := range d.fields {
			size += int(f[1])
		}
		out = append(out, fitMsg{global: d.global, fields: d.fields, raw: b[p : p+size]})
		p += size
	}
	return out, nil
}

// canonFIT makes tormoder's output byte-reproducible and complete:
//   - tormoder v0.15.0 builds the definition of a message slice (records, events, laps, sessions)
//     from a map, so its field order changes from run to run. Here every definition lists
//     timestamp (253) first, then the other fields by number, and its data messages are
//     reordered to match (the same bytes, moved);
//   - the user_profile messages (insert, encoded by tormoder in a settings file) go after file_id.
//
// The header and file CRC are recomputed with tormoder's dyncrc16.
func canonFIT(b, insert []byte) ([]byte, error) {
	msgs, err := splitFIT(b)
	if err != nil {
		return nil, err
	}
	var data []byte
	var perm []int // perm[j] = index of the original field now at position j
	var offs []int // byte offset of each original field in a data message
	for i, mg := range msgs {
		if mg.def {
			perm = make([]int, len(mg.fields))
			offs = make([]int, len(mg.fields))
			o := 1
			for j := range mg.fields {
				perm[j] = j
				offs[j] = o
				o += int(mg.fields[j][1])
			}
			key := func(j int) int {
				if n := int(mg.fields[j][0]); n != 253 {
					return n
				}
				return -1
			}
			slices.SortFunc(perm, func(x, y int) int { return key(x) - key(y) })
			raw := append([]byte(nil), mg.raw[:6]...)
			for _, j := range perm {
				raw = append(raw, mg.fields[j][:]...)
			}
			data = append(data, raw...)
			continue
		}
		data = append(data, mg.raw[0])
		for _, j := range perm {
			data = append(data, mg.raw[offs[j]:offs[j]+int(mg.fields[j][1])]...)
		}
		if i == 1 { // after file_id's definition and data
			data = append(data, insert...)
		}
	}
	h := fit.NewHeader(fit.V20, true)
	h.DataSize = uint32(len(data))
	hdr, err := h.MarshalBinary()
	if err != nil {
		return nil, err
	}
	out := append(hdr, data...)
	return binary.LittleEndian.AppendUint16(out, dyncrc16.Checksum(out)), nil
}
