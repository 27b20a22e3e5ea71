package spec

import (
	"fmt"
	"sort"
	"strings"
)

// Registry maps names to the entries of one kind of named thing
// (optimizers, schedules), so that adding one is one Register call.
type Registry[E any] struct {
	kind    string // e.g. "optimizer", for messages
	entries map[string]E
}

// NewRegistry returns an empty registry of things of the given kind.
func NewRegistry[E any](kind string) *Registry[E] {
	return &Registry[E]{kind: kind, entries: map[string]E{}}
}

// Register adds an entry. It panics if the name is empty or taken: both are
// programming errors.
func (r *Registry[E]) Register(name string, e E) {
	if name == "" {
		panic("spec: registering a " + r.kind + " with an empty name")
	}
	if _, dup := r.entries[name]; dup {
		panic("spec: duplicate registration of " + r.kind + " " + name)
	}
	r.entries[name] = e
}

// Lookup returns the entry registered under name.
func (r *Registry[E]) Lookup(name string) (E, bool) {
	e, ok := r.entries[name]
	return e, ok
}

// Names returns the registered names in sorted order.
func (r *Registry[E]) Names() []string {
	out := make([]string, 0, len(r.entries))
	for n := range r.entries {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Unknown returns the error for a name that is not registered, listing the
// names that are: `unknown optimizer "adamm" (known: adadelta, ...)`.
func (r *Registry[E]) Unknown(name string) error {
	return fmt.Errorf("unknown %s %q (known: %s)", r.kind, name, strings.Join(r.Names(), ", "))
}
