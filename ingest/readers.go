package ingest

import (
	"fmt"
	"io"

	"runload/analysis"
)

// ReadFIT returns the sessions in one FIT file; name is used only in messages.
// On a bad CRC or a cut-short file it keeps what decoded, with status partial.
func ReadFIT(r io.Reader, name string, opt Options) FileResult {
	return readAll(r, name, opt, decodeFIT)
}

// ReadGPX returns the sessions (one per timed track) in one GPX file.
func ReadGPX(r io.Reader, name string, opt Options) FileResult {
	return readAll(r, name, opt, decodeGPX)
}

// ReadTCX returns the sessions (one per Activity) in one TCX file.
func ReadTCX(r io.Reader, name string, opt Options) FileResult {
	return readAll(r, name, opt, decodeTCX)
}

func readAll(r io.Reader, name string, opt Options, decode func([]byte, string, Options) (FileResult, int)) FileResult {
	data, err := io.ReadAll(r)
	if err != nil {
		return FileResult{Status: analysis.StatusError, Detail: fmt.Sprintf("reading %s: %v", name, err)}
	}
	res, _ := decode(data, name, opt)
	return res
}
