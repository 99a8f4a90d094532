//go:build unix

package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// openInPlaceFlags opens a device or FIFO for writing: never created or
// truncated, and a terminal never becomes the controlling one.
const openInPlaceFlags = os.O_WRONLY | syscall.O_NOCTTY

// checkFollow refuses to follow the symlink link (whose Lstat is li) when
// it lies in a sticky folder that anyone may write to, such as /tmp, and
// belongs to neither the user nor the folder's owner: the rule Linux
// applies when opening through a link (fs.protected_symlinks), which
// resolving the link ourselves for an atomic write would otherwise skip.
func checkFollow(link string, li fs.FileInfo) error {
	dir := filepath.Dir(link)
	di, err := os.Stat(dir)
	if err != nil || di.Mode()&fs.ModeSticky == 0 || di.Mode().Perm()&0o002 == 0 {
		return nil
	}
	ls, ok1 := li.Sys().(*syscall.Stat_t)
	ds, ok2 := di.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 || ls.Uid == uint32(os.Geteuid()) || ls.Uid == ds.Uid {
		return nil
	}
	return fmt.Errorf("%s: refusing to follow a symlink that another user owns in the shared folder %s", link, dir)
}
