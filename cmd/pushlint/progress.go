package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
)

// progressFlags are --quiet and --progress of the commands that read logs (check, facts, timeline, logs).
type progressFlags struct {
	quiet, force bool
}

func (f *progressFlags) register(c *cobra.Command) {
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "draw no progress line on standard error, even on a terminal")
	c.Flags().BoolVar(&f.force, "progress", false, "draw the progress line on standard error from the start, even when it is not a terminal")
}

// mode decides how progress is shown on stderr: on a terminal after a second (a quick run shows none),
// redrawn in place and cleared at the end; with --progress from the start, and on something that is not a
// terminal (a CI log) redrawn every second and left as a last line; with --quiet never. Colour only on a
// terminal, never with NO_COLOR.
func (f progressFlags) mode(term bool) (progressMode, error) {
	if f.quiet && f.force {
		return progressMode{}, usageError("--quiet and --progress contradict each other: give one of them")
	}
	m := progressMode{terminal: term, color: term && os.Getenv("NO_COLOR") == "", every: 200 * time.Millisecond}
	switch {
	case f.quiet:
		return progressMode{}, nil
	case f.force:
		m.on = true
	case term:
		m.on, m.delay = true, time.Second
	}
	if !term {
		m.every = time.Second
	}
	return m, nil
}

// progressMode is how a progress line is drawn.
type progressMode struct {
	on       bool
	terminal bool          // cleared at the end; otherwise the last state stays, ended by a newline
	color    bool          // the stage in colour
	delay    time.Duration // nothing is drawn before
	every    time.Duration // redrawn this often
}

// progressState is what a run has done so far.
type progressState struct {
	stage    string
	files    int   // log files found (0 until the logs are found)
	size     int64 // their size in bytes
	read     int64 // bytes of log read
	machines int   // machines in the document (0 until it is read)
	handed   int   // machines handed to the rules
}

// progressLine draws a progressState on stderr until stopped, through the progress bar library; the
// counts come from callbacks the reading and the evaluation call (facts.WithProgress, the batches handed
// to the engine), so that neither knows about the display.
type progressLine struct {
	mode  progressMode
	w     io.Writer
	state func() progressState
	start time.Time

	mu      sync.Mutex
	bar     *progressbar.ProgressBar
	barKind string // the stage, and whether it has a bar or a spinner
	drawn   bool   // the line holds a drawing that a note must first clear or end
	stopped bool
	once    sync.Once
	quit    chan struct{}
	done    chan struct{}
}

// startProgress draws state on w until stop is called; nil (which does nothing) when mode is off.
func startProgress(w io.Writer, mode progressMode, state func() progressState) *progressLine {
	if !mode.on {
		return nil
	}
	p := &progressLine{mode: mode, w: w, state: state, start: time.Now(), quit: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return p
}

func (p *progressLine) loop() {
	defer close(p.done)
	if p.mode.delay > 0 {
		select {
		case <-time.After(p.mode.delay):
		case <-p.quit:
			return
		}
	}
	tick := time.NewTicker(p.mode.every)
	defer tick.Stop()
	for {
		p.draw()
		select {
		case <-tick.C:
		case <-p.quit:
			return
		}
	}
}

// draw renders the current state: a bar of the bytes while the logs are read, of the machines while the
// rules are evaluated, a spinner in the other stages.
func (p *progressLine) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	s := p.state()
	// A bar while the logs are read (bytes) and while batches of machines are handed to the rules; a
	// spinner in the other stages and once everything is handed (a site of one batch is handed at once).
	max, value := int64(-1), int64(0)
	switch {
	case s.stage == facts.StageLogs && s.read < s.size:
		max, value = s.size, s.read
	case s.stage == stageEvaluating && s.handed < s.machines:
		max, value = int64(s.machines), int64(s.handed)
	}
	desc := p.describe(s)
	if kind := fmt.Sprintf("%s|%t", s.stage, max > 0); p.bar == nil || p.barKind != kind {
		if p.bar != nil {
			_ = p.bar.Clear() // the next line may be shorter
			_ = p.bar.Exit()
		}
		p.bar = progressbar.NewOptions64(max, progressbar.OptionSetWriter(p.w), progressbar.OptionSetWidth(10),
			progressbar.OptionSetDescription(desc), progressbar.OptionSetPredictTime(false),
			progressbar.OptionSetElapsedTime(false), progressbar.OptionSetSpinnerChangeInterval(0),
			progressbar.OptionEnableColorCodes(p.mode.color), progressbar.OptionSetTheme(progressbar.ThemeASCII))
		p.barKind = kind
		if max < 0 {
			_ = p.bar.RenderBlank()
		}
	} else {
		p.bar.Describe(desc)
	}
	if max > 0 {
		_ = p.bar.Set64(value)
	}
	p.drawn = true
}

// describe is the text of the line, short enough for 80 columns with the bar: "reading the logs: 207 files,
// 120.3/210.1 MB read, 8s", "evaluating the rules: 207 files, 210.1 MB, 2500/4000 machines, 40s".
func (p *progressLine) describe(s progressState) string {
	stage := s.stage
	if p.mode.color {
		stage = "[cyan]" + stage + "[reset]"
	}
	var parts []string
	if s.files > 0 {
		n := "files"
		if s.files == 1 {
			n = "file"
		}
		if s.stage == facts.StageLogs {
			parts = append(parts, fmt.Sprintf("%d %s, %s/%s MB read", s.files, n, megabytes(s.read), megabytes(s.size)))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s, %s MB", s.files, n, megabytes(s.read)))
		}
	}
	if s.machines > 0 && s.stage == stageEvaluating {
		parts = append(parts, fmt.Sprintf("%d/%d machines", s.handed, s.machines))
	}
	parts = append(parts, time.Since(p.start).Round(time.Second).String())
	return stage + ": " + strings.Join(parts, ", ")
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }

// stop ends the drawing: on a terminal the line is cleared, elsewhere the last state is drawn and ended.
// Stopping again does nothing.
func (p *progressLine) stop() {
	if p == nil {
		return
	}
	p.once.Do(func() { close(p.quit) })
	<-p.done
	if !p.mode.terminal && p.mode.delay == 0 {
		p.draw()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.stopped = true
	if p.bar == nil {
		return
	}
	_ = p.bar.Exit()
	p.endLine()
}

// endLine makes room for other text: clears the line on a terminal, ends it elsewhere.
func (p *progressLine) endLine() {
	if !p.drawn {
		return
	}
	p.drawn = false
	if p.mode.terminal {
		_ = p.bar.Clear()
		return
	}
	_, _ = io.WriteString(p.w, "\n")
}

// writer is w for the notes a run prints while the line is drawn: each note first clears the line (the
// next drawing puts it back below the note).
func (p *progressLine) writer(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return progressNotes{p: p, w: w}
}

type progressNotes struct {
	p *progressLine
	w io.Writer
}

func (n progressNotes) Write(b []byte) (int, error) {
	n.p.mu.Lock()
	defer n.p.mu.Unlock()
	if n.p.bar != nil && !n.p.stopped {
		n.p.endLine()
	}
	return n.w.Write(b)
}

// stageEvaluating is the stage of a run while the rules run.
const stageEvaluating = "evaluating the rules"

// progressState is what the run has done so far, for its progress line.
func (r *runState) progressState() progressState {
	r.mu.Lock()
	stage := r.stage
	r.mu.Unlock()
	return progressState{stage: stage, files: int(r.files.Load()), size: r.size.Load(), read: r.read.Load(),
		machines: int(r.machines.Load()), handed: int(r.handed.Load())}
}

// context is ctx in which reading the logs reports to the run what it found and how much it has read.
func (r *runState) context(ctx context.Context) context.Context {
	return facts.WithProgress(ctx, facts.Progress{
		LogsFound: func(files int, size int64) { r.files.Store(int64(files)); r.size.Store(size) },
		Read:      func(n int64) { r.read.Add(n) },
	})
}

// startProgress starts the progress line of a run of the command, if its flags and stderr call for one;
// the notes the command prints meanwhile go through it.
func (in *inputFlags) startProgress(run *runState) (*progressLine, error) {
	if in.cmd == nil {
		return nil, nil
	}
	stderr := in.cmd.ErrOrStderr()
	mode, err := in.progress.mode(isTerminal(stderr))
	if err != nil {
		return nil, err
	}
	p := startProgress(stderr, mode, run.progressState)
	if p != nil {
		in.cmd.SetErr(p.writer(stderr))
	}
	return p, nil
}

// countMachines hands the batches on, counting the machines of each as the engine takes it.
func countMachines(b *engine.Batches, run *runState) *engine.Batches {
	docs := b.Docs
	b.Docs = func(yield func(any, error) bool) {
		for d, err := range docs {
			if doc, ok := d.(*facts.Document); ok {
				run.handed.Add(int64(len(doc.Machines)))
			}
			if !yield(d, err) {
				return
			}
		}
	}
	return b
}

// documentWithProgress reads the inputs as document does, with the command's progress line.
func (in *inputFlags) documentWithProgress(ctx context.Context, args []string) (*facts.Document, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	run := &runState{stage: "starting", start: time.Now()}
	p, err := in.startProgress(run)
	if err != nil {
		return nil, err
	}
	defer p.stop()
	return in.documentContext(run.context(ctx), run.set, args)
}
