package cli

import (
	"os"
	"strconv"

	"github.com/descentgo/descent/internal/progress"
	"github.com/descentgo/descent/minimize"
)

// progressObserver draws a progress bar on stderr (only when it is a
// terminal) for one or more runs of up to perRun iterations each; a row with
// Iter 0 starts the next run.
type progressObserver struct {
	bar    *progress.Bar
	perRun int
	run    int
}

func newProgress(label string, runs, perRun int) *progressObserver {
	total := 0
	if perRun > 0 {
		total = runs * perRun
	}
	return &progressObserver{bar: progress.New(os.Stderr, total, label), perRun: perRun, run: -1}
}

// Observe implements minimize.Observer.
func (p *progressObserver) Observe(r minimize.Row) error {
	if r.Iter == 0 {
		p.run++
	}
	if p.bar.Due() {
		p.bar.Set(p.run*p.perRun+r.Iter, "f="+strconv.FormatFloat(r.F, 'g', 4, 64))
	}
	return nil
}

func (p *progressObserver) finish() { p.bar.Finish() }
