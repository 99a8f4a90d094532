package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"runtime"
	"testing"
	"time"
)

var testEntries = []entry{
	{name: "stancematrix", data: []byte("\x7fELF binary"), exec: true},
	{name: "README.md", data: []byte("# stancematrix\n")},
	{name: "licenses/go/LICENSE", data: []byte("BSD\n")},
	{name: "licenses/github.com/go-fonts/liberation/LICENSE-SIL", data: []byte("OFL\n")},
}

// reversed returns ents in the opposite order.
func reversed(ents []entry) []entry {
	out := make([]entry, len(ents))
	for i, e := range ents {
		out[len(ents)-1-i] = e
	}
	return out
}

// TestArchivesReproducible: an archive depends on its entries and the
// time alone, not on the order it is handed them nor on the clock; every
// header has the given time, fixed modes and owners.
func TestArchivesReproducible(t *testing.T) {
	mtime := time.Unix(1796337894, 0).UTC()
	for _, tc := range []struct {
		name  string
		write func(io.Writer, string, []entry, time.Time) error
	}{{"tar.gz", writeTarGz}, {"zip", writeZip}} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tc.write(&a, "stancematrix_dev_linux_amd64", testEntries, mtime); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1100 * time.Millisecond) // a clock in the archive would differ now
			if err := tc.write(&b, "stancematrix_dev_linux_amd64", reversed(testEntries), mtime); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two archives of the same entries differ")
			}
			var names []string
			if tc.name == "zip" {
				zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range zr.File {
					names = append(names, f.Name)
					if !f.Modified.Equal(mtime) {
						t.Errorf("%s: time %v, want %v", f.Name, f.Modified, mtime)
					}
					want := os.FileMode(0o644)
					if f.Name == "stancematrix_dev_linux_amd64/stancematrix" {
						want = 0o755
					} else if f.FileInfo().IsDir() {
						want = os.ModeDir | 0o755
					}
					if f.Mode() != want {
						t.Errorf("%s: mode %v, want %v", f.Name, f.Mode(), want)
					}
				}
			} else {
				zr, err := gzip.NewReader(bytes.NewReader(a.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				if zr.Name != "" || !zr.ModTime.IsZero() {
					t.Errorf("gzip header names %q, time %v; want neither", zr.Name, zr.ModTime)
				}
				tr := tar.NewReader(zr)
				for {
					h, err := tr.Next()
					if err == io.EOF {
						break
					} else if err != nil {
						t.Fatal(err)
					}
					names = append(names, h.Name)
					if !h.ModTime.Equal(mtime) || h.Uid != 0 || h.Gid != 0 || h.Uname != "root" || h.Gname != "root" {
						t.Errorf("%s: time %v, owner %d:%d %s:%s", h.Name, h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname)
					}
					want := int64(0o644)
					if h.Name == "stancematrix_dev_linux_amd64/stancematrix" || h.Typeflag == tar.TypeDir {
						want = 0o755
					}
					if h.Mode != want {
						t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, want)
					}
				}
			}
			want := []string{
				"stancematrix_dev_linux_amd64/",
				"stancematrix_dev_linux_amd64/licenses/",
				"stancematrix_dev_linux_amd64/licenses/github.com/",
				"stancematrix_dev_linux_amd64/licenses/github.com/go-fonts/",
				"stancematrix_dev_linux_amd64/licenses/github.com/go-fonts/liberation/",
				"stancematrix_dev_linux_amd64/licenses/go/",
				"stancematrix_dev_linux_amd64/README.md",
				"stancematrix_dev_linux_amd64/licenses/github.com/go-fonts/liberation/LICENSE-SIL",
				"stancematrix_dev_linux_amd64/licenses/go/LICENSE",
				"stancematrix_dev_linux_amd64/stancematrix",
			}
			if len(names) != len(want) {
				t.Fatalf("entries %q, want %q", names, want)
			}
			for i := range want {
				if names[i] != want[i] {
					t.Errorf("entry %d: %q, want %q", i, names[i], want[i])
				}
			}
		})
	}
}

// TestCheckBinary: the test binary itself passes as what it is and fails
// as any other system or architecture.
func TestCheckBinary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBinary(b, runtime.GOOS, runtime.GOARCH); err != nil {
		t.Errorf("%s/%s: %v", runtime.GOOS, runtime.GOARCH, err)
	}
	for _, target := range [][2]string{{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"}, {"windows", "arm64"}} {
		if target[0] == runtime.GOOS && target[1] == runtime.GOARCH {
			continue
		}
		if err := checkBinary(b, target[0], target[1]); err == nil {
			t.Errorf("a %s/%s binary passes as %s/%s", runtime.GOOS, runtime.GOARCH, target[0], target[1])
		}
	}
}
