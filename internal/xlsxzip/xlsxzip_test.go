package xlsxzip

import (
	"archive/zip"
	"bytes"
	"io"
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
