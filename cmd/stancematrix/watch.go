package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/matrix"
)

// watchOptions are the options of `watch`.
type watchOptions struct {
	Export   exportOptions
	Debounce time.Duration // quiet time after the last event before exporting
	Retries  int           // extra attempts when the file cannot be read yet
	Backoff  time.Duration // first retry delay, doubled each time
}

func (e *env) watchCommand() *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "re-export whenever the workbook is saved",
		ArgsUsage: "FILE",
		Description: `Exports FILE once, then again each time it is saved (takes the flags of
export). It watches the file's folder, so saves through a temporary file and a
rename (as Excel and LibreOffice do) are seen, and their temporary and lock
files are ignored. A half-written file is retried a few times before the
error is reported; validation errors are printed and watching goes on.
Stop with Ctrl-C.

  stancematrix watch ukraine.xlsx --format pdf,xlsx -o out/`,
		OnUsageError: onUsageError,
		Flags: append(exportFlags(),
			&cli.DurationFlag{Name: "debounce", Value: 300 * time.Millisecond, Usage: "wait this long after the last change before exporting"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError("watch: want exactly one FILE argument, got %d", cmd.Args().Len())
			}
			if cmd.Args().First() == "-" {
				return usageError("watch: cannot watch stdin")
			}
			xo, err := e.exportOptionsFrom(cmd)
			if err != nil {
				return err
			}
			if xo.Out == "-" {
				return usageError("watch: -o - is not supported; name a file or folder")
			}
			opt := watchOptions{Export: xo, Debounce: cmd.Duration("debounce"), Retries: 4, Backoff: 200 * time.Millisecond}
			return e.watch(ctx, opt, cmd.Args().First())
		},
	}
}

// watch exports file now and after every save until ctx is cancelled.
func (e *env) watch(ctx context.Context, opt watchOptions, file string) error {
	// A workbook that is not there (or is a folder) fails at once, as for
	// export: watching waits for saves of a file, not for one to appear.
	if fi, err := os.Stat(file); err != nil || fi.IsDir() {
		if _, ps := matrix.ReadFile(file, opt.Export.Read); ps.Err() != nil {
			printProblems(e.stderr, ps, opt.Export.MaxProblems)
			return exitCode(1)
		}
	}
	pl, err := planExport(opt.Export, []string{file})
	if err != nil {
		return err
	}
	dir, base := filepath.Dir(file), filepath.Base(file)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return failed(fmt.Errorf("watch: %v", err))
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return failed(fmt.Errorf("watch: %s: %v", dir, err))
	}
	e.logLine("watching %s (Ctrl-C to stop)", file)
	e.watchExport(ctx, opt, pl)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			e.logLine("stopped watching %s", file)
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			// Only the workbook's own name counts: editors' temporary and
			// lock files (~$x.xlsx, .~lock.x.xlsx#, *.tmp) and our own
			// outputs have other names.
			if filepath.Base(ev.Name) != base || !ev.Has(fsnotify.Create|fsnotify.Write) {
				continue
			}
			timer.Reset(opt.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			e.logLine("watch: %v", err)
		case <-timer.C:
			e.watchExport(ctx, opt, pl)
		}
	}
}

// watchExport runs one export, retrying while the file cannot be read (a
// save still in progress), and prints its lines with the time.
func (e *env) watchExport(ctx context.Context, opt watchOptions, pl *exportPlan) {
	delay := opt.Backoff
	var r *exportResult
	for try := 0; ; try++ {
		r = e.exportOne(ctx, pl, 0, nil)
		if !r.unreadable || try >= opt.Retries {
			break
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay *= 2
	}
	sc := bufio.NewScanner(bytes.NewReader(r.log.Bytes()))
	for sc.Scan() {
		e.logLine("%s", sc.Text())
	}
	if r.failed && len(r.written) == 0 {
		e.logLine("export failed; still watching")
	}
}

// logLine prints one line to stderr with the time of day.
func (e *env) logLine(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fmt.Fprintf(e.stderr, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
