package data

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// The data sets under testdata/datasets are copies of real ones; see the
// README there for their sources. The expected facts below come from those
// sources, not from this package.
const datasets = "../testdata/datasets/"

func classCounts(y []float64) map[float64]int {
	c := map[float64]int{}
	for _, v := range y {
		c[v]++
	}
	return c
}

func TestIris(t *testing.T) {
	d, err := ReadCSVFile(datasets+"iris.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.N != 150 || d.D != 4 || d.Target != "species" {
		t.Fatalf("iris: %d×%d, target %q; want 150×4, species", d.N, d.D, d.Target)
	}
	if want := []string{"sepal_length", "sepal_width", "petal_length", "petal_width"}; !slices.Equal(d.Features, want) {
		t.Errorf("features %q, want %q", d.Features, want)
	}
	if got := classCounts(d.Y); len(got) != 3 || got[0] != 50 || got[1] != 50 || got[2] != 50 {
		t.Errorf("class counts %v, want 50 of each of 0, 1, 2", got)
	}
	// First and last examples of Fisher's table.
	if !slices.Equal(d.Row(0), []float64{5.1, 3.5, 1.4, 0.2}) || !slices.Equal(d.Row(149), []float64{5.9, 3.0, 5.1, 1.8}) {
		t.Errorf("rows 0 and 149: %v, %v", d.Row(0), d.Row(149))
	}
}

func TestWine(t *testing.T) {
	d, err := ReadCSVFile(datasets+"wine.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.N != 178 || d.D != 13 || d.Target != "cultivar" {
		t.Fatalf("wine: %d×%d, target %q; want 178×13, cultivar", d.N, d.D, d.Target)
	}
	if got := classCounts(d.Y); len(got) != 3 || got[0] != 59 || got[1] != 71 || got[2] != 48 {
		t.Errorf("class counts %v, want 59, 71, 48", got)
	}
	if d.Row(0)[0] != 14.23 || d.Row(0)[12] != 1065 {
		t.Errorf("row 0: %v", d.Row(0))
	}
}

func TestDiabetes(t *testing.T) {
	d, err := ReadCSVFile(datasets+"diabetes.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.N != 442 || d.D != 10 || d.Target != "progression" {
		t.Fatalf("diabetes: %d×%d, target %q; want 442×10, progression", d.N, d.D, d.Target)
	}
	if want := []float64{59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87}; !slices.Equal(d.Row(0), want) || d.Y[0] != 151 {
		t.Errorf("row 0: %v → %v", d.Row(0), d.Y[0])
	}
	// The target is an integer between 25 and 346.
	if lo, hi := slices.Min(d.Y), slices.Max(d.Y); lo != 25 || hi != 346 {
		t.Errorf("target range [%v, %v], want [25, 346]", lo, hi)
	}

	var s Standardization
	s.Fit(d)
	s.Apply(d)
	for j := 0; j < d.D; j++ {
		var sum, ss float64
		for i := 0; i < d.N; i++ {
			sum += d.Row(i)[j]
		}
		mean := sum / float64(d.N)
		for i := 0; i < d.N; i++ {
			ss += (d.Row(i)[j] - mean) * (d.Row(i)[j] - mean)
		}
		std := math.Sqrt(ss / float64(d.N))
		if math.Abs(mean) > 1e-12 || math.Abs(std-1) > 1e-12 {
			t.Errorf("standardized column %s: mean %v, std %v; want 0, 1", d.Features[j], mean, std)
		}
	}

	// Least squares with intercept on the standardized features: the
	// training MSE at the optimum is 2859.696... (numpy, see the README).
	if mse := olsMSE(d); math.Abs(mse-2859.696) > 1e-3 {
		t.Errorf("least-squares MSE %v, want 2859.696", mse)
	}
}

// olsMSE fits y ≈ b₀ + Xb by solving the normal equations with Gaussian
// elimination and returns the mean squared residual.
func olsMSE(d *Dense) float64 {
	p := d.D + 1
	a := make([][]float64, p) // augmented [XᵀX | Xᵀy], with a leading 1 column
	for k := range a {
		a[k] = make([]float64, p+1)
	}
	row := make([]float64, p)
	for i := 0; i < d.N; i++ {
		row[0] = 1
		copy(row[1:], d.Row(i))
		for k := 0; k < p; k++ {
			for l := 0; l < p; l++ {
				a[k][l] += row[k] * row[l]
			}
			a[k][p] += row[k] * d.Y[i]
		}
	}
	for c := 0; c < p; c++ {
		piv := c
		for r := c + 1; r < p; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		a[c], a[piv] = a[piv], a[c]
		for r := 0; r < p; r++ {
			if r != c {
				f := a[r][c] / a[c][c]
				for l := c; l <= p; l++ {
					a[r][l] -= f * a[c][l]
				}
			}
		}
	}
	var sse float64
	for i := 0; i < d.N; i++ {
		yhat := a[0][p] / a[0][0]
		for j, v := range d.Row(i) {
			yhat += v * a[j+1][p] / a[j+1][j+1]
		}
		sse += (yhat - d.Y[i]) * (yhat - d.Y[i])
	}
	return sse / float64(d.N)
}

// TestDatasetsREADME checks that the sources of the data sets are recorded.
func TestDatasetsREADME(t *testing.T) {
	b, err := os.ReadFile(datasets + "README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"iris.csv", "wine.csv", "diabetes.csv", "Fisher", "Efron"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("README.md does not mention %q", s)
		}
	}
}
