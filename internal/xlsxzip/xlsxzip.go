// Package xlsxzip makes excelize's output byte-reproducible. It is shared by the report, the
// `analyze init` template and the sample generator, which all promise the same bytes for the
// same inputs.
package xlsxzip

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"slices"

	"github.com/xuri/excelize/v2"
)

// NewWriter returns an excelize.ZipWriter for f.ZipWriter that makes the workbook
// byte-reproducible (LIBRARIES §4.3):
// excelize writes stream-written sheets in map order, and appends some <Default> content types
// from a map, so canonZip buffers every entry, writes them in name order and sorts the
// <Default> elements of [Content_Types].xml. Entry times are already zero with zip.Writer.Create.
func NewWriter(w io.Writer) excelize.ZipWriter {
	return &canonZip{w: w, entries: map[string]*bytes.Buffer{}}
}

type canonZip struct {
	w       io.Writer
	entries map[string]*bytes.Buffer
}

// Create starts an entry; a second entry of the same name replaces the first.
func (z *canonZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.entries[name] = b
	return b, nil
}

// AddFS is not used by excelize's writer; it is refused rather than done out of order.
func (z *canonZip) AddFS(fs.FS) error { return errors.New("canonical zip: AddFS not supported") }

// Close writes the entries in name order and the zip's central directory.
func (z *canonZip) Close() error {
	names := make([]string, 0, len(z.entries))
	for n := range z.entries {
		names = append(names, n)
	}
	slices.Sort(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		data := z.entries[n].Bytes()
		if n == "[Content_Types].xml" {
			data = sortDefaults(data)
		}
		fw, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

var defaultRe = regexp.MustCompile(`<Default [^>]*>(?:</Default>)?`)

// sortDefaults puts the <Default> elements of a content-types part in sorted order,
// leaving everything else where it was.
func sortDefaults(b []byte) []byte {
	locs := defaultRe.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	items := make([]string, len(locs))
	for i, l := range locs {
		items[i] = string(b[l[0]:l[1]])
	}
	slices.Sort(items)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		out.WriteString(items[i])
		prev = l[1]
	}
	out.Write(b[prev:])
	return out.Bytes()
}
