package tmplexec

import (
	"reflect"
	"text/template/parse"

	"labo/internal/tmplexec/htmlesc"
)

// escaper is one of html/template's escapers, ported (package htmlesc).
type escaper struct {
	name string
	fn   func(args ...any) string
	// plain is fn for one argument of type string.
	plain func(string) string
}

var escapers = func() map[string]*escaper {
	m := map[string]*escaper{}
	for name, fn := range htmlesc.Funcs {
		e := &escaper{name: name, fn: fn, plain: htmlesc.StringFuncs[name]}
		if e.plain == nil {
			e.plain = func(s string) string { return fn(s) }
		}
		m[name] = e
	}
	return m
}()

// value escapes v, the value of the previous commands of a pipeline, as
// the escaper receives it from text/template: converted to an any.
func (e *escaper) value(v reflect.Value) string {
	if !v.IsValid() {
		return e.fn(nil)
	}
	if v.Kind() == reflect.String && v.Type() == stringType {
		return e.plain(v.String())
	}
	return e.fn(v.Interface())
}

// str escapes the string an escaper returned.
func (e *escaper) str(s string) string { return e.plain(s) }

// escaperCall compiles a call of an escaper anywhere in a pipeline, with
// arguments: text/template would pass each one converted to an any.
func (c *compiler) escaperCall(n *parse.IdentifierNode, e *escaper, args []parse.Node) cmdFn {
	argFns := make([]argFn, len(args))
	for i, a := range args {
		argFns[i] = c.arg(a, anyType)
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		s.at(n)
		vals := make([]any, 0, len(argFns)+1)
		for _, f := range argFns {
			vals = append(vals, f(s, dot).Interface())
		}
		if !isMissing(final) {
			vals = append(vals, s.validateType(final, anyType).Interface())
		}
		return reflect.ValueOf(e.fn(vals...))
	}
}
