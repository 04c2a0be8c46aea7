package fitfast

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"runload/internal/fitcrc"
)

// TestSpecsMatchProfile checks the tables against muktihari's profile (v0.28.3): every field
// read has the profile base type's size, is not an array, and Sources lists exactly the
// fields whose components (through sub-fields and chains) expand into a field read;
// TimestampMesgs lists exactly the messages whose field 253 is in the profile, as uint32.
func TestSpecsMatchProfile(t *testing.T) {
	f := factory.StandardFactory()
	for num, spec := range Specs {
		mn := typedef.MesgNum(num)
		read := map[byte]bool{}
		for _, fs := range spec.Fields {
			read[fs.Num] = true
			pf := f.CreateField(mn, fs.Num)
			if pf.Name == factory.NameUnknown || pf.Array || int(pf.BaseType.Size()) != int(fs.Size) {
				t.Errorf("message %d field %d: profile %s %s array=%v, spec size %d", num, fs.Num, pf.Name, pf.BaseType, pf.Array, fs.Size)
			}
		}
		if num == MesgHR {
			read[hrEventTimestamp], read[hrFilteredBpm] = true, true
			for _, n := range []byte{hrEventTimestamp, hrFilteredBpm} {
				if pf := f.CreateField(mn, n); !pf.Array {
					t.Errorf("hr field %d is not an array in the profile", n)
				}
			}
		}
		var sources []byte
		for n := range 256 {
			pf := f.CreateField(mn, byte(n))
			if pf.Name == factory.NameUnknown {
				continue
			}
			seen := map[byte]bool{}
			var walk func([]proto.Component)
			walk = func(cs []proto.Component) {
				for _, c := range cs {
					if seen[c.FieldNum] {
						continue
					}
					seen[c.FieldNum] = true
					d := f.CreateField(mn, c.FieldNum)
					walk(d.Components)
					for _, sf := range d.SubFields {
						walk(sf.Components)
					}
				}
			}
			walk(pf.Components)
			for _, sf := range pf.SubFields {
				walk(sf.Components)
			}
			for d := range seen {
				if read[d] {
					sources = append(sources, byte(n))
					break
				}
			}
		}
		got := slices.Clone(spec.Sources)
		slices.Sort(got)
		if !slices.Equal(got, sources) {
			t.Errorf("message %d: Sources %v, profile %v", num, got, sources)
		}
	}
	var ts []uint16
	for m := range 1 << 16 {
		pf := f.CreateField(typedef.MesgNum(m), 253)
		if pf.Name == factory.NameUnknown {
			continue
		}
		if pf.BaseType != basetype.Uint32 || pf.Array {
			t.Errorf("message %d: field 253 is %s array=%v", m, pf.BaseType, pf.Array)
		}
		ts = append(ts, uint16(m))
	}
	if !slices.Equal(ts, TimestampMesgs) {
		t.Errorf("TimestampMesgs = %v, profile %v", TimestampMesgs, ts)
	}
	for b := range 256 {
		if validBase[b] != basetype.BaseType(b).Valid() {
			t.Errorf("base type %#x: valid %v, muktihari %v", b, validBase[b], basetype.BaseType(b).Valid())
		}
		if validBase[b] && baseSizes[byte(b)] != int(basetype.BaseType(b).Size()) {
			t.Errorf("base type %#x: size %d, muktihari %d", b, baseSizes[byte(b)], basetype.BaseType(b).Size())
		}
	}
}

type countHandler struct{ n, records int }

func (h *countHandler) OnFITMesg(m *Mesg) {
	h.n++
	if m.Num == MesgRecord {
		h.records++
	}
}

// part builds one FIT part from message bytes, with a 14-byte header and a correct CRC.
func part(msgs ...[]byte) []byte {
	var body []byte
	for _, m := range msgs {
		body = append(body, m...)
	}
	h := []byte{14, 0x20, 0x08, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
	binary.LittleEndian.PutUint32(h[4:8], uint32(len(body)))
	out := append(h, body...)
	return binary.LittleEndian.AppendUint16(out, fitcrc.Update(0, out))
}

type recordHandler struct{ got [][3]uint32 }

func (h *recordHandler) OnFITMesg(m *Mesg) {
	if m.Num == MesgRecord {
		h.got = append(h.got, [3]uint32{m.V[RecordTimestamp], m.V[RecordHeartRate], m.V[RecordDistance]})
	}
}

// TestDecodeRecords: both byte orders, compressed timestamps, a short and a long field, an
// absent field, developer fields skipped, two chained parts, and what is not handled.
func TestDecodeRecords(t *testing.T) {
	// little-endian record: timestamp uint32, heart_rate uint8, distance as 2 bytes (padded),
	// one developer field of 3 bytes.
	defLE := []byte{0x60, 0, 0, 20, 0, 3, 253, 4, 0x86, 3, 1, 0x02, 5, 2, 0x84, 1, 0, 3, 0}
	recLE := []byte{0x00, 0x10, 0x00, 0x00, 0x30, 140, 0x34, 0x12, 9, 9, 9}
	// big-endian record without timestamp: heart_rate as 2 bytes (the first one counts).
	defBE := []byte{0x41, 0, 1, 0, 20, 1, 3, 2, 0x02}
	recBE := []byte{0x01, 150, 7}
	comp := []byte{0x80 | 0x05, 0x10, 0x00, 0x00, 0x30, 141, 0x00, 0x00, 1, 2, 3} // offset 5 after 0x10: 0x30000025
	data := append(part(defLE, recLE, defBE, recBE, comp), part(defLE, recLE)...)
	var h recordHandler
	var d Decoder
	parts, ok := d.Decode(data, &h)
	if !ok || len(parts) != 2 || !parts[0].CRCOK || !parts[1].CRCOK {
		t.Fatalf("Decode: ok %v, parts %+v", ok, parts)
	}
	want := [][3]uint32{{0x30000010, 140, 0x1234}, {0xFFFFFFFF, 150, 0xFFFFFFFF}, {0x30000025, 141, 0}, {0x30000010, 140, 0x1234}}
	if !slices.Equal(h.got, want) {
		t.Errorf("records %x, want %x", h.got, want)
	}
	for name, bad := range map[string][]byte{
		"empty":            nil,
		"trailing byte":    append(slices.Clone(data), 0),
		"cut":              data[:len(data)-1],
		"no definition":    part([]byte{0x03, 1}),
		"bad base type":    part([]byte{0x40, 0, 0, 20, 0, 1, 3, 1, 0x06}),
		"component source": part([]byte{0x40, 0, 0, 20, 0, 1, 8, 3, 0x0D}),
	} {
		if _, ok := d.Decode(bad, &h); ok {
			t.Errorf("%s: handled", name)
		}
	}
}

// TestDecodeAllocs: reading a real file allocates nothing once the decoder is warm.
func TestDecodeAllocs(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "testdata", "real", "fit", "fitparse_2019-02-17-062644-ELEMNT-297E-195-0.fit")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("real corpus absent: ", err)
	}
	var d Decoder
	var h countHandler
	if _, ok := d.Decode(data, &h); !ok || h.records == 0 {
		t.Fatalf("not handled (%d records)", h.records)
	}
	if a := testing.AllocsPerRun(10, func() { d.Decode(data, &h) }); a != 0 {
		t.Errorf("%v allocations per decode of %d records", a, h.records)
	}
}
