//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// mayWrite reports whether the file's permission bits let this user write it: the owner's
// bit for the owner, the group's for a member of its group, else the others'. Root is
// judged by the same bits, so a read-only report is never replaced behind its owner's back.
func mayWrite(fi fs.FileInfo) bool {
	perm := fi.Mode().Perm()
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return perm&0o200 != 0
	}
	switch {
	case int(st.Uid) == os.Geteuid():
		return perm&0o200 != 0
	case inGroup(int(st.Gid)):
		return perm&0o020 != 0
	default:
		return perm&0o002 != 0
	}
}

func inGroup(gid int) bool {
	if gid == os.Getegid() {
		return true
	}
	groups, _ := os.Getgroups()
	for _, g := range groups {
		if g == gid {
			return true
		}
	}
	return false
}
