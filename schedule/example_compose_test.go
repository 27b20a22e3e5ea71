package schedule_test

import (
	"fmt"

	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// sgd stands for an optimizer with a momentum (optim's SGD, or β₁ of Adam).
type sgd struct{ lr, momentum float64 }

func (o *sgd) SetMomentum(m float64) { o.momentum = m }

// How a driver applies a momentum-cycling schedule (onecycle, cyclic): the
// rate and the momentum before every optimizer step, Step after it.
func ExampleApplyMomentum() {
	s, err := schedule.NewSpec(spec.MustParse("onecycle:max_lr=1"), schedule.Context{BaseLR: 0.1, Steps: 10})
	if err != nil {
		panic(err)
	}
	o := &sgd{lr: 0.1, momentum: 0.9}
	for t := 0; t < 10; t++ {
		o.lr = s.LR()
		if err := schedule.ApplyMomentum(s, o); err != nil {
			panic(err) // the optimizer has no momentum: reported at the first step
		}
		// ... optimizer step ...
		s.Step(0)
		fmt.Printf("step %d: lr %.4f momentum %.4f\n", t, o.lr, o.momentum)
	}
	// Output:
	// step 0: lr 0.0400 momentum 0.9500
	// step 1: lr 0.5200 momentum 0.9000
	// step 2: lr 1.0000 momentum 0.8500
	// step 3: lr 0.9505 momentum 0.8550
	// step 4: lr 0.8117 momentum 0.8688
	// step 5: lr 0.6113 momentum 0.8889
	// step 6: lr 0.3887 momentum 0.9111
	// step 7: lr 0.1883 momentum 0.9312
	// step 8: lr 0.0495 momentum 0.9450
	// step 9: lr 0.0000 momentum 0.9500
}

// A linear warmup followed by a cosine decay over the rest of the run,
// PyTorch's SequentialLR([LinearLR(start_factor=0.1, total_iters=2),
// CosineAnnealingLR(T_max=4)], milestones=[2]): inside the schedulers
// value, '|' separates the schedules and ';' stands for ','.
func ExampleSequential() {
	sp := spec.MustParse("sequential:schedulers=linear:start_factor=0.1;total_iters=2|cosine,milestones=2")
	s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: 1, Steps: 6})
	if err != nil {
		panic(err)
	}
	for t := 0; t < 6; t++ {
		fmt.Printf("%.3f ", s.LR())
		s.Step(0)
	}
	fmt.Println()
	// Output:
	// 0.100 0.550 1.000 0.854 0.500 0.146
}
