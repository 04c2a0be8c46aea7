package ingest

import (
	"errors"
)

// Stubs: each function here is replaced by its real implementation in its own file.

var errNotYet = errors.New("not implemented yet")
