package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writeFile writes path through write, in the way that suits what path
// is, and never over one of the protected files (the inputs; "-" stands
// for stdin):
//   - a regular file, or nothing yet: atomically, by writeFileAtomic;
//   - a symlink to a regular file: its target, atomically, so the link
//     stays a link; a dangling symlink is refused rather than followed to
//     create a file somewhere else, and so is a symlink that the system
//     would not follow either (see checkFollow);
//   - a character device, a FIFO (such as a process substitution's
//     /dev/fd/63) or a socket: in place, streamed, with no temporary file,
//     rename or chmod (a FIFO waits for its reader, as with "cat > fifo");
//   - a block device or anything else: refused.
//
// The standard streams ("-", /dev/stdout, …) are the caller's to handle
// (see stdStream): opening /dev/stdout would bypass the writer the app is
// given and, when stdout is a file, replace it.
func (e *env) writeFile(ctx context.Context, path string, protected []string, write func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkNotInput(path, protected); err != nil {
		return err
	}
	if err := e.checkNotStdin(path, protected); err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			dest, _ := os.Readlink(path)
			return fmt.Errorf("%s: is a symlink to %s, which does not exist; name the file itself to create it", path, dest)
		}
		return writeFileAtomic(ctx, path, protected, write) // reports what is wrong with path
	}
	mode := fi.Mode()
	switch {
	case mode.IsRegular():
		target, err := linkTarget(path)
		if err != nil {
			return err
		}
		return writeFileAtomic(ctx, target, protected, write)
	case mode.IsDir():
		return fmt.Errorf("%s: is a folder", path)
	case specialKind(mode) != "":
		return writeInPlace(ctx, path, mode, write)
	case mode&fs.ModeDevice != 0:
		return fmt.Errorf("%s: is a block device; refusing to write to it", path)
	}
	return fmt.Errorf("%s: is not a file, a device, a FIFO or a socket; refusing to write to it", path)
}

// linkTarget follows path, link by link, to the file it names: path itself
// when it is not a symlink. It refuses links that checkFollow refuses.
func linkTarget(path string) (string, error) {
	p := path
	for range 255 { // more than the system follows; a loop fails in os.Stat before
		li, err := os.Lstat(p)
		if err != nil {
			return "", err
		}
		if li.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if err := checkFollow(p, li); err != nil {
			return "", err
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// writeInPlace streams write into the device, FIFO or socket at path:
// opened for writing only (never created, truncated or replaced), or
// connected to for a socket.
func writeInPlace(ctx context.Context, path string, mode fs.FileMode, write func(io.Writer) error) (err error) {
	var w io.WriteCloser
	if mode&fs.ModeSocket != 0 {
		c, err := net.Dial("unix", path)
		if err != nil {
			return fmt.Errorf("cannot write to socket %s: %v", path, unwrapPathError(err))
		}
		w = c
	} else {
		f, err := os.OpenFile(path, openInPlaceFlags, 0)
		if err != nil {
			return fmt.Errorf("cannot write to %s: %v", path, unwrapPathError(err))
		}
		w = f
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("writing %s: %v", path, unwrapPathError(cerr))
		}
	}()
	if err := write(ctxWriter{ctx, w}); err != nil {
		return err
	}
	return ctx.Err()
}

// unwrapPathError returns the system's reason inside a *fs.PathError or
// *net.OpError, whose own message repeats the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		var se *os.SyscallError
		if errors.As(oe.Err, &se) {
			return se.Err
		}
		return oe.Err
	}
	return err
}

// stdStream names the standard stream that path stands for as an output:
// "stdout" for "-", /dev/stdout, /dev/fd/1 and /proc/self/fd/1, "stderr"
// for /dev/stderr, /dev/fd/2 and /proc/self/fd/2, "" for any other path.
// Those go to the writers the app is given, never through the file system.
func stdStream(path string) string {
	if path == "-" {
		return "stdout"
	}
	p := path
	if !strings.HasPrefix(p, "/") {
		abs, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		p = filepath.ToSlash(abs)
	}
	switch filepath.ToSlash(filepath.Clean(p)) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return "stdout"
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return "stderr"
	}
	return ""
}

// stream returns the app's writer for a stdStream name.
func (e *env) stream(name string) io.Writer {
	if name == "stderr" {
		return e.stderr
	}
	return e.stdout
}

// checkNotStdin refuses path when the input is stdin ("-" among protected)
// and path names it: /dev/stdin and its other spellings, or the very file,
// pipe or device the app reads as stdin.
func (e *env) checkNotStdin(path string, protected []string) error {
	fromStdin := false
	for _, p := range protected {
		fromStdin = fromStdin || p == "-"
	}
	if !fromStdin {
		return nil
	}
	p := path
	if abs, err := filepath.Abs(p); err == nil {
		p = filepath.ToSlash(abs)
	}
	switch p {
	case "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0":
		return fmt.Errorf("%s: refusing to write to the input (stdin)", path)
	}
	f, ok := e.stdin.(*os.File)
	if !ok {
		return nil
	}
	in, err := f.Stat()
	if err != nil {
		return nil
	}
	if out, err := os.Stat(path); err == nil && os.SameFile(in, out) {
		return fmt.Errorf("%s: refusing to write to the input (stdin)", path)
	}
	return nil
}

// writeFileAtomic writes path through write: the bytes go to a temporary
// file in the same folder, which is synced, closed and renamed over path.
// On any failure, or when ctx is cancelled, the temporary is removed and
// path is left as it was. It refuses to write over any of the protected
// files (the inputs), also through a symlink or another spelling.
func writeFileAtomic(ctx context.Context, path string, protected []string, write func(io.Writer) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkNotInput(path, protected); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s: is a folder", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return folderError(dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(ctxWriter{ctx, f}); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// Check again just before replacing: the input may have been linked
	// there meanwhile.
	if err = checkNotInput(path, protected); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// folderError explains why nothing can be written in dir.
func folderError(dir string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write to folder %s: permission denied", dir)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write to folder %s: it does not exist", dir)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write to folder %s: %v", dir, err)
}

// ctxWriter fails writes once its context is cancelled, so a long export
// stops when the user presses Ctrl-C.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// checkNotInput returns an error when path is one of the protected files.
func checkNotInput(path string, protected []string) error {
	out, err := os.Stat(path)
	if err != nil {
		// Nothing there yet (or a dangling link): it cannot be an input
		// unless it names one by path.
		absOut, _ := filepath.Abs(path)
		for _, p := range protected {
			if p == "-" {
				continue
			}
			if absIn, _ := filepath.Abs(p); absIn == absOut {
				return fmt.Errorf("%s: refusing to overwrite the input file", path)
			}
		}
		return nil
	}
	for _, p := range protected {
		if p == "-" {
			continue
		}
		in, err := os.Stat(p)
		if err == nil && os.SameFile(in, out) {
			return fmt.Errorf("%s: refusing to overwrite the input file %s", path, p)
		}
	}
	return nil
}

// ensureDir creates dir (and its parents) when missing, with a clear
// message naming it on failure.
func ensureDir(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			if k := specialKind(fi.Mode()); k != "" {
				return fmt.Errorf("cannot write to folder %s: it is %s, not a folder; it takes one output (one input, one format, no --split-by)", dir, k)
			}
			return fmt.Errorf("cannot write to folder %s: it is not a folder", dir)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create folder %s: %v", dir, err)
	}
	return nil
}

// specialKind names what a path of mode is when writeFile writes it in
// place: "a FIFO", "a character device" or "a socket"; "" otherwise.
func specialKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	}
	return ""
}

// maxNameBytes bounds the length of a file name made from a party or issue
// name, before its extension.
const maxNameBytes = 100

// safeFileName turns a party or issue name into a file name stem that is
// safe on every common file system: lower case, letters (any script) and
// digits kept, everything else (path separators, dots, control and special
// characters, spaces) turned into "-", no leading or trailing "-", never a
// reserved Windows device name, at most maxNameBytes bytes, never empty.
func safeFileName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
			dash = false
		case r == '_':
			b.WriteRune(r)
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = strings.TrimRight(s[:cut], "-")
	}
	if s == "" {
		s = "unnamed"
	}
	if reservedWindowsName(s) {
		s = "_" + s
	}
	return s
}

// reservedWindowsName reports whether stem (before any extension) is a
// device name Windows refuses as a file name.
func reservedWindowsName(stem string) bool {
	base, _, _ := strings.Cut(stem, ".")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	u := strings.ToUpper(base)
	if len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9' {
		return true
	}
	return false
}

// namer hands out output paths, numbering collisions case-insensitively:
// france.pdf, france-2.pdf, …
type namer struct {
	used map[string]bool
}

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// path returns dir/stem+ext, or dir/stem-N+ext when that is taken.
func (n *namer) path(dir, stem, ext string) string {
	for i := 1; ; i++ {
		s := stem
		if i > 1 {
			s = fmt.Sprintf("%s-%d", stem, i)
		}
		p := filepath.Join(dir, s+ext)
		key := strings.ToLower(p)
		if !n.used[key] {
			n.used[key] = true
			return p
		}
	}
}

// within reports whether path lies inside dir (after cleaning both).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
