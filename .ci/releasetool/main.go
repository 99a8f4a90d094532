// Command releasetool packs and checks the release archives of
// stancematrix; .ci/release and .ci/run drive it.
//
// Usage:
//
//	go run ./.ci/releasetool pack -out DIR -version V -epoch SECONDS BINARY...
//	go run ./.ci/releasetool check DIR
//
// pack writes, for each BINARY (a file named stancematrix or
// stancematrix.exe in a folder named OS_ARCH), DIR/stancematrix_V_OS_ARCH.tar.gz
// (.zip for windows) holding, under one folder of the archive's name, the
// binary, README.md, the repository's LICENSE if there is one, and under
// licenses/ the licence texts of the Go distribution and of every module
// linked into the binary (read from the binary's build information), the
// Liberation fonts' among them; then DIR/SHA256SUMS. The archives depend on
// their inputs alone: every entry has the time SECONDS (the commit's date),
// fixed modes and owners, and the entries are sorted; the gzip header names
// no file and no time.
//
// check opens every archive of DIR and checks its entries, that each
// binary is an executable of its OS (ELF, Mach-O, PE) for its architecture,
// and SHA256SUMS.
package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: releasetool pack|check ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "pack":
		err = packMain(os.Args[2:])
	case "check":
		err = checkMain(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "releasetool: %v\n", err)
		os.Exit(1)
	}
}

// entry is one file of an archive.
type entry struct {
	name string // slash-separated, under the archive's folder
	data []byte
	exec bool
}

func packMain(args []string) error {
	fs := flag.NewFlagSet("pack", flag.ContinueOnError)
	out := fs.String("out", "dist", "write the archives into `DIR`")
	version := fs.String("version", "", "the release's `VERSION`")
	epoch := fs.Int64("epoch", -1, "the time of every entry, in `SECONDS` since 1970")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version == "" || *epoch < 0 || fs.NArg() == 0 {
		return errors.New("pack: want -version, -epoch and at least one binary")
	}
	mtime := time.Unix(*epoch, 0).UTC()
	modDirs, err := moduleDirs()
	if err != nil {
		return err
	}
	common, err := commonEntries()
	if err != nil {
		return err
	}
	var names []string
	for _, bin := range fs.Args() {
		target := filepath.Base(filepath.Dir(bin)) // OS_ARCH
		goos, _, ok := strings.Cut(target, "_")
		if !ok {
			return fmt.Errorf("%s: want the binary in a folder named OS_ARCH", bin)
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		ents := append([]entry{{name: filepath.Base(bin), data: data, exec: true}}, common...)
		lic, err := moduleLicences(bin, modDirs)
		if err != nil {
			return err
		}
		ents = append(ents, lic...)
		base := "stancematrix_" + *version + "_" + target
		name := base + ".tar.gz"
		write := writeTarGz
		if goos == "windows" {
			name, write = base+".zip", writeZip
		}
		var buf bytes.Buffer
		if err := write(&buf, base, ents, mtime); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), buf.Bytes(), 0o644); err != nil {
			return err
		}
		names = append(names, name)
	}
	return writeSums(*out, names)
}

// commonEntries are the files every archive holds besides the binary and
// the modules' licences: the README, the repository's licence files, and
// the Go distribution's licence (its runtime and standard library are in
// every binary).
func commonEntries() ([]entry, error) {
	var ents []entry
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return nil, err
	}
	ents = append(ents, entry{name: "README.md", data: readme})
	own, err := licenceFiles(".")
	if err != nil {
		return nil, err
	}
	for _, f := range own {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ents = append(ents, entry{name: filepath.Base(f), data: b})
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %v", err)
	}
	goLicence, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "LICENSE"))
	if err != nil {
		return nil, err
	}
	ents = append(ents, entry{name: "licenses/go/LICENSE", data: goLicence})
	return ents, nil
}

// moduleDirs returns the folder of every module of the build list, by
// path@version, from `go list -m -json all`.
func moduleDirs() (map[string]string, error) {
	cmd := exec.Command("go", "list", "-m", "-json", "all")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -m -json all: %v", err)
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct {
			Path, Version, Dir string
			Replace            *struct{ Path, Version, Dir string }
		}
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		dir := m.Dir
		if m.Replace != nil {
			dir = m.Replace.Dir
		}
		dirs[m.Path+"@"+m.Version] = dir
	}
	return dirs, nil
}

// moduleLicences returns the licence files (LICENSE*, COPYING*, NOTICE*)
// of every module linked into the binary bin, as licenses/PATH/FILE. A
// module without one is an error: its terms are unknown.
func moduleLicences(bin string, dirs map[string]string) ([]entry, error) {
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", bin, err)
	}
	var ents []entry
	for _, dep := range bi.Deps {
		m := dep
		if dep.Replace != nil {
			m = dep.Replace
		}
		dir := dirs[dep.Path+"@"+dep.Version]
		if dir == "" {
			if dir, err = download(m.Path + "@" + m.Version); err != nil {
				return nil, err
			}
		}
		files, err := licenceFiles(dir)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("module %s@%s has no LICENSE, COPYING or NOTICE file", m.Path, m.Version)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			ents = append(ents, entry{name: path.Join("licenses", dep.Path, filepath.Base(f)), data: b})
		}
	}
	return ents, nil
}

// download fetches the module mv (path@version) into the module cache and
// returns its folder.
func download(mv string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", mv)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v", mv, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", fmt.Errorf("go mod download %s: %v", mv, err)
	}
	if m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", mv, m.Error)
	}
	return m.Dir, nil
}

// licenceFiles returns the files of dir named LICENSE*, LICENCE*, COPYING*
// or NOTICE* (any case).
func licenceFiles(dir string) ([]string, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, de := range des {
		up := strings.ToUpper(de.Name())
		if !de.Type().IsRegular() {
			continue
		}
		for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE"} {
			if strings.HasPrefix(up, p) {
				files = append(files, filepath.Join(dir, de.Name()))
				break
			}
		}
	}
	return files, nil
}

// tree returns the archive's folders and files under base, sorted by name.
func tree(base string, ents []entry) (dirs []string, files []entry) {
	seen := map[string]bool{}
	for _, e := range ents {
		for d := path.Dir(e.name); d != "."; d = path.Dir(d) {
			seen[d] = true
		}
		files = append(files, entry{name: base + "/" + e.name, data: e.data, exec: e.exec})
	}
	dirs = []string{base + "/"}
	for d := range seen {
		dirs = append(dirs, base+"/"+d+"/")
	}
	slices.Sort(dirs)
	slices.SortFunc(files, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return dirs, files
}

// writeTarGz writes ents as a gzipped ustar archive under the folder base.
func writeTarGz(w io.Writer, base string, ents []entry, mtime time.Time) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	// No name and no time in the gzip header (the zero values).
	tw := tar.NewWriter(zw)
	dirs, files := tree(base, ents)
	hdr := func(name string, mode int64, typ byte, size int64) *tar.Header {
		return &tar.Header{Typeflag: typ, Name: name, Mode: mode, Size: size, ModTime: mtime,
			Uid: 0, Gid: 0, Uname: "root", Gname: "root", Format: tar.FormatUSTAR}
	}
	for _, d := range dirs {
		if err := tw.WriteHeader(hdr(d, 0o755, tar.TypeDir, 0)); err != nil {
			return err
		}
	}
	for _, f := range files {
		mode := int64(0o644)
		if f.exec {
			mode = 0o755
		}
		if err := tw.WriteHeader(hdr(f.name, mode, tar.TypeReg, int64(len(f.data)))); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

// writeZip writes ents as a zip archive under the folder base.
func writeZip(w io.Writer, base string, ents []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	dirs, files := tree(base, ents)
	for _, d := range dirs {
		h := &zip.FileHeader{Name: d, Method: zip.Store, Modified: mtime}
		h.SetMode(os.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mtime}
		mode := os.FileMode(0o644)
		if f.exec {
			mode = 0o755
		}
		h.SetMode(mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeSums writes dir/SHA256SUMS for the files names, in the format of
// sha256sum (and shasum -a 256), sorted by name.
func writeSums(dir string, names []string) error {
	names = slices.Sorted(slices.Values(names))
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}

// targets are the release's operating systems and architectures.
var targets = []string{"darwin_amd64", "darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64", "windows_arm64"}

func checkMain(args []string) error {
	if len(args) != 1 {
		return errors.New("check: want one folder")
	}
	dir := args[0]
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		return err
	}
	listed := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			return fmt.Errorf("SHA256SUMS: bad line %q", sc.Text())
		}
		listed[name] = sum
	}
	var problems []string
	for _, t := range targets {
		var name string
		for n := range listed {
			if strings.HasSuffix(n, "_"+t+".tar.gz") || strings.HasSuffix(n, "_"+t+".zip") {
				name = n
			}
		}
		if name == "" {
			problems = append(problems, t+": no archive in SHA256SUMS")
			continue
		}
		if err := checkArchive(filepath.Join(dir, name), listed[name], t); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		fmt.Printf("%s: ok\n", name)
	}
	if len(listed) != len(targets) {
		problems = append(problems, fmt.Sprintf("SHA256SUMS lists %d archives, want %d", len(listed), len(targets)))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// checkArchive checks one archive against its sum and its target.
func checkArchive(file, sum, target string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	got := sha256.Sum256(data)
	if hex.EncodeToString(got[:]) != sum {
		return errors.New("SHA-256 differs from SHA256SUMS")
	}
	files := map[string][]byte{}
	if strings.HasSuffix(file, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return err
		}
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return err
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			files[f.Name] = b
		}
	} else {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			if h.Typeflag != tar.TypeReg {
				continue
			}
			b, err := io.ReadAll(tr)
			if err != nil {
				return err
			}
			files[h.Name] = b
		}
	}
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(file), ".zip"), ".tar.gz")
	goos, arch, _ := strings.Cut(target, "_")
	exe := "stancematrix"
	if goos == "windows" {
		exe += ".exe"
	}
	for _, want := range []string{exe, "README.md", "licenses/go/LICENSE", "licenses/github.com/go-fonts/liberation/LICENSE-SIL"} {
		if files[base+"/"+want] == nil {
			return fmt.Errorf("no %s", want)
		}
	}
	return checkBinary(files[base+"/"+exe], goos, arch)
}

// checkBinary checks that b is an executable for goos and arch.
func checkBinary(b []byte, goos, arch string) error {
	r := bytes.NewReader(b)
	switch goos {
	case "linux":
		f, err := elf.NewFile(r)
		if err != nil {
			return fmt.Errorf("not ELF: %v", err)
		}
		want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[arch]
		if f.Machine != want || f.Type != elf.ET_EXEC {
			return fmt.Errorf("ELF %v %v, want %v executable", f.Type, f.Machine, want)
		}
	case "darwin":
		f, err := macho.NewFile(r)
		if err != nil {
			return fmt.Errorf("not Mach-O: %v", err)
		}
		want := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[arch]
		if f.Cpu != want || f.Type != macho.TypeExec {
			return fmt.Errorf("Mach-O %v %v, want %v executable", f.Type, f.Cpu, want)
		}
	case "windows":
		f, err := pe.NewFile(r)
		if err != nil {
			return fmt.Errorf("not PE: %v", err)
		}
		want := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[arch]
		if f.Machine != want || f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
			return fmt.Errorf("PE machine %#x (characteristics %#x), want %#x executable", f.Machine, f.Characteristics, want)
		}
	default:
		return fmt.Errorf("unknown OS %q", goos)
	}
	return nil
}
