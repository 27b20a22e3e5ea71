// Package spec parses the "NAME:key=value,..." strings with which the command
// line names an optimizer, a schedule, a model or a test function, and binds
// them to a declared list of typed parameters.
//
// Grammar:
//
//	spec   = name [ ":" param { "," param } ]
//	param  = key "=" value
//
// A comma-separated token that holds no "=" continues the previous value, so
// list values read naturally: "mlp:hidden=64,32,act=relu" gives hidden="64,32"
// and act="relu". Semicolons may also separate list items ("milestones=30;80").
// Names and keys are case-sensitive and may not be empty; white space around
// names, keys and values is ignored.
package spec

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Spec is a parsed specification string.
type Spec struct {
	Name   string
	Params []Param // in the order written
}

// Param is one key=value pair of a Spec.
type Param struct {
	Key, Value string
}

// String formats s back into its canonical "name:key=value,..." form.
func (s Spec) String() string {
	if len(s.Params) == 0 {
		return s.Name
	}
	var b strings.Builder
	b.WriteString(s.Name)
	for i, p := range s.Params {
		if i == 0 {
			b.WriteByte(':')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p.Key)
		b.WriteByte('=')
		b.WriteString(p.Value)
	}
	return b.String()
}

// Parse parses a specification string. It checks only the syntax; Bind checks
// the keys and values against a declared parameter list.
func Parse(s string) (Spec, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Spec{}, fmt.Errorf("empty specification")
	}
	name, rest, hasParams := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if name == "" {
		return Spec{}, fmt.Errorf("%q: missing name before ':'", s)
	}
	out := Spec{Name: name}
	if !hasParams {
		return out, nil
	}
	if strings.TrimSpace(rest) == "" {
		return Spec{}, fmt.Errorf("%q: no parameters after ':'", s)
	}
	for _, tok := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(tok, "=")
		if !ok {
			if len(out.Params) == 0 {
				return Spec{}, fmt.Errorf("%q: %q is not of the form key=value", s, strings.TrimSpace(tok))
			}
			if strings.TrimSpace(tok) == "" {
				return Spec{}, fmt.Errorf("%q: empty list item", s)
			}
			last := &out.Params[len(out.Params)-1]
			last.Value += "," + strings.TrimSpace(tok)
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "" {
			return Spec{}, fmt.Errorf("%q: missing key before '='", s)
		}
		if v == "" {
			return Spec{}, fmt.Errorf("%q: key %q has an empty value", s, k)
		}
		for _, p := range out.Params {
			if p.Key == k {
				return Spec{}, fmt.Errorf("%q: key %q given twice", s, k)
			}
		}
		out.Params = append(out.Params, Param{Key: k, Value: v})
	}
	return out, nil
}

// Kind is the type of a declared parameter.
type Kind int

// The kinds of parameter values.
const (
	Float  Kind = iota // a finite float64
	Int                // a decimal integer
	Bool               // true or false
	String             // any text; Field.Choices may restrict it
	Floats             // a list of floats separated by ',' or ';'
	Ints               // a list of integers separated by ',' or ';'
)

func (k Kind) String() string {
	switch k {
	case Float:
		return "number"
	case Int:
		return "integer"
	case Bool:
		return "true|false"
	case String:
		return "text"
	case Floats:
		return "list of numbers"
	case Ints:
		return "list of integers"
	}
	return "unknown"
}

// Field declares one parameter that a named thing accepts.
type Field struct {
	Key     string
	Kind    Kind
	Default string   // the value used when the key is absent, in spec syntax ("" = no default: absent)
	Doc     string   // one line for help texts
	Choices []string // for String: the accepted values (nil = any)
}

// Args holds the values of a Spec bound to its declared fields.
type Args struct {
	what   string // e.g. `optimizer "adam"`, for error messages
	fields []Field
	values map[string]any
	given  map[string]bool
}

// Bind checks the parameters of s against fields and converts them, filling in
// defaults. what names the thing for error messages, e.g. `optimizer "adam"`.
// An unknown key is an error that lists the valid keys.
func Bind(what string, s Spec, fields []Field) (Args, error) {
	a := Args{what: what, fields: fields, values: map[string]any{}, given: map[string]bool{}}
	for _, p := range s.Params {
		f, ok := findField(fields, p.Key)
		if !ok {
			return Args{}, fmt.Errorf("%s has no parameter %q (valid: %s)", what, p.Key, Keys(fields))
		}
		v, err := parseValue(f, p.Value)
		if err != nil {
			return Args{}, fmt.Errorf("%s: %s=%s: %v", what, p.Key, p.Value, err)
		}
		a.values[f.Key] = v
		a.given[f.Key] = true
	}
	defs := defaultsOf(what, fields)
	for _, f := range fields {
		if _, ok := a.values[f.Key]; ok || f.Default == "" {
			continue
		}
		a.values[f.Key] = defs[f.Key]
	}
	return a, nil
}

// defaultCache maps a declared field list (registries
// declare them once, as package variables or in entries) to its parsed
// defaults, so that Bind parses each default once per process, not once
// per call (the advice's probes build an optimizer per probe).
var defaultCache sync.Map // fieldsKey → map[string]any

// fieldsKey identifies a field list by its backing array and length.
type fieldsKey struct {
	first *Field
	n     int
}

// defaultsOf returns the parsed defaults of fields. The values are
// shared: Args' getters return them as they are, and the slice kinds are
// read-only by contract (Floats, Ints).
func defaultsOf(what string, fields []Field) map[string]any {
	if len(fields) == 0 {
		return nil
	}
	key := fieldsKey{&fields[0], len(fields)}
	if m, ok := defaultCache.Load(key); ok {
		return m.(map[string]any)
	}
	m := make(map[string]any, len(fields))
	for _, f := range fields {
		if f.Default == "" {
			continue
		}
		v, err := parseValue(f, f.Default)
		if err != nil {
			panic(fmt.Sprintf("spec: bad default %q for %s key %s: %v", f.Default, what, f.Key, err))
		}
		m[f.Key] = v
	}
	defaultCache.Store(key, m)
	return m
}

// Keys returns the declared keys, comma-separated, in declaration order.
func Keys(fields []Field) string {
	ks := make([]string, len(fields))
	for i, f := range fields {
		ks[i] = f.Key
	}
	if len(ks) == 0 {
		return "none"
	}
	return strings.Join(ks, ", ")
}

func findField(fields []Field, key string) (Field, bool) {
	for _, f := range fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

func parseValue(f Field, s string) (any, error) {
	switch f.Kind {
	case Float:
		return parseFloat(s)
	case Int:
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", s)
		}
		return v, nil
	case Bool:
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not true or false", s)
	case String:
		if f.Choices != nil {
			for _, c := range f.Choices {
				if c == s {
					return s, nil
				}
			}
			return nil, fmt.Errorf("%q is not one of %s", s, strings.Join(f.Choices, ", "))
		}
		return s, nil
	case Floats, Ints:
		items := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
		if len(items) == 0 {
			return nil, fmt.Errorf("empty list")
		}
		if f.Kind == Ints {
			out := make([]int, len(items))
			for i, it := range items {
				v, err := strconv.Atoi(strings.TrimSpace(it))
				if err != nil {
					return nil, fmt.Errorf("%q is not an integer", it)
				}
				out[i] = v
			}
			return out, nil
		}
		out := make([]float64, len(items))
		for i, it := range items {
			v, err := parseFloat(strings.TrimSpace(it))
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	panic("spec: unknown kind")
}

func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	if v == 0 && strings.ContainsAny(strings.SplitN(strings.ToLower(s), "e", 2)[0], "123456789") {
		return 0, fmt.Errorf("%q underflows to 0 in float64 (the smallest positive value is about 4.9e-324)", s)
	}
	return v, nil
}

func (a Args) get(key string, k Kind) (any, bool) {
	f, ok := findField(a.fields, key)
	if !ok || f.Kind != k {
		panic(fmt.Sprintf("spec: %s: no %v field %q declared", a.what, k, key))
	}
	v, ok := a.values[key]
	return v, ok
}

// Float returns the value of a Float field (0 when absent with no default).
func (a Args) Float(key string) float64 {
	v, ok := a.get(key, Float)
	if !ok {
		return 0
	}
	return v.(float64)
}

// Int returns the value of an Int field (0 when absent with no default).
func (a Args) Int(key string) int {
	v, ok := a.get(key, Int)
	if !ok {
		return 0
	}
	return v.(int)
}

// Bool returns the value of a Bool field (false when absent with no default).
func (a Args) Bool(key string) bool {
	v, ok := a.get(key, Bool)
	if !ok {
		return false
	}
	return v.(bool)
}

// String returns the value of a String field ("" when absent with no default).
func (a Args) String(key string) string {
	v, ok := a.get(key, String)
	if !ok {
		return ""
	}
	return v.(string)
}

// Floats returns the value of a Floats field (nil when absent with no default).
func (a Args) Floats(key string) []float64 {
	v, ok := a.get(key, Floats)
	if !ok {
		return nil
	}
	return append([]float64(nil), v.([]float64)...)
}

// Ints returns the value of an Ints field (nil when absent with no default).
func (a Args) Ints(key string) []int {
	v, ok := a.get(key, Ints)
	if !ok {
		return nil
	}
	return append([]int(nil), v.([]int)...)
}

// Given reports whether key was written in the specification (rather than
// taken from its default).
func (a Args) Given(key string) bool { return a.given[key] }

// Errorf returns an error about a bound value, prefixed with the thing's name.
func (a Args) Errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %s", a.what, fmt.Sprintf(format, args...))
}

// Help formats the declared fields as "key=default  doc" lines, sorted as
// declared, for command-line help.
func Help(fields []Field) string {
	var b strings.Builder
	w := 0
	for _, f := range fields {
		if n := len(f.Key) + 1 + len(f.Default); n > w {
			w = n
		}
	}
	for _, f := range fields {
		kv := f.Key + "=" + f.Default
		fmt.Fprintf(&b, "  %-*s  %s\n", w, kv, f.Doc)
	}
	return b.String()
}

// SortedNames returns names sorted, joined with ", " (for error messages).
func SortedNames(names []string) string {
	s := append([]string(nil), names...)
	sort.Strings(s)
	return strings.Join(s, ", ")
}

// IsZero reports whether s names nothing (the zero Spec), which
// configurations read as "the default".
func (s Spec) IsZero() bool { return s.Name == "" && len(s.Params) == 0 }

// Get returns the value written for key and whether it was written.
func (s Spec) Get(key string) (string, bool) {
	for _, p := range s.Params {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// With returns a copy of s with key set to value: replaced in place if it
// was written, appended otherwise. s is not modified.
func (s Spec) With(key, value string) Spec {
	out := Spec{Name: s.Name, Params: make([]Param, 0, len(s.Params)+1)}
	found := false
	for _, p := range s.Params {
		if p.Key == key {
			p.Value, found = value, true
		}
		out.Params = append(out.Params, p)
	}
	if !found {
		out.Params = append(out.Params, Param{Key: key, Value: value})
	}
	return out
}

// Without returns a copy of s without key.
func (s Spec) Without(key string) Spec {
	out := Spec{Name: s.Name}
	for _, p := range s.Params {
		if p.Key != key {
			out.Params = append(out.Params, p)
		}
	}
	return out
}

// MarshalText encodes s in its canonical text form (String), so that
// configurations holding a Spec read naturally in JSON: "adam:lr=0.01".
func (s Spec) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes the text form; the empty text is the zero Spec.
func (s *Spec) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = Spec{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MustParse is Parse for specifications written in Go programs, such as
// MustParse("adam:lr=0.01"): it panics if s does not parse, as
// regexp.MustCompile does. Front ends parse user input with Parse.
func MustParse(s string) Spec {
	sp, err := Parse(s)
	if err != nil {
		panic("spec: MustParse(" + s + "): " + err.Error())
	}
	return sp
}
