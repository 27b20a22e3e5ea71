package data_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/descentgo/descent/data"
)

func ExampleReadCSV() {
	const in = `sepal_length,sepal_width,species
5.1,3.5,0
7.0,3.2,1
6.3,NA,2
`
	d, err := data.ReadCSV(strings.NewReader(in), "iris.csv", data.CSVOptions{DropMissing: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.N, "rows,", d.D, "features:", d.Features, "target:", d.Target)
	fmt.Println("dropped:", d.Dropped)
	for i := 0; i < d.N; i++ {
		fmt.Println(d.Row(i), d.Y[i])
	}

	// Without DropMissing the missing value is an error.
	_, err = data.ReadCSV(strings.NewReader(in), "iris.csv", data.CSVOptions{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, data.ErrMissingValue))
	// Output:
	// 2 rows, 2 features: [sepal_length sepal_width] target: species
	// dropped: 1
	// [5.1 3.5] 0
	// [7 3.2] 1
	// iris.csv:4:5: field "sepal_width": missing value (set DropMissing to skip such rows)
	// true
}

func ExampleReadCSV_features() {
	const in = "id,a,b,c,label\nx17,1,2,3,1\nx18,4,5,6,0\n"
	d, err := data.ReadCSV(strings.NewReader(in), "t.csv", data.CSVOptions{
		Target:   "label",
		Features: []string{"c", "a"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Features, d.X, d.Y)

	_, err = data.ReadCSV(strings.NewReader(in), "t.csv", data.CSVOptions{Target: "y"})
	fmt.Println(err)
	// Output:
	// [c a] [3 1 6 4] [1 0]
	// t.csv: unknown target column "y" (columns: id, a, b, c, label)
}

func ExampleReadLIBSVM() {
	const in = `# label index:value ...
+1 1:0.5 3:2
-1 qid:4 2:1.5
`
	m, err := data.ReadLIBSVM(strings.NewReader(in), "train.svm", data.LIBSVMOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("N =", m.N, "D =", m.D)
	fmt.Println("Indptr", m.Indptr, "Indices", m.Indices, "Values", m.Values, "Y", m.Y)

	_, err = data.ReadLIBSVM(strings.NewReader("1 3:1 2:1\n"), "train.svm", data.LIBSVMOptions{})
	fmt.Println(err)
	// Output:
	// N = 2 D = 3
	// Indptr [0 2 3] Indices [0 2 1] Values [0.5 2 1.5] Y [1 -1]
	// train.svm:1:7: feature index 2 after 3: indices must be strictly increasing
}

func ExampleStandardization() {
	d := &data.Dense{N: 4, D: 2, X: []float64{
		1, 10,
		2, 10,
		3, 10,
		6, 10,
	}, Y: []float64{0, 0, 1, 1}}
	var s data.Standardization
	s.Fit(d) // fit on the training set only
	fmt.Println("mean", s.Mean, "std", s.Std)
	s.Apply(d)
	fmt.Println(d.X)
	// Output:
	// mean [3 10] std [1.8708286933869707 1]
	// [-1.0690449676496976 0 -0.5345224838248488 0 0 0 1.6035674514745464 0]
}

func ExampleSplit() {
	d := &data.Dense{N: 10, D: 1, X: []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Y: make([]float64, 10)}
	train, val := data.Split(d, 0.2, 1)
	fmt.Println(train.N, val.N)
	// The same seed gives the same split.
	_, val2 := data.Split(d, 0.2, 1)
	fmt.Println(fmt.Sprint(val.X) == fmt.Sprint(val2.X))
	// Output:
	// 8 2
	// true
}

func ExampleEpochPermutation() {
	// Visit the examples of a data set in a new, reproducible order each
	// epoch, in minibatches.
	d, err := data.ReadCSVFile("../testdata/datasets/iris.csv", data.CSVOptions{})
	if err != nil {
		log.Fatal(err)
	}
	perm := make([]int, d.N)
	var batch data.Dense
	for epoch := 0; epoch < 2; epoch++ {
		data.EpochPermutation(perm, 42, epoch)
		batches := 0
		for lo := 0; lo < d.N; lo += 32 {
			data.Gather(&batch, d, perm[lo:min(lo+32, d.N)])
			batches++ // train on batch here
		}
		fmt.Println("epoch", epoch, "batches", batches, "last batch rows", batch.N)
	}
	// Output:
	// epoch 0 batches 5 last batch rows 22
	// epoch 1 batches 5 last batch rows 22
}

func ExampleOpenStream() {
	s, err := data.OpenStream("../testdata/datasets/iris.csv", data.CSV, data.StreamOptions{ChunkRows: 64})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	fmt.Println("rows", s.N(), "features", s.D())
	var batch data.Dense // reused for every batch
	for epoch := 0; epoch < 2; epoch++ {
		var sizes []int
		for {
			n, err := s.Next(&batch)
			if err == io.EOF {
				break
			}
			if err != nil {
				log.Fatal(err)
			}
			sizes = append(sizes, n) // train on batch here
		}
		fmt.Println("epoch", epoch, "batches", sizes)
		if err := s.Reset(); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// rows 150 features 4
	// epoch 0 batches [64 64 22]
	// epoch 1 batches [64 64 22]
}

func ExampleShuffleBuffer() {
	s, err := data.OpenStream("../testdata/datasets/iris.csv", data.CSV, data.StreamOptions{ChunkRows: 50})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	// A buffer of 100 rows mixes the three classes, which the file
	// stores in order: each batch of 50 holds more than one class.
	b := data.NewShuffleBuffer(s, 100, 1)
	var batch data.Dense
	for {
		_, err := b.Next(&batch)
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		classes := map[float64]bool{}
		for _, y := range batch.Y {
			classes[y] = true
		}
		fmt.Println(len(classes) > 1)
	}
	// Output:
	// true
	// true
	// true
}
