package data

// Dense is an in-memory data set with a dense, row-major feature matrix.
// Row i of X is X[i*D : (i+1)*D]; Y[i] is its target.
type Dense struct {
	N, D     int
	X        []float64 // N×D, row-major, contiguous
	Y        []float64 // length N
	Features []string  // column names, length D
	Target   string    // name of the target column

	// Dropped is the number of input rows that were skipped because of
	// missing values (see CSVOptions.DropMissing).
	Dropped int
}

// Row returns the features of example i as a sub-slice of X (no copy).
func (d *Dense) Row(i int) []float64 { return d.X[i*d.D : (i+1)*d.D : (i+1)*d.D] }

// CSR is an in-memory data set with a sparse feature matrix in compressed
// sparse row form: the non-zeros of row i are Values[Indptr[i]:Indptr[i+1]]
// at the 0-based columns Indices[Indptr[i]:Indptr[i+1]], in increasing order.
type CSR struct {
	N, D    int
	Indptr  []int // length N+1
	Indices []int32
	Values  []float64
	Y       []float64 // length N
}
