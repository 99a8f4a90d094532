package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v3"
)

// releaseVersion is stamped by the release build (.ci/release):
// -ldflags "-X main.releaseVersion=v1.2.0", the git tag of the commit, or
// "dev" for an untagged commit. Other builds leave it empty and take the
// version Go records in the build information.
var releaseVersion string

// buildInfo is what `version` prints: the tool's version, the commit it was
// built from and that commit's date (from the build information Go records
// for a build in a git checkout; empty when unknown), and the Go release.
type buildInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`
	Date     string `json:"date"`
	Modified bool   `json:"modified"`
	Go       string `json:"go"`
	OS       string `json:"os"`
	Arch     string `json:"arch"`
}

// readBuildInfo returns the build information of this binary.
func readBuildInfo() buildInfo {
	info := buildInfo{Version: releaseVersion, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		if info.Version == "" {
			info.Version = "(devel)"
		}
		return info
	}
	if info.Version == "" {
		info.Version = bi.Main.Version
	}
	if info.Version == "" {
		info.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			info.Date = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// label is the version written into every output's provenance: the
// version, except that an untagged release build ("dev") adds its commit
// ("dev+4e014e8abcde", "+dirty" when built from modified files), so that
// two such builds are told apart. It depends on the build only, never on
// the clock.
func (b buildInfo) label() string {
	if b.Version != "dev" || b.Commit == "" {
		return b.Version
	}
	l := b.Version + "+" + b.Commit[:min(12, len(b.Commit))]
	if b.Modified {
		l += ".dirty"
	}
	return l
}

// writeText prints b for people: the version line ("stancematrix version
// v1.2.0"), then the commit, its date and the Go release.
func (b buildInfo) writeText(w io.Writer) error {
	commit, date := b.Commit, b.Date
	if commit == "" {
		commit = "unknown"
	} else if b.Modified {
		commit += " (modified)"
	}
	if date == "" {
		date = "unknown"
	}
	_, err := fmt.Fprintf(w, "stancematrix version %s\ncommit: %s\ndate:   %s\ngo:     %s %s/%s\n",
		b.Version, commit, date, b.Go, b.OS, b.Arch)
	return err
}

// writeJSON prints b as one JSON object for scripts.
func (b buildInfo) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// version returns the label of this binary's version, for provenance.
func version() string { return readBuildInfo().label() }

// versionFlag replaces the CLI library's --version, whose printer is a
// package variable of the library, by one that prints the build
// information.
func versionFlag() cli.Flag {
	return &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version, the commit, its date and the Go release"}
}

func (e *env) versionCommand() *cli.Command {
	return &cli.Command{
		Name:      "version",
		Usage:     "print the version, the commit, its date and the Go release",
		ArgsUsage: " ",
		Description: `Prints the version (the release's tag, "dev" for a release build of an
untagged commit, or what Go recorded for another build), the commit it was
built from and that commit's date, and the Go release. --format json prints
the same as one object for scripts.

  stancematrix version --format json`,
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: `text|json`"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 0 {
				return usageError("version: want no arguments, got %d", cmd.Args().Len())
			}
			format := cmd.String("format")
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			b := readBuildInfo()
			if format == "json" {
				return b.writeJSON(e.stdout)
			}
			return b.writeText(e.stdout)
		},
	}
}
