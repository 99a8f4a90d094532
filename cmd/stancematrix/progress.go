package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress is a one-line progress bar drawn on a terminal. A nil *progress
// draws nothing, so callers need not check.
type progress struct {
	w           io.Writer
	done, total int
	start       time.Time
}

const progressWidth = 30

func (p *progress) draw() {
	if p == nil {
		return
	}
	n := 0
	if p.total > 0 {
		n = p.done * progressWidth / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d inputs  %s", strings.Repeat("=", n), strings.Repeat(" ", progressWidth-n),
		p.done, p.total, time.Since(p.start).Round(100*time.Millisecond))
}

// clear erases the bar so other lines can be printed.
func (p *progress) clear() {
	if p == nil {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
}

func (p *progress) step() {
	if p == nil {
		return
	}
	p.done++
	p.draw()
}

func (p *progress) finish() {
	if p == nil {
		return
	}
	p.clear()
}
