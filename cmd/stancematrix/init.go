package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/samples"
)

// initOptions are the options of `init`.
type initOptions struct {
	Sample bool // write the Ukraine sample instead of a blank template
	Force  bool // replace an existing file
}

func (e *env) initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a new workbook ready for hand editing",
		ArgsUsage: "FILE",
		Description: `Writes a blank stance-matrix workbook: every sheet with its headers, the
default scale, dropdowns on the matrix cells, and a "Read me" sheet. With
--sample it writes the Ukraine peace-talks sample instead. An existing file
is replaced only with --force.

  stancematrix init matrix.xlsx
  stancematrix init --sample ukraine.xlsx`,
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "sample", Usage: "write the Ukraine peace-talks sample instead of a blank template"},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError("init: want exactly one FILE argument, got %d", cmd.Args().Len())
			}
			return e.init(ctx, initOptions{Sample: cmd.Bool("sample"), Force: cmd.Bool("force")}, cmd.Args().First())
		},
	}
}

func (e *env) init(ctx context.Context, opt initOptions, path string) error {
	if stdStream(path) != "" {
		return usageError("init: FILE must be a file name, not %s", path)
	}
	if _, err := os.Lstat(path); err == nil && !opt.Force {
		return failed(fmt.Errorf("%s: file exists (use --force to replace it)", path))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return failed(err)
	}
	var data []byte
	if opt.Sample {
		b, err := sampleWorkbook()
		if err != nil {
			return failed(err)
		}
		data = b
	} else {
		now, err := e.sourceDate()
		if err != nil {
			return err
		}
		m := &matrix.Matrix{Source: filepath.Base(path), Scale: matrix.DefaultScale()}
		var buf bytes.Buffer
		if err := xlsx.Workbook(&buf, m, export.Options{Now: now}); err != nil {
			return failed(fmt.Errorf("%s: %w", path, err))
		}
		data = buf.Bytes()
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return failed(err)
	}
	err := e.writeFile(ctx, path, nil, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return failed(err)
	}
	what := "blank workbook"
	if opt.Sample {
		what = "sample workbook"
	}
	fmt.Fprintf(e.stderr, "wrote %s (%s)\n", path, what)
	return nil
}

// sampleName is the sample `init --sample` writes.
const sampleName = "ukraine-peace-talks.xlsx"

// sampleWorkbook returns the bytes of the Ukraine sample.
func sampleWorkbook() ([]byte, error) {
	return fs.ReadFile(samples.FS, sampleName)
}
