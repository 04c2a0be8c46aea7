//go:build !unix

package main

import "io/fs"

// mayWrite reports whether the file is not marked read-only.
func mayWrite(fi fs.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
