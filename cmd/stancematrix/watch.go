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
	if err := e.mustExist(file, opt.Export.inputOptions); err != nil {
		return err
	}
	pl, err := planExport(opt.Export, []string{file})
	if err != nil {
		return err
	}
	sw, err := watchSaves(file)
	if err != nil {
		return failed(fmt.Errorf("watch: %v", err))
	}
	defer sw.Close()
	e.logLine("watching %s (Ctrl-C to stop)", file)
	e.watchExport(ctx, opt, pl)
	e.followSaves(ctx, sw, opt.Debounce, func() { e.watchExport(ctx, opt, pl) })
	if ctx.Err() != nil {
		e.logLine("stopped watching %s", file)
	}
	return nil
}

// mustExist fails at once, with the reader's message, for a workbook that
// is not there (or is a folder), as export does: watch and serve wait for
// saves of a file, not for one to appear.
func (e *env) mustExist(file string, io inputOptions) error {
	if fi, err := os.Stat(file); err != nil || fi.IsDir() {
		if _, ps := matrix.ReadFile(file, io.Read); ps.Err() != nil {
			printProblems(e.stderr, ps, io.MaxProblems)
			return exitCode(1)
		}
	}
	return nil
}

// saveWatcher follows the saves of one file. It watches the file's folder,
// so that a save through a temporary file and a rename (as Excel and
// LibreOffice save) is seen; only events of the file's own name count.
type saveWatcher struct {
	w    *fsnotify.Watcher
	base string
}

// watchSaves starts following the saves of file.
func watchSaves(file string) (*saveWatcher, error) {
	dir := filepath.Dir(file)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	return &saveWatcher{w: w, base: filepath.Base(file)}, nil
}

// Close stops following.
func (sw *saveWatcher) Close() error { return sw.w.Close() }

// followSaves calls saved after each save of sw's file, once no event has
// come for debounce, until ctx is cancelled. It logs the watcher's errors.
func (e *env) followSaves(ctx context.Context, sw *saveWatcher, debounce time.Duration, saved func()) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-sw.w.Events:
			if !ok {
				return
			}
			// Only the workbook's own name counts: editors' temporary and
			// lock files (~$x.xlsx, .~lock.x.xlsx#, *.tmp) and our own
			// outputs have other names.
			if filepath.Base(ev.Name) != sw.base || !ev.Has(fsnotify.Create|fsnotify.Write) {
				continue
			}
			timer.Reset(debounce)
		case err, ok := <-sw.w.Errors:
			if !ok {
				return
			}
			e.logLine("watch: %v", err)
		case <-timer.C:
			saved()
		}
	}
}

// retry calls try, and again while it asks for it (a file that cannot be
// read yet: a save still in progress), at most retries more times, after
// backoff, doubled each time. It returns false when ctx was cancelled
// while waiting.
func retry(ctx context.Context, retries int, backoff time.Duration, try func() (again bool)) bool {
	for n := 0; try() && n < retries; n++ {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return true
}

// watchExport runs one export, retrying while the file cannot be read (a
// save still in progress), and prints its lines with the time.
func (e *env) watchExport(ctx context.Context, opt watchOptions, pl *exportPlan) {
	var r *exportResult
	if !retry(ctx, opt.Retries, opt.Backoff, func() bool {
		r = e.exportOne(ctx, pl, 0, nil)
		return r.unreadable
	}) {
		return
	}
	e.logLines(r.log.Bytes())
	if r.failed && len(r.written) == 0 {
		e.logLine("export failed; still watching")
	}
}

// logLines prints each line of b with logLine.
func (e *env) logLines(b []byte) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		e.logLine("%s", sc.Text())
	}
}

// logLine prints one line to stderr with the time of day.
func (e *env) logLine(format string, args ...any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fmt.Fprintf(e.stderr, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
