package beam

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/descentgo/descent/data"
)

// CacheEnv names the environment variable that sets the memory, in MiB,
// that a worker process may spend on decoded blocks kept from one job to
// the next; 0 turns the cache off. The default is DefaultCacheMiB.
const CacheEnv = "DESCENT_BEAM_CACHE_MB"

// DefaultCacheMiB is the default budget of the block cache.
const DefaultCacheMiB = 1024

// Beam keeps nothing from one job to the next, and a training run is one
// job per evaluation: without a cache, every evaluation reads and decodes
// every block again. A worker process that lives across jobs (Prism in
// this process, a worker pool) keeps the blocks it decoded — standardized
// when the job asks for it — while the file's size and modification time
// are unchanged (a block rewritten during a run is read, and checked,
// again). File systems that cannot tell the modification time are not
// cached.
var cache = struct {
	sync.Mutex
	blocks map[cacheKey]*cached
	bytes  int64
}{blocks: map[cacheKey]*cached{}}

type cacheKey struct {
	path        string
	standardize bool
}

type cached struct {
	stamp string // size and modification time of the file
	d     *data.Dense
	index int
	id    string
}

func cacheBudget() int64 {
	mib := int64(DefaultCacheMiB)
	if v, err := strconv.ParseInt(os.Getenv(CacheEnv), 10, 64); err == nil && v >= 0 {
		mib = v
	}
	return mib << 20
}

// stampOf returns the size and modification time of the file p, or "" if
// its file system cannot tell.
func stampOf(ctx context.Context, p string) string {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return ""
	}
	defer fs.Close()
	lm, ok := fs.(filesystem.LastModifiedGetter)
	if !ok {
		return ""
	}
	size, err := fs.Size(ctx, p)
	if err != nil {
		return ""
	}
	t, err := lm.LastModified(ctx, p)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d@%d", size, t.UnixNano())
}

// loadBlock returns the rows of block file p — standardized with the
// block's statistics if standardize is set — its index and its data id,
// from the cache when the file has not changed. The rows are shared: do
// not modify them.
func loadBlock(ctx context.Context, p string, standardize bool) (*data.Dense, int, string, error) {
	key := cacheKey{p, standardize}
	stamp := stampOf(ctx, p)
	if stamp != "" {
		cache.Lock()
		c := cache.blocks[key]
		cache.Unlock()
		if c != nil && c.stamp == stamp {
			return c.d, c.index, c.id, nil
		}
	}
	b, err := readBlock(ctx, p)
	if err != nil {
		return nil, 0, "", err
	}
	d := &data.Dense{N: b.Rows, D: b.Cols, X: b.X, Y: b.Y}
	if standardize {
		st := b.Standardization
		st.Center = true
		st.Apply(d)
	}
	if stamp != "" {
		size := int64(8 * (len(d.X) + len(d.Y)))
		cache.Lock()
		if old := cache.blocks[key]; old != nil {
			cache.bytes -= int64(8 * (len(old.d.X) + len(old.d.Y)))
			delete(cache.blocks, key)
		}
		if cache.bytes+size <= cacheBudget() {
			cache.blocks[key] = &cached{stamp: stamp, d: d, index: b.Index, id: b.DataID}
			cache.bytes += size
		}
		cache.Unlock()
	}
	return d, b.Index, b.DataID, nil
}
