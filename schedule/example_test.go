package schedule_test

import (
	"fmt"

	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// A cosine schedule after a 3-step warmup, driven the way a training loop
// drives it: LR() before each optimizer step, Step(loss) after it.
func Example() {
	s := schedule.WithWarmup(&schedule.Cosine{TMax: 4, EtaMin: 0.01}, 3)
	s.Init(0.1)
	for t := 0; t < 9; t++ {
		lr := s.LR()
		// ... optimizer step with rate lr, giving loss ...
		loss := 1.0 / float64(t+1)
		s.Step(loss)
		fmt.Printf("step %d: lr %.5f\n", t, lr)
	}
	// Output:
	// step 0: lr 0.03333
	// step 1: lr 0.06667
	// step 2: lr 0.10000
	// step 3: lr 0.10000
	// step 4: lr 0.08682
	// step 5: lr 0.05500
	// step 6: lr 0.02318
	// step 7: lr 0.01000
	// step 8: lr 0.02318
}

// A schedule from a parsed specification, as the command line builds
// --schedule cosine (t_max defaults to the run's 4 steps).
func ExampleNewSpec() {
	s, err := schedule.NewSpec(spec.Spec{Name: "cosine"}, schedule.Context{BaseLR: 0.1, Steps: 4})
	if err != nil {
		panic(err)
	}
	for t := 0; t < 5; t++ {
		fmt.Printf("%.4f ", s.LR())
		s.Step(0)
	}
	fmt.Println()
	// Output:
	// 0.1000 0.0854 0.0500 0.0146 0.0000
}

// ReduceLROnPlateau as a Go value: the zero fields are PyTorch's defaults
// except Patience, set to 2 bad epochs.
func ExamplePlateau() {
	p := &schedule.Plateau{Patience: 2, Factor: 0.5}
	p.Init(0.1)
	for _, valLoss := range []float64{1, 0.8, 0.81, 0.82, 0.83, 0.79, 0.8, 0.8, 0.8} {
		p.Step(valLoss)
		fmt.Printf("val %.2f -> lr %g\n", valLoss, p.LR())
	}
	// Output:
	// val 1.00 -> lr 0.1
	// val 0.80 -> lr 0.1
	// val 0.81 -> lr 0.1
	// val 0.82 -> lr 0.1
	// val 0.83 -> lr 0.05
	// val 0.79 -> lr 0.05
	// val 0.80 -> lr 0.05
	// val 0.80 -> lr 0.05
	// val 0.80 -> lr 0.025
}

// A polynomial decay over 4 steps reaches 0 at step 4 and stays there; a
// run of 6 steps takes its last two at rate 0. WithLength stretches it
// over the run, as the advice's stretch_schedule action asks.
func ExampleWithLength() {
	short := spec.MustParse("polynomial:total_iters=4")
	long, _ := schedule.WithLength(short, 6)
	for _, sp := range []spec.Spec{short, long} {
		s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: 0.6})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-24s", sp)
		for t := 0; t < 6; t++ {
			fmt.Printf(" %.2f", s.LR())
			s.Step(0)
		}
		fmt.Println()
	}
	// Output:
	// polynomial:total_iters=4 0.60 0.45 0.30 0.15 0.00 0.00
	// polynomial:total_iters=6 0.60 0.50 0.40 0.30 0.20 0.10
}
