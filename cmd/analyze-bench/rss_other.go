//go:build !unix

package main

import "os"

// peakRSS is not measured on this system.
func peakRSS(*os.ProcessState) int64 { return 0 }

// selfHWM is not measured on this system.
func selfHWM() int64 { return 0 }
