// Command stancematrix reads a hand-edited stance-matrix workbook (.xlsx:
// parties × issues, each cell a stance) and turns it into briefings.
//
// Usage:
//
//	stancematrix validate FILE...            check workbooks, one problem per line
//	stancematrix show FILE                   print the matrix as a table
//	stancematrix init FILE [--sample]        write a blank template (or the sample)
//	stancematrix export FILE... --format pdf,xlsx,json,csv,md [-o OUT]
//	stancematrix analyze FILE                agreement, contested issues, key findings
//	stancematrix diff OLD NEW                what changed (also FILE --since DATE)
//	stancematrix watch FILE [export flags]   re-export whenever the workbook is saved
//	stancematrix completion bash|zsh|fish|pwsh  print a shell completion script
//
// Exit codes: 0 success; 1 invalid input or a failed export (for diff: the
// inputs differ); 2 usage errors (for diff: trouble).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := interruptContext()
	code := run(ctx, os.Stdin, os.Stdout, os.Stderr, os.Args, os.Getenv)
	stop()
	os.Exit(code)
}

// interruptContext returns a context that the first Ctrl-C (or SIGTERM)
// cancels: exports stop and remove their temporary files. The default
// handling then returns, so a second Ctrl-C ends the process at once.
func interruptContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}
