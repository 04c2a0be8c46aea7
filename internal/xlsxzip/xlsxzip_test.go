package xlsxzip

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEntriesInNameOrderAndDefaultsSorted(t *testing.T) {
	var out bytes.Buffer
	z := NewWriter(&out)
	for _, e := range []struct{ name, body string }{
		{"xl/worksheets/sheet2.xml", "<b/>"},
		{"[Content_Types].xml", `<Types><Default Extension="xml" ContentType="x"/><Override PartName="/a"/><Default Extension="vml" ContentType="v"/><Default Extension="rels" ContentType="r"/></Types>`},
		{"xl/worksheets/sheet1.xml", "<a/>"},
	} {
		w, err := z.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	if d := cmp.Diff([]string{"[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}, names); d != "" {
		t.Errorf("entry order (-want +got):\n%s", d)
	}
	f, _ := r.File[0].Open()
	got, _ := io.ReadAll(f)
	// The three <Default> elements sorted among themselves; the <Override> stays in its place.
	want := `<Types><Default Extension="rels" ContentType="r"/><Override PartName="/a"/><Default Extension="vml" ContentType="v"/><Default Extension="xml" ContentType="x"/></Types>`
	if string(got) != want {
		t.Errorf("content types\n got %s\nwant %s", got, want)
	}
}

// readAll returns every entry of a zip by name, read to the end (so archive/zip checks each
// entry's CRC and size against the header).
func readAll(t *testing.T, b []byte) map[string]string {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		got[f.Name] = string(data)
	}
	return got
}

// Entries are compressed as they are written, in several writes, with the reused compressor;
// what comes out is what went in, a replaced entry keeps its last content, and a large part
// is stored deflated.
func TestEntriesRoundTripCompressed(t *testing.T) {
	big := strings.Repeat(`<row r="1"><c r="A1" t="n"><v>42</v></c></row>`, 20000)
	var out bytes.Buffer
	z := NewWriter(&out)
	for _, e := range []struct {
		name  string
		parts []string
	}{
		{"xl/worksheets/sheet1.xml", []string{big[:1000], big[1000:]}},
		{"xl/empty.xml", nil},
		{"docProps/app.xml", []string{"old"}},
		{"docProps/app.xml", []string{"<Properties>", "new", "</Properties>"}},
	} {
		w, err := z.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range e.parts {
			if _, err := io.WriteString(w, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"xl/worksheets/sheet1.xml": big,
		"xl/empty.xml":             "",
		"docProps/app.xml":         "<Properties>new</Properties>",
	}
	if d := cmp.Diff(want, readAll(t, out.Bytes())); d != "" {
		t.Errorf("entries (-want +got):\n%s", d)
	}
	if out.Len() > len(big)/20 {
		t.Errorf("zip is %d bytes for %d bytes of repetitive XML: not deflated", out.Len(), len(big))
	}
}

// excelize writes one part after another; a write to a part after the next was started would
// be lost from the deflate stream, so it is an error rather than a damaged workbook.
func TestWriteAfterNextCreateIsAnError(t *testing.T) {
	z := NewWriter(io.Discard)
	w1, _ := z.Create("a.xml")
	if _, err := z.Create("b.xml"); err != nil {
		t.Fatal(err)
	}
	if _, err := w1.Write([]byte("late")); err == nil || !strings.Contains(err.Error(), "a.xml") {
		t.Errorf("late write to a.xml: err = %v, want an error naming a.xml", err)
	}
}

// The same entries created in another order give the same bytes.
func TestOrderIndependent(t *testing.T) {
	write := func(names ...string) []byte {
		var out bytes.Buffer
		z := NewWriter(&out)
		for _, n := range names {
			w, _ := z.Create(n)
			io.WriteString(w, "<x>"+n+"</x>")
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	a := write("xl/b.xml", "[Content_Types].xml", "xl/a.xml")
	b := write("xl/a.xml", "xl/b.xml", "[Content_Types].xml")
	if !bytes.Equal(a, b) {
		t.Error("the same entries in another order gave other bytes")
	}
}

// An insert goes before the first marker of its part, whatever pieces the part is written
// in (the marker split between two); a part without it, or no such part, fails Close.
func TestInsert(t *testing.T) {
	body := "<ws><sheetData><row/></sheetData><x/></sheetData></ws>"
	rows := func(w io.Writer) error { _, err := io.WriteString(w, "<row r=\"2\"/><row r=\"3\"/>"); return err }
	for size := 1; size <= len(body); size++ {
		var out bytes.Buffer
		z := NewWriterWith(Insert{Part: "s.xml", Before: "</sheetData>", Write: rows})(&out)
		for _, e := range []struct{ name, body string }{{"a.xml", "</sheetData>"}, {"s.xml", body}} {
			w, err := z.Create(e.name)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(e.body); i += size {
				if _, err := io.WriteString(w, e.body[i:min(i+size, len(e.body))]); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		got := readAll(t, out.Bytes())
		want := `<ws><sheetData><row/><row r="2"/><row r="3"/></sheetData><x/></sheetData></ws>`
		if got["s.xml"] != want || got["a.xml"] != "</sheetData>" {
			t.Fatalf("written %d bytes at a time: %q", size, got)
		}
	}
	for _, tc := range []struct{ part, body string }{{"s.xml", "<ws/>"}, {"other.xml", "</sheetData>"}} {
		z := NewWriterWith(Insert{Part: "s.xml", Before: "</sheetData>", Write: rows})(io.Discard)
		w, _ := z.Create(tc.part)
		io.WriteString(w, tc.body)
		if err := z.Close(); err == nil {
			t.Errorf("%s holding %q: closed without an error", tc.part, tc.body)
		}
	}
}
