package beam

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"   // gs://
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // paths without a scheme
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"    // s3://

	"github.com/descentgo/descent/shard"
)

// Files are read and written through Beam's file systems, so that the
// blocks, the weights and the results may live on local disk (in-process
// Prism, a shared mount) or on gs:// and s3:// (a cluster).

// join joins a directory and a name for local paths and URLs alike.
func join(dir, name string) string {
	if strings.Contains(dir, "://") {
		return strings.TrimSuffix(dir, "/") + "/" + name
	}
	return path.Join(dir, name)
}

// readAll reads the file p.
func readAll(ctx context.Context, p string) ([]byte, error) {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// writeAll writes b to the file p; the file system commits it on Close.
func writeAll(ctx context.Context, p string, b []byte) error {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, p)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// writeFloats writes v as little-endian float64s.
func writeFloats(ctx context.Context, p string, v []float64) error {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return writeAll(ctx, p, b)
}

// readFloats reads a file written by writeFloats.
func readFloats(ctx context.Context, p string) ([]float64, error) {
	b, err := readAll(ctx, p)
	if err != nil {
		return nil, err
	}
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("%s: %d bytes is not a whole number of float64s", p, len(b))
	}
	v := make([]float64, len(b)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v, nil
}

// readBlock reads and checks a block file.
func readBlock(ctx context.Context, p string) (*shard.Block, error) {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, &shard.Error{File: p, Err: err}
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, &shard.Error{File: p, Err: err}
	}
	defer r.Close()
	return shard.ReadBlock(r, p)
}

// readHeader reads the header of a block file.
func readHeader(ctx context.Context, fs filesystem.Interface, p string) (*shard.Header, error) {
	r, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, &shard.Error{File: p, Err: err}
	}
	defer r.Close()
	return shard.ReadHeader(r, p)
}
