// Package data reads data sets for training models and prepares them:
// CSV files into a Dense matrix (ReadCSV), LIBSVM files into a sparse CSR
// matrix (ReadLIBSVM), either whole or in batches with bounded memory
// (OpenStream, ShuffleBuffer), and standardization, shuffling and
// train/validation splits (Standardization, Permutation, Split).
//
// # CSV
//
// A CSV file (RFC 4180) starts with a header row of unique column names. One
// column is the target (by default the last one) and the others, or those
// listed in CSVOptions.Features, are the features. Every target and feature
// field is a number in the syntax of strconv.ParseFloat ("3", "-0.25",
// "1e-3", also "1_000" and hex floats); the other columns may hold anything.
// A file of new examples to predict may have no target column at all
// (CSVOptions.NoTarget).
// The reader accepts
//
//   - a UTF-8 byte order mark at the start of the file;
//   - "\n" and "\r\n" line endings;
//   - quoted fields ("…", with "" for a quote), which may span lines (a
//     field holding a quote must be quoted);
//   - spaces and tabs around fields and column names, which are ignored;
//   - blank lines, which are skipped.
//
// A missing value is an empty field, "NA", "?" or NaN (in any letter case).
// It is an error unless CSVOptions.DropMissing is set, in which case the row
// is skipped and counted in Dense.Dropped. Infinities and values that
// overflow float64 are errors.
//
// # LIBSVM
//
// A LIBSVM (SVMlight) file has one example per line:
//
//	label index:value index:value ... # comment
//
// The label is any finite number (0/1, -1/+1 or a class id). Indices are
// 1-based and strictly increasing; index i is column i−1 of the CSR matrix.
// An optional qid:N token after the label is ignored. Tokens are separated
// by spaces or tabs; blank lines and comment lines are skipped. Features not
// listed are zero.
//
// # Errors
//
// Malformed input gives a *ParseError, whose message starts with the name
// passed to the reader (usually the file name), the 1-based line and the
// 1-based byte column at which the offending field or token starts, and for
// CSV the name of the column:
//
//	iris.csv:17:9: field "petal_width": cannot parse "abc" as a number
//	iris.csv:17:9: field "petal_width": missing value (set DropMissing to skip such rows)
//	iris.csv:17:9: field "petal_width": non-finite value "Inf"
//	iris.csv:17:9: field "petal_width": value "1e999" is out of range
//	iris.csv:17: wrong number of fields: got 3, want 5
//	iris.csv:1:13: duplicate column name "a" (columns 1 and 3)
//	iris.csv: unknown target column "foo" (columns: a, b, c)
//	iris.csv: unknown feature column "foo" (columns: a, b, c)
//	iris.csv: target column "c" is also listed as a feature
//	iris.csv: target column "c" given for data without a target column
//	iris.csv: empty file: want a header row of column names
//	iris.csv: no data rows after the header
//	iris.csv: no data rows left after dropping 3 rows with missing values
//	iris.csv:5:3: quoted field is not terminated
//	iris.csv:5:6: unexpected 'x' after closing quote
//	iris.csv:5:4: bare " in unquoted field
//	a.svm:3:7: feature index 2 after 5: indices must be strictly increasing
//	a.svm:3:7: duplicate feature index 5
//	a.svm:3:3: feature index 0: indices start at 1
//	a.svm:3:9: feature 4: cannot parse "x" as a number
//	a.svm:3:1: cannot parse label "y" as a number
//	a.svm:3:3: want index:value, got "7"
//	a.svm:3:3: cannot parse feature index "x"
//	a.svm:3:7: feature index 11 is out of range [1, 10]
//	a.svm: no data rows
//
// The tests hold the complete list. Errors that concern the whole input have
// no line, and errors about a whole line no column.
//
// # Speed and memory
//
// The readers parse numbers directly on the input bytes, without allocating
// per field, using an exact fast path for decimal numbers of up to 19
// significant digits and strconv.ParseFloat for the rest; the results are
// bit for bit those of strconv.ParseFloat. A Stream keeps only one batch and
// the read buffer in memory; a ShuffleBuffer adds its rows.
package data
