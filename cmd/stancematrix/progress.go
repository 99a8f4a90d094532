package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress is a one-line progress bar over the outputs of an export, drawn
// on a terminal. Workers add outputs as they learn of them and step as they
// finish them; other lines are printed above the bar. A nil *progress draws
// nothing, so callers need not check.
type progress struct {
	mu          sync.Mutex
	w           io.Writer
	done, total int
	start       time.Time
}

const progressWidth = 30

func newProgress(w io.Writer) *progress { return &progress{w: w, start: time.Now()} }

func (p *progress) draw() {
	n := 0
	if p.total > 0 {
		n = min(p.done, p.total) * progressWidth / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d outputs  %s", strings.Repeat("=", n), strings.Repeat(" ", progressWidth-n),
		p.done, p.total, time.Since(p.start).Round(100*time.Millisecond))
}

// add announces n more outputs.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	p.draw()
}

// step marks one output done (written or failed).
func (p *progress) step() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
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
