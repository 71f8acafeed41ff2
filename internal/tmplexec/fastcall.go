package tmplexec

import (
	"html/template"
	"reflect"
	"time"
)

var stringsType = reflect.TypeFor[[]string]()

// fastCall returns a caller of fn without reflect.Value.Call when its
// signature is a common one, else nil. The arguments have already been
// converted to the parameter types (validateType), so the conversions
// below cannot fail; results are returned with the function's result
// types, as Call would.
func fastCall(fn any) func(argv []reflect.Value) (reflect.Value, error) {
	switch f := fn.(type) {
	case func(string) string:
		return func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(a[0].String())), nil }
	case func(string) (string, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			r, err := f(a[0].String())
			return reflect.ValueOf(r), err
		}
	case func(string) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			r, err := f(a[0].String())
			return reflect.ValueOf(r), err
		}
	case func(time.Time) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].Interface().(time.Time))), nil
		}
	case func(int) string:
		return func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(int(a[0].Int()))), nil }
	case func(int, int) int:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(int(a[0].Int()), int(a[1].Int()))), nil
		}
	case func(int, int) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(int(a[0].Int()), int(a[1].Int()))), nil
		}
	case func(int, string, string) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(int(a[0].Int()), a[1].String(), a[2].String())), nil
		}
	case func(float64, int) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].Float(), int(a[1].Int()))), nil
		}
	case func([]string, string) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			v := a[0]
			if v.Type() != stringsType { // a named []string type
				v = v.Convert(stringsType)
			}
			return reflect.ValueOf(f(v.Interface().([]string), a[1].String())), nil
		}
	case func([]byte) template.HTML:
		return func(a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(a[0].Bytes())), nil
		}
	case func(string, any, string) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			r, err := f(a[0].String(), a[1].Interface(), a[2].String())
			return reflect.ValueOf(r), err
		}
	}
	return nil
}
