package progress_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/descentgo/descent/internal/progress"
)

func Example() {
	// On a terminal, progress.New(os.Stderr, …) is all it takes; when
	// standard error is redirected the bar does nothing.
	bar := progress.New(os.Stderr, 1000, "gd")
	bar.Finish()

	// Here the bar is forced on, 80 columns wide, with a fake clock
	// advancing 1 ms per iteration, to show what it draws.
	var out bytes.Buffer
	now := time.Unix(0, 0)
	bar = progress.New(&out, 1000, "gd lr=0.05", progress.ForceTerminal(80),
		progress.WithClock(func() time.Time { return now }))
	f := 20.0
	for i := 0; i < 1000; i++ {
		now = now.Add(time.Millisecond)
		f *= 0.99
		if bar.Due() { // skip formatting a status that would not be shown
			bar.Set(i+1, "f="+strconv.FormatFloat(f, 'g', 3, 64))
		}
	}
	bar.Finish()

	// Each redraw starts with a carriage return and ends by clearing the
	// rest of the line.
	for _, line := range strings.Split(out.String(), "\r") {
		if line = strings.TrimSuffix(line, "\x1b[K"); line != "" {
			fmt.Println(line)
		}
	}
	// Output:
	// gd lr=0.05     1/1000 [               ]  0%  1.00k it/s  ETA 0:01  f=19.8
	// gd lr=0.05   101/1000 [█▌             ]  10%  1.00k it/s  ETA 0:01  f=7.25
	// gd lr=0.05   201/1000 [███            ]  20%  1.00k it/s  ETA 0:01  f=2.65
	// gd lr=0.05   301/1000 [████▌          ]  30%  1.00k it/s  ETA 0:01  f=0.971
	// gd lr=0.05   401/1000 [██████         ]  40%  1.00k it/s  ETA 0:01  f=0.355
	// gd lr=0.05   501/1000 [███████▌       ]  50%  1.00k it/s  ETA 0:01  f=0.13
	// gd lr=0.05   601/1000 [█████████      ]  60%  1.00k it/s  ETA 0:01  f=0.0476
	// gd lr=0.05   701/1000 [██████████▌    ]  70%  1.00k it/s  ETA 0:01  f=0.0174
	// gd lr=0.05   801/1000 [████████████   ]  80%  1.00k it/s  ETA 0:01  f=0.00638
	// gd lr=0.05   901/1000 [█████████████▌ ]  90%  1.00k it/s  ETA 0:01  f=0.00234
}
