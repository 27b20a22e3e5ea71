package spec_test

import (
	"fmt"

	"github.com/descentgo/descent/spec"
)

func ExampleBind() {
	fields := []spec.Field{
		{Key: "lr", Kind: spec.Float, Default: "0.001", Doc: "learning rate"},
		{Key: "hidden", Kind: spec.Ints, Doc: "layer sizes"},
		{Key: "act", Kind: spec.String, Default: "relu", Choices: []string{"relu", "tanh"}},
	}
	sp, _ := spec.Parse("mlp:hidden=64,32,lr=0.01")
	a, err := spec.Bind(`model "mlp"`, sp, fields)
	fmt.Println(a.Ints("hidden"), a.Float("lr"), a.String("act"), err)

	sp, _ = spec.Parse("mlp:act=gelu")
	_, err = spec.Bind(`model "mlp"`, sp, fields)
	fmt.Println(err)
	// Output:
	// [64 32] 0.01 relu <nil>
	// model "mlp": act=gelu: "gelu" is not one of relu, tanh
}
