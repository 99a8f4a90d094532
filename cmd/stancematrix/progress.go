package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress is a one-line progress bar over the outputs of an export, drawn
// on a terminal. Its total is known up front (each input's outputs, or with
// --split-by one document's) and only grows, when a split yields more
// documents, so the bar never jumps back by more than a split adds; workers
// step as they finish an output, and skip the outputs of an input that
// fails before them. Other lines are printed above the bar. A nil *progress
// draws nothing, so callers need not check.
type progress struct {
	mu          sync.Mutex
	w           io.Writer
	done, total int
	start       time.Time
}

const progressWidth = 30

// newProgress draws and returns a bar over total outputs.
func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	p.draw()
	return p
}

func (p *progress) draw() {
	n := 0
	if p.total > 0 {
		n = min(p.done, p.total) * progressWidth / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d outputs  %s", strings.Repeat("=", n), strings.Repeat(" ", progressWidth-n),
		p.done, p.total, time.Since(p.start).Round(100*time.Millisecond))
}

// add announces n more outputs than expected; n <= 0 changes nothing.
func (p *progress) add(n int) {
	if p == nil || n <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	p.draw()
}

// step marks one output done (written or failed).
func (p *progress) step() { p.skip(1) }

// skip marks n expected outputs done without writing them: those of an
// input that failed, or that has fewer than expected.
func (p *progress) skip(n int) {
	if p == nil || n <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.draw()
}

// print writes b above the bar.
func (p *progress) print(w io.Writer, b []byte) {
	if p == nil {
		w.Write(b)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
	p.w.Write(b)
	p.draw()
}

// finish erases the bar.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
}
