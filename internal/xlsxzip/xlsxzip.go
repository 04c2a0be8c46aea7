// Package xlsxzip makes excelize's output byte-reproducible. It is shared by the report, the
// `analyze init` template and the sample generator, which all promise the same bytes for the
// same inputs.
package xlsxzip

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"regexp"
	"slices"

	"github.com/xuri/excelize/v2"
)

// NewWriter returns an excelize.ZipWriter for f.ZipWriter that makes the workbook
// byte-reproducible (LIBRARIES §4.3):
// excelize writes stream-written sheets in map order, and appends some <Default> content types
// from a map, so canonZip keeps every entry until Close, writes them in name order and sorts the
// <Default> elements of [Content_Types].xml. Entries are compressed as they are written and
// kept compressed (a five-year report holds 4.6 MB of XML and 0.6 MB compressed), so the
// reordering costs little memory. Entry times are zero, as with zip.Writer.Create.
func NewWriter(w io.Writer) excelize.ZipWriter {
	return &canonZip{w: w, entries: map[string]*entry{}}
}

// Insert is text added to one part as it is written: what Write writes goes just before the
// first Before in Part. A sheet's rows can so be written straight into the archive, a few at
// a time, where excelize's StreamWriter would hold up to 16 MiB of them in memory (and in a
// buffer that grows to 32 MiB) before it spills them to a temporary file.
type Insert struct {
	Part   string // "xl/worksheets/sheet7.xml"
	Before string // "</sheetData>"
	Write  func(w io.Writer) error
}

// NewWriterWith is NewWriter with inserts, for excelize's File.SetZipWriter. Closing the
// archive fails if a part with an insert was not written, or did not hold its Before.
func NewWriterWith(inserts ...Insert) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter {
		z := &canonZip{w: w, entries: map[string]*entry{}, inserts: map[string]*Insert{}}
		for i := range inserts {
			z.inserts[inserts[i].Part] = &inserts[i]
		}
		return z
	}
}

// contentTypes is the one part rewritten at Close; it is kept uncompressed until then.
const contentTypes = "[Content_Types].xml"

type canonZip struct {
	w       io.Writer
	entries map[string]*entry
	open    *entry             // the entry being written
	fw      *flate.Writer      // reused from entry to entry
	inserts map[string]*Insert // by part, until done
}

// entry is one part: deflated bytes, or raw bytes for contentTypes.
type entry struct {
	z     *canonZip
	name  string
	data  bytes.Buffer
	crc   hash.Hash32
	size  uint64
	ended bool
	ins   *Insert // an insert not yet made
	carry []byte  // the end of what was written, held back while it may start ins.Before
}

func (e *entry) Write(p []byte) (int, error) {
	if e.ended {
		return 0, fmt.Errorf("canonical zip: %s written after the next entry was started", e.name)
	}
	if e.ins == nil {
		return e.write(p)
	}
	buf := append(e.carry, p...)
	if i := bytes.Index(buf, []byte(e.ins.Before)); i >= 0 {
		ins := e.ins
		e.ins, e.carry = nil, nil
		delete(e.z.inserts, e.name)
		if _, err := e.write(buf[:i]); err != nil {
			return 0, err
		}
		if err := ins.Write(writerFunc(e.write)); err != nil {
			return 0, fmt.Errorf("canonical zip: inserting into %s: %w", e.name, err)
		}
		if _, err := e.write(buf[i:]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	keep := min(len(buf), len(e.ins.Before)-1)
	if _, err := e.write(buf[:len(buf)-keep]); err != nil {
		return 0, err
	}
	e.carry = slices.Clone(buf[len(buf)-keep:])
	return len(p), nil
}

// write adds p to the entry as it is.
func (e *entry) write(p []byte) (int, error) {
	if e.name == contentTypes {
		return e.data.Write(p)
	}
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.z.fw.Write(p)
}

// writerFunc is an io.Writer that is a function.
type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Create starts an entry and ends the one before (excelize writes its parts one after
// another); a second entry of the same name replaces the first.
func (z *canonZip) Create(name string) (io.Writer, error) {
	if err := z.end(); err != nil {
		return nil, err
	}
	e := &entry{z: z, name: name, crc: crc32.NewIEEE(), ins: z.inserts[name]}
	if name != contentTypes {
		if z.fw == nil {
			fw, err := flate.NewWriter(&e.data, zipLevel)
			if err != nil {
				return nil, err
			}
			z.fw = fw
		} else {
			z.fw.Reset(&e.data)
		}
	}
	z.entries[name] = e
	z.open = e
	return e, nil
}

// end finishes the open entry: the rest of its deflate stream.
func (z *canonZip) end() error {
	e := z.open
	if e == nil {
		return nil
	}
	z.open, e.ended = nil, true
	if e.ins != nil {
		return fmt.Errorf("canonical zip: %s has no %s to insert before", e.name, e.ins.Before)
	}
	if e.name == contentTypes {
		return nil
	}
	return z.fw.Close()
}

// AddFS is not used by excelize's writer; it is refused rather than done out of order.
func (z *canonZip) AddFS(fs.FS) error { return errors.New("canonical zip: AddFS not supported") }

// Close writes the entries in name order and the zip's central directory.
func (z *canonZip) Close() error {
	if err := z.end(); err != nil {
		return err
	}
	for part := range z.inserts {
		return fmt.Errorf("canonical zip: no part %s to insert into", part)
	}
	names := make([]string, 0, len(z.entries))
	for n := range z.entries {
		names = append(names, n)
	}
	slices.Sort(names)
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		e := z.entries[n]
		if n == contentTypes {
			fw, err := zw.Create(n)
			if err != nil {
				return err
			}
			if _, err := fw.Write(sortDefaults(e.data.Bytes())); err != nil {
				return err
			}
			continue
		}
		// The header zip.Writer.Create would write, with the sizes and CRC known up front.
		fw, err := zw.CreateRaw(&zip.FileHeader{
			Name: n, Method: zip.Deflate, CreatorVersion: zipVersion20, ReaderVersion: zipVersion20,
			CRC32: e.crc.Sum32(), CompressedSize64: uint64(e.data.Len()), UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data.Bytes()); err != nil {
			return err
		}
		e.data = bytes.Buffer{} // written: let it go
	}
	return zw.Close()
}

// zipLevel is the deflate level archive/zip's own writer uses (its default compressor).
const zipLevel = 5

// zipVersion20 is the version archive/zip writes for deflated entries (2.0).
const zipVersion20 = 20

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
