// Copyright 2011 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package tmplexec executes text/template parse trees — in practice the
// trees of html/template templates after html/template has escaped them —
// with the semantics of text/template's executor and the same output bytes,
// several times faster.
//
// text/template walks the parse tree on every execution: it looks fields
// and methods up by name (FieldByName, MethodByName) each time, and calls
// every function, including the escapers html/template adds to each
// action ({{.X | _html_template_htmlescaper}}), through reflect.Value.Call
// on a variadic func(...any) string. This package compiles each node once
// into a closure: text is written as bytes, field lookups are cached per
// node and receiver type, common function signatures are called without
// reflection, and the html/template escapers are native ports
// (escape.go). The evaluation rules are those of
// $GOROOT/src/text/template/exec.go (Go 1.26), whose code this file
// follows step by step; it is BSD-licensed (LICENSE in this folder).
//
// A tree that uses anything this package does not implement is refused by
// Compile (the caller keeps using html/template); a refused tree is never
// executed partially.
package tmplexec

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
)

// maxExecDepth is text/template's limit on nested template calls.
const maxExecDepth = 100000

// Options are what Compile needs beyond the trees.
type Options struct {
	// Funcs are the template's functions (template.FuncMap), without the
	// builtins and the html/template escapers.
	Funcs map[string]any
	// MissingKey is the template's missingkey option: "default",
	// "invalid", "zero" or "error".
	MissingKey string
	// Escaped refuses a tree in which an action prints a value without an
	// html/template escaper: a tree html/template has not escaped yet.
	Escaped bool
}

type missingKeyAction int

const (
	mapInvalid   missingKeyAction = iota // Return an invalid reflect.Value.
	mapZeroValue                         // Return the zero value for the map element.
	mapError                             // Error out
)

// Template is a compiled template, safe for concurrent use.
type Template struct {
	t    *tmpl
	prog *program
}

// program is a set of compiled templates and what they share.
type program struct {
	lookup  func(name string) *parse.Tree
	funcs   map[string]any
	missing missingKeyAction
	escaped bool
	tmpls   map[string]*tmpl
	idents  map[string]bool
	pending []*tmpl
	// mu serializes what is compiled while templates run (the arguments of
	// a method, once its receiver type is known): executions are
	// concurrent, and compiling writes idents.
	mu sync.Mutex
}

// tmpl is one compiled template of a set.
type tmpl struct {
	name string
	tree *parse.Tree
	body nodeFn
}

// errUnsupported is the cause of a refused tree.
type errUnsupported struct{ msg string }

func (e *errUnsupported) Error() string { return "tmplexec: " + e.msg }

// CompileHTML compiles the template name of an html/template set that has
// already been executed (html/template escapes a template and the
// templates it calls on its first execution; their trees are then the
// escaped ones). opt.Escaped is forced.
func CompileHTML(set *htmltemplate.Template, name string, opt Options) (*Template, error) {
	opt.Escaped = true
	return Compile(name, func(n string) *parse.Tree {
		t := set.Lookup(n)
		if t == nil {
			return nil
		}
		return t.Tree
	}, opt)
}

// CompileText compiles the template name of a text/template set.
func CompileText(set *template.Template, name string, opt Options) (*Template, error) {
	return Compile(name, func(n string) *parse.Tree {
		t := set.Lookup(n)
		if t == nil {
			return nil
		}
		return t.Tree
	}, opt)
}

// Compile compiles the template name and those it calls, found with
// lookup. It fails when a tree uses a construct, function or template
// this package cannot run exactly as text/template would.
func Compile(name string, lookup func(string) *parse.Tree, opt Options) (t *Template, err error) {
	p := &program{lookup: lookup, funcs: opt.Funcs, escaped: opt.Escaped, tmpls: map[string]*tmpl{}, idents: map[string]bool{}}
	switch opt.MissingKey {
	case "", "default", "invalid":
		p.missing = mapInvalid
	case "zero":
		p.missing = mapZeroValue
	case "error":
		p.missing = mapError
	default:
		return nil, &errUnsupported{"missingkey=" + opt.MissingKey}
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*errUnsupported)
			if !ok {
				panic(r)
			}
			t, err = nil, e
		}
	}()
	root := p.template(name)
	for len(p.pending) > 0 {
		x := p.pending[len(p.pending)-1]
		p.pending = p.pending[:len(p.pending)-1]
		c := &compiler{prog: p, tree: x.tree}
		x.body = c.list(x.tree.Root)
	}
	return &Template{t: root, prog: p}, nil
}

// Idents lists the functions the compiled templates call, sorted.
func (t *Template) Idents() []string {
	t.prog.mu.Lock()
	defer t.prog.mu.Unlock()
	var out []string
	for n := range t.prog.idents {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// template returns the compiled template name, compiling it later.
func (p *program) template(name string) *tmpl {
	if x, ok := p.tmpls[name]; ok {
		return x
	}
	tree := p.lookup(name)
	if tree == nil || tree.Root == nil {
		panic(&errUnsupported{fmt.Sprintf("template %q not found (a template html/template derived for another context?)", name)})
	}
	x := &tmpl{name: name, tree: tree}
	p.tmpls[name] = x
	p.pending = append(p.pending, x)
	return x
}

// Execute runs the template with data, appending to w. On error, w holds
// what was written before the error.
func (t *Template) Execute(w *bytes.Buffer, data any) (err error) {
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	var vars [8]variable
	s := &state{w: w, tmpl: t.t, prog: t.prog, vars: vars[:0]}
	s.vars = append(s.vars, variable{"$", value})
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case template.ExecError:
				err = e
			case runtime.Error:
				panic(r)
			default:
				err = fmt.Errorf("template: %s: %v", t.t.name, r)
			}
		}
	}()
	t.t.body(s, value)
	return nil
}

// state is the state of one execution.
type state struct {
	w     *bytes.Buffer
	tmpl  *tmpl
	prog  *program
	node  parse.Node
	vars  []variable
	base  int // first variable of the current template call
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, value reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

func (s *state) setTopVar(n int, value reflect.Value) {
	s.vars[len(s.vars)-n].value = value
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return zero
}

var zero reflect.Value

type missingValType struct{}

var missingVal = reflect.ValueOf(missingValType{})

var missingValReflectType = reflect.TypeFor[missingValType]()

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingValReflectType
}

func (s *state) at(node parse.Node) { s.node = node }

func doublePercent(str string) string {
	return strings.ReplaceAll(str, "%", "%%")
}

// errorf stops the execution with an error naming the template, the line
// and the node, as text/template's.
func (s *state) errorf(format string, args ...any) {
	name := doublePercent(s.tmpl.name)
	if s.node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.tmpl.tree.ErrorContext(s.node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, doublePercent(context), format)
	}
	panic(template.ExecError{Name: s.tmpl.name, Err: fmt.Errorf(format, args...)})
}

// Compiled forms.
type (
	// ctl is how a node ends: normally, or by break or continue.
	ctl     int
	nodeFn  func(s *state, dot reflect.Value) ctl
	pipeFn  func(s *state, dot reflect.Value) reflect.Value
	cmdFn   func(s *state, dot, final reflect.Value) reflect.Value
	argFn   func(s *state, dot reflect.Value) reflect.Value
	chainFn func(s *state, dot, receiver, final reflect.Value) reflect.Value
	// callFn calls fun (a function or a bound method).
	callFn func(s *state, dot, fun, final reflect.Value) reflect.Value
)

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
)

type compiler struct {
	prog *program
	tree *parse.Tree
}

func unsupported(format string, args ...any) {
	panic(&errUnsupported{fmt.Sprintf(format, args...)})
}

// fail returns a closure that stops with an error at node when run: an
// error text/template reports only when it executes the node.
func fail(node parse.Node, format string, args ...any) func(s *state) {
	return func(s *state) {
		s.at(node)
		s.errorf(format, args...)
	}
}

func (c *compiler) list(l *parse.ListNode) nodeFn {
	if l == nil {
		return nil
	}
	var fns []nodeFn
	for _, n := range l.Nodes {
		if f := c.node(n); f != nil {
			fns = append(fns, f)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, reflect.Value) ctl { return ctlNone }
	case 1:
		return fns[0]
	}
	return func(s *state, dot reflect.Value) ctl {
		for _, f := range fns {
			if r := f(s, dot); r != ctlNone {
				return r
			}
		}
		return ctlNone
	}
}

func (c *compiler) node(node parse.Node) nodeFn {
	switch n := node.(type) {
	case *parse.ActionNode:
		return c.action(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) ctl { return ctlBreak }
	case *parse.CommentNode:
		return nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) ctl { return ctlContinue }
	case *parse.IfNode:
		return c.ifOrWith(false, n.Pipe, n.List, n.ElseList)
	case *parse.ListNode:
		return c.list(n)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) ctl {
			s.w.Write(text)
			return ctlNone
		}
	case *parse.WithNode:
		return c.ifOrWith(true, n.Pipe, n.List, n.ElseList)
	}
	unsupported("node %s of type %T", node, node)
	return nil
}

func (c *compiler) action(n *parse.ActionNode) nodeFn {
	pipe := n.Pipe
	if len(pipe.Decl) > 0 {
		p := c.pipeline(pipe)
		return func(s *state, dot reflect.Value) ctl {
			p(s, dot)
			return ctlNone
		}
	}
	// The escapers html/template appended to the pipeline, if any.
	k := len(pipe.Cmds)
	var escs []*escaper
	for k > 1 {
		cmd := pipe.Cmds[k-1]
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || len(cmd.Args) != 1 {
			break
		}
		if _, user := c.prog.funcs[id.Ident]; user {
			break
		}
		e := escapers[id.Ident]
		if e == nil {
			break
		}
		c.prog.idents[id.Ident] = true
		escs = append([]*escaper{e}, escs...)
		k--
	}
	if c.prog.escaped && len(escs) == 0 && !c.builtinEscaper(pipe.Cmds[len(pipe.Cmds)-1]) {
		unsupported("%s: action %s does not end with an escaper this package implements (not escaped yet?)", location(c.tree, n), n)
	}
	if len(escs) == 0 {
		p := c.pipeline(pipe)
		return func(s *state, dot reflect.Value) ctl {
			s.printValue(n, p(s, dot))
			return ctlNone
		}
	}
	// Fast path: the value of the first k commands goes through the
	// escapers as a string, and is written.
	cmds := c.commands(pipe.Cmds[:k])
	first, rest := escs[0], escs[1:]
	return func(s *state, dot reflect.Value) ctl {
		value := missingVal
		for _, cmd := range cmds {
			value = cmd(s, dot, value)
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = value.Elem()
			}
		}
		str := first.value(value)
		for _, e := range rest {
			str = e.str(str)
		}
		s.w.WriteString(str)
		return ctlNone
	}
}

// builtinEscaper reports whether cmd is the builtin html or urlquery,
// which html/template keeps as the escaper of an action that ends with
// them ({{html .X}} becomes {{_eval_args_ .X | html}}).
func (c *compiler) builtinEscaper(cmd *parse.CommandNode) bool {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || (id.Ident != "html" && id.Ident != "urlquery") {
		return false
	}
	_, user := c.prog.funcs[id.Ident]
	return !user
}

func location(tree *parse.Tree, n parse.Node) string {
	loc, _ := tree.ErrorContext(n)
	return loc
}

func (c *compiler) ifOrWith(with bool, pipe *parse.PipeNode, list, elseList *parse.ListNode) nodeFn {
	p := c.pipeline(pipe)
	body := c.list(list)
	els := c.list(elseList)
	return func(s *state, dot reflect.Value) ctl {
		mark := len(s.vars)
		val := p(s, dot)
		truth, ok := isTrue(indirectInterface(val))
		if !ok {
			s.errorf("if/with can't use %v", val)
		}
		r := ctlNone
		if truth {
			if with {
				r = body(s, val)
			} else {
				r = body(s, dot)
			}
		} else if els != nil {
			r = els(s, dot)
		}
		s.pop(mark)
		return r
	}
}

// IsTrue is text/template's truth.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// rangeInfo is a compiled range node.
type rangeInfo struct {
	node     *parse.RangeNode
	pipe     pipeFn
	body     nodeFn
	els      nodeFn
	decl     []string
	isAssign bool
}

func (c *compiler) rangeNode(r *parse.RangeNode) nodeFn {
	ri := &rangeInfo{node: r, pipe: c.pipeline(r.Pipe), body: c.list(r.List), els: c.list(r.ElseList), isAssign: r.Pipe.IsAssign}
	for _, d := range r.Pipe.Decl {
		ri.decl = append(ri.decl, d.Ident[0])
	}
	return ri.run
}

// iteration runs the body once; it reports a break.
func (ri *rangeInfo) iteration(s *state, mark int, index, elem reflect.Value) bool {
	if len(ri.decl) > 0 {
		if ri.isAssign {
			if len(ri.decl) > 1 {
				s.setVar(ri.decl[0], index)
			} else {
				s.setVar(ri.decl[0], elem)
			}
		} else {
			s.setTopVar(1, elem)
		}
	}
	if len(ri.decl) > 1 {
		if ri.isAssign {
			s.setVar(ri.decl[1], elem)
		} else {
			s.setTopVar(2, index)
		}
	}
	r := ri.body(s, elem)
	s.pop(mark)
	return r == ctlBreak
}

func (ri *rangeInfo) run(s *state, dot reflect.Value) ctl {
	s.at(ri.node)
	outer := len(s.vars)
	defer s.pop(outer)
	val, _ := indirect(ri.pipe(s, dot))
	mark := len(s.vars)
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(ri.decl) > 1 {
			s.errorf("can't use %v to iterate over more than one variable", val)
			break
		}
		run := false
		for v := range val.Seq() {
			run = true
			if ri.iteration(s, mark, reflect.Value{}, v) {
				break
			}
		}
		if !run {
			break
		}
		return ctlNone
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if ri.iteration(s, mark, reflect.ValueOf(i), val.Index(i)) {
				break
			}
		}
		return ctlNone
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		for _, m := range sortMap(val) {
			if ri.iteration(s, mark, m.Key, m.Value) {
				break
			}
		}
		return ctlNone
	case reflect.Chan:
		if val.IsNil() {
			break
		}
		if val.Type().ChanDir() == reflect.SendDir {
			s.errorf("range over send-only channel %v", val)
			break
		}
		i := 0
		for ; ; i++ {
			elem, ok := val.Recv()
			if !ok {
				break
			}
			if ri.iteration(s, mark, reflect.ValueOf(i), elem) {
				i++
				break
			}
		}
		if i == 0 {
			break
		}
		return ctlNone
	case reflect.Invalid:
		break
	case reflect.Func:
		if val.Type().CanSeq() {
			if len(ri.decl) > 1 {
				s.errorf("can't use %v iterate over more than one variable", val)
				break
			}
			run := false
			for v := range val.Seq() {
				run = true
				if ri.iteration(s, mark, reflect.Value{}, v) {
					break
				}
			}
			if !run {
				break
			}
			return ctlNone
		}
		if val.Type().CanSeq2() {
			run := false
			for i, v := range val.Seq2() {
				run = true
				var stop bool
				if len(ri.decl) > 1 {
					stop = ri.iteration(s, mark, i, v)
				} else {
					stop = ri.iteration(s, mark, reflect.Value{}, i)
				}
				if stop {
					break
				}
			}
			if !run {
				break
			}
			return ctlNone
		}
		fallthrough
	default:
		s.errorf("range can't iterate over %v", val)
	}
	if ri.els != nil {
		ri.els(s, dot)
	}
	return ctlNone
}

func (c *compiler) templateNode(t *parse.TemplateNode) nodeFn {
	callee := c.prog.template(t.Name)
	pipe := c.pipeline(t.Pipe)
	return func(s *state, dot reflect.Value) ctl {
		s.at(t)
		if s.depth == maxExecDepth {
			s.errorf("exceeded maximum template depth (%v)", maxExecDepth)
		}
		dot = pipe(s, dot)
		// No dynamic scoping: the callee sees only $, above base; the
		// variables the pipeline declared persist in the caller.
		mark, base, caller := len(s.vars), s.base, s.tmpl
		s.base, s.tmpl = mark, callee
		s.depth++
		s.push("$", dot)
		callee.body(s, dot)
		s.depth--
		s.vars, s.base, s.tmpl = s.vars[:mark], base, caller
		return ctlNone
	}
}

func (c *compiler) commands(cmds []*parse.CommandNode) []cmdFn {
	out := make([]cmdFn, len(cmds))
	for i, cmd := range cmds {
		out[i] = c.command(cmd)
	}
	return out
}

func (c *compiler) pipeline(pipe *parse.PipeNode) pipeFn {
	if pipe == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	}
	cmds := c.commands(pipe.Cmds)
	var decl []string
	for _, v := range pipe.Decl {
		decl = append(decl, v.Ident[0])
	}
	isAssign := pipe.IsAssign
	return func(s *state, dot reflect.Value) reflect.Value {
		value := missingVal
		for _, cmd := range cmds {
			value = cmd(s, dot, value)
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = value.Elem()
			}
		}
		for _, name := range decl {
			if isAssign {
				s.setVar(name, value)
			} else {
				s.push(name, value)
			}
		}
		return value
	}
}

func (s *state) notAFunction(args []parse.Node, final reflect.Value) {
	if len(args) > 1 || !isMissing(final) {
		s.errorf("can't give argument to non-function %s", args[0])
	}
}

func (c *compiler) command(cmd *parse.CommandNode) cmdFn {
	firstWord := cmd.Args[0]
	switch n := firstWord.(type) {
	case *parse.FieldNode:
		chain := c.fieldChain(n, n.Ident, cmd.Args)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.at(n)
			return chain(s, dot, dot, final)
		}
	case *parse.ChainNode:
		return c.chain(n, cmd.Args)
	case *parse.IdentifierNode:
		return c.function(n, cmd, cmd.Args)
	case *parse.PipeNode:
		p := c.pipeline(n)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.notAFunction(cmd.Args, final)
			return p(s, dot)
		}
	case *parse.VariableNode:
		return c.variable(n, cmd.Args)
	}
	var val reflect.Value
	switch word := firstWord.(type) {
	case *parse.BoolNode:
		val = reflect.ValueOf(word.True)
	case *parse.DotNode:
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.at(firstWord)
			s.notAFunction(cmd.Args, final)
			return dot
		}
	case *parse.NilNode:
		f := fail(firstWord, "nil is not a command")
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.at(firstWord)
			s.notAFunction(cmd.Args, final)
			f(s)
			return zero
		}
	case *parse.NumberNode:
		v, f := idealConstant(word)
		if f != nil {
			return func(s *state, dot, final reflect.Value) reflect.Value {
				s.at(firstWord)
				s.notAFunction(cmd.Args, final)
				f(s)
				return zero
			}
		}
		val = v
	case *parse.StringNode:
		val = reflect.ValueOf(word.Text)
	default:
		f := fail(firstWord, "can't evaluate command %q", firstWord)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.at(firstWord)
			s.notAFunction(cmd.Args, final)
			f(s)
			return zero
		}
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		s.at(firstWord)
		s.notAFunction(cmd.Args, final)
		return val
	}
}

// idealConstant is the value of a number whose type the context does not
// give: its syntax decides, as in Go. A failure is returned as a closure.
func idealConstant(constant *parse.NumberNode) (reflect.Value, func(*state)) {
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128), nil
	case constant.IsFloat &&
		!isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64), nil
	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			return zero, fail(constant, "%s overflows int", constant.Text)
		}
		return reflect.ValueOf(n), nil
	case constant.IsUint:
		return zero, fail(constant, "%s overflows int", constant.Text)
	}
	return zero, nil
}

func isRuneInt(s string) bool {
	return len(s) > 0 && s[0] == '\''
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (c *compiler) chain(chain *parse.ChainNode, args []parse.Node) cmdFn {
	if len(chain.Field) == 0 {
		f := fail(chain, "internal error: no fields in evalChainNode")
		return func(s *state, _, _ reflect.Value) reflect.Value { f(s); return zero }
	}
	if chain.Node.Type() == parse.NodeNil {
		f := fail(chain, "indirection through explicit nil in %s", chain)
		return func(s *state, _, _ reflect.Value) reflect.Value { f(s); return zero }
	}
	recv := c.arg(chain.Node, nil)
	fields := c.fieldChain(chain, chain.Field, args)
	return func(s *state, dot, final reflect.Value) reflect.Value {
		s.at(chain)
		pipe := recv(s, dot)
		return fields(s, dot, pipe, final)
	}
}

func (c *compiler) variable(v *parse.VariableNode, args []parse.Node) cmdFn {
	name := v.Ident[0]
	if len(v.Ident) == 1 {
		return func(s *state, dot, final reflect.Value) reflect.Value {
			s.at(v)
			value := s.varValue(name)
			s.notAFunction(args, final)
			return value
		}
	}
	chain := c.fieldChain(v, v.Ident[1:], args)
	return func(s *state, dot, final reflect.Value) reflect.Value {
		s.at(v)
		return chain(s, dot, s.varValue(name), final)
	}
}

// fieldChain compiles .X.Y.Z, possibly followed by arguments (args holds
// the command's words, the chain first, as text/template passes them).
func (c *compiler) fieldChain(node parse.Node, ident []string, args []parse.Node) chainFn {
	n := len(ident)
	sites := make([]*fieldSite, n)
	for i, name := range ident {
		sites[i] = &fieldSite{name: name, node: node, c: c, nameVal: reflect.ValueOf(name)}
	}
	last := sites[n-1]
	if len(args) > 1 {
		last.args = args[1:]
	}
	last.hasArgs = len(args) > 1
	if n == 1 {
		return func(s *state, dot, receiver, final reflect.Value) reflect.Value {
			return s.evalField(dot, last, final, receiver)
		}
	}
	return func(s *state, dot, receiver, final reflect.Value) reflect.Value {
		for _, f := range sites[:n-1] {
			receiver = s.evalField(dot, f, missingVal, receiver)
		}
		return s.evalField(dot, last, final, receiver)
	}
}

// fieldSite is one name of a field chain, with what it resolved to for
// the last receiver type seen.
type fieldSite struct {
	name    string
	nameVal reflect.Value
	node    parse.Node
	args    []parse.Node // method arguments, after the name
	hasArgs bool
	c       *compiler
	cache   atomic.Pointer[fieldRes]
}

// fieldRes is what a name means for one receiver type.
type fieldRes struct {
	ptrType   reflect.Type // type of the value methods are looked up on
	addressed bool         // ptrType is a pointer to the addressable receiver
	method    int          // method index, or -1
	call      callFn       // the method call
	field     []int        // struct field index, or nil
	exported  bool
	mapKey    bool // the receiver is a map whose key type takes the name
	ptrField  bool // the receiver is a nil pointer to a struct with the field
}

// compileCall compiles the call of the method of type t, while templates
// run: one goroutine at a time.
func (f *fieldSite) compileCall(t reflect.Type) callFn {
	f.c.prog.mu.Lock()
	defer f.c.prog.mu.Unlock()
	return f.c.call(t, false, f.node, f.name, f.args, nil)
}

func (f *fieldSite) resolve(ptr reflect.Value, addressed bool) *fieldRes {
	pt := ptr.Type()
	if r := f.cache.Load(); r != nil && r.ptrType == pt && r.addressed == addressed {
		return r
	}
	r := &fieldRes{ptrType: pt, addressed: addressed, method: -1}
	if m, ok := pt.MethodByName(f.name); ok {
		r.method = m.Index
		r.call = f.compileCall(ptr.Method(m.Index).Type())
	} else {
		rt := pt
		if addressed {
			rt = pt.Elem()
		}
		switch rt.Kind() {
		case reflect.Struct:
			if tField, ok := rt.FieldByName(f.name); ok {
				r.field = tField.Index
				r.exported = tField.IsExported()
			}
		case reflect.Map:
			r.mapKey = f.nameVal.Type().AssignableTo(rt.Key())
		case reflect.Pointer:
			etyp := rt.Elem()
			r.ptrField = true
			if etyp.Kind() == reflect.Struct {
				if _, ok := etyp.FieldByName(f.name); !ok {
					r.ptrField = false
				}
			}
		}
	}
	f.cache.Store(r)
	return r
}

// evalField is text/template's evalField with the name lookups cached.
func (s *state) evalField(dot reflect.Value, f *fieldSite, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		if s.prog.missing == mapError {
			s.errorf("nil data; no entry for key %q", f.name)
		}
		return zero
	}
	typ := receiver.Type()
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		s.errorf("nil pointer evaluating %s.%s", typ, f.name)
		return zero
	}
	ptr := receiver
	addressed := false
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
		addressed = true
	}
	r := f.resolve(ptr, addressed)
	if r.method >= 0 {
		return r.call(s, dot, ptr.Method(r.method), final)
	}
	hasArgs := f.hasArgs || !isMissing(final)
	switch receiver.Kind() {
	case reflect.Struct:
		if r.field != nil {
			var field reflect.Value
			var err error
			if len(r.field) == 1 {
				field = receiver.Field(r.field[0])
			} else {
				field, err = receiver.FieldByIndexErr(r.field)
			}
			if !r.exported {
				s.errorf("%s is an unexported field of struct type %s", f.name, typ)
			}
			if err != nil {
				s.errorf("%v", err)
			}
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", f.name)
			}
			return field
		}
	case reflect.Map:
		if r.mapKey {
			if hasArgs {
				s.errorf("%s is not a method but has arguments", f.name)
			}
			result := receiver.MapIndex(f.nameVal)
			if !result.IsValid() {
				switch s.prog.missing {
				case mapInvalid:
				case mapZeroValue:
					result = reflect.Zero(receiver.Type().Elem())
				case mapError:
					s.errorf("map has no entry for key %q", f.name)
				}
			}
			return result
		}
	case reflect.Pointer:
		if r.ptrField && isNil {
			s.errorf("nil pointer evaluating %s.%s", typ, f.name)
		}
	}
	s.errorf("can't evaluate field %s in type %s", f.name, typ)
	panic("not reached")
}

var (
	errorType        = reflect.TypeFor[error]()
	fmtStringerType  = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	anyType          = reflect.TypeFor[any]()
	stringType       = reflect.TypeFor[string]()
)

// function compiles a call of a function by name; args holds the
// command's words, the name first, or is nil.
func (c *compiler) function(n *parse.IdentifierNode, cmd parse.Node, args []parse.Node) cmdFn {
	name := n.Ident
	c.prog.idents[name] = true
	if args != nil {
		args = args[1:]
	}
	fn, ok := c.prog.funcs[name]
	isBuiltin := false
	if !ok {
		if e := escapers[name]; e != nil {
			return c.escaperCall(n, e, args)
		}
		if strings.HasPrefix(name, "_html_template_") || name == "_eval_args_" {
			unsupported("%s: escaper %s is not implemented", location(c.tree, n), name)
		}
		fn, ok = builtinFuncs[name]
		isBuiltin = true
	}
	if !ok {
		f := fail(n, "%q is not a defined function", name)
		return func(s *state, dot, final reflect.Value) reflect.Value { f(s); return zero }
	}
	fv := reflect.ValueOf(fn)
	call := c.call(fv.Type(), isBuiltin, cmd, name, args, fn)
	return func(s *state, dot, final reflect.Value) reflect.Value {
		s.at(n)
		return call(s, dot, fv, final)
	}
}

var builtinFuncs = builtins()

// call compiles text/template's evalCall for a function of type typ; args
// are the argument nodes (without the function's name). fn, if not nil,
// is the function itself, called without reflection when its signature is
// a common one.
func (c *compiler) call(typ reflect.Type, isBuiltin bool, node parse.Node, name string, args []parse.Node, fn any) callFn {
	numIn := typ.NumIn()
	variadic := typ.IsVariadic()
	numFixed := len(args)
	if variadic {
		numFixed = numIn - 1
	}
	goodErr := goodFunc(name, typ)
	unwrap := func(v reflect.Value) reflect.Value {
		if v.Type() == reflectValueType {
			v = v.Interface().(reflect.Value)
		}
		return v
	}
	checkCount := func(s *state, final reflect.Value) {
		n := len(args)
		if !isMissing(final) {
			n++
		}
		if variadic {
			if n < numFixed {
				s.errorf("wrong number of args for %s: want at least %d got %d", name, numIn-1, len(args))
			}
		} else if n != numIn {
			s.errorf("wrong number of args for %s: want %d got %d", name, numIn, n)
		}
		if goodErr != nil {
			s.errorf("%v", goodErr)
		}
	}
	if !variadic && len(args) > numIn {
		return func(s *state, dot, fun, final reflect.Value) reflect.Value {
			checkCount(s, final)
			panic("not reached")
		}
	}

	if isBuiltin && (name == "and" || name == "or") {
		argType := typ.In(0)
		argFns := make([]argFn, len(args))
		for i, a := range args {
			argFns[i] = c.arg(a, argType)
		}
		isOr := name == "or"
		return func(s *state, dot, fun, final reflect.Value) reflect.Value {
			checkCount(s, final)
			var v reflect.Value
			for _, f := range argFns {
				v = f(s, dot).Interface().(reflect.Value)
				if truth(v) == isOr {
					return v
				}
			}
			if !final.Equal(missingVal) {
				v = unwrap(s.validateType(final, argType))
			}
			return v
		}
	}

	argFns := make([]argFn, 0, len(args))
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argFns = append(argFns, c.arg(args[i], typ.In(i)))
	}
	if variadic {
		argType := typ.In(numIn - 1).Elem()
		for ; i < len(args); i++ {
			argFns = append(argFns, c.arg(args[i], argType))
		}
	}
	var finalType reflect.Type
	if numIn > 0 {
		finalType = typ.In(numIn - 1)
		if variadic {
			if len(args) < numFixed {
				finalType = typ.In(len(args))
			} else {
				finalType = finalType.Elem()
			}
		}
	}
	isCall := isBuiltin && name == "call"
	var calleeName string
	if isCall && len(args) > 0 {
		calleeName = args[0].String()
	}
	invoke := fastCall(fn)
	return func(s *state, dot, fun, final reflect.Value) reflect.Value {
		checkCount(s, final)
		n := len(argFns)
		if !isMissing(final) {
			n++
		}
		argv := make([]reflect.Value, n)
		for i, f := range argFns {
			argv[i] = f(s, dot)
		}
		if !isMissing(final) {
			argv[len(argFns)] = s.validateType(final, finalType)
		}
		var v reflect.Value
		var err error
		if isCall {
			callee := calleeName
			if len(args) == 0 {
				callee = final.String()
			}
			argv = append([]reflect.Value{reflect.ValueOf(callee)}, argv...)
			v, err = safeCall(reflect.ValueOf(call), argv)
		} else if invoke != nil {
			v, err = safeInvoke(invoke, argv)
		} else {
			v, err = safeCall(fun, argv)
		}
		if err != nil {
			s.at(node)
			s.errorf("error calling %s: %w", name, err)
		}
		return unwrap(v)
	}
}

// safeInvoke is safeCall for a function called without reflection.
func safeInvoke(f func([]reflect.Value) (reflect.Value, error), args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return f(args)
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				s.errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			s.errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

// arg compiles text/template's evalArg: the value of n for a parameter of
// type typ (nil for the receiver of a chain).
func (c *compiler) arg(n parse.Node, typ reflect.Type) argFn {
	validate := func(f func(s *state, dot reflect.Value) reflect.Value) argFn {
		return func(s *state, dot reflect.Value) reflect.Value {
			s.at(n)
			v := f(s, dot)
			return s.validateType(v, typ)
		}
	}
	failing := func(format string, args ...any) argFn {
		f := fail(n, format, args...)
		return func(s *state, _ reflect.Value) reflect.Value { f(s); return zero }
	}
	switch arg := n.(type) {
	case *parse.DotNode:
		return func(s *state, dot reflect.Value) reflect.Value {
			s.at(n)
			return s.validateType(dot, typ)
		}
	case *parse.NilNode:
		if typ != nil && canBeNil(typ) {
			z := reflect.Zero(typ)
			return func(*state, reflect.Value) reflect.Value { return z }
		}
		return failing("cannot assign nil to %s", typ)
	case *parse.FieldNode:
		chain := c.fieldChain(arg, arg.Ident, []parse.Node{n})
		return validate(func(s *state, dot reflect.Value) reflect.Value {
			s.at(arg)
			return chain(s, dot, dot, missingVal)
		})
	case *parse.VariableNode:
		v := c.variable(arg, nil)
		return validate(func(s *state, dot reflect.Value) reflect.Value { return v(s, dot, missingVal) })
	case *parse.PipeNode:
		p := c.pipeline(arg)
		return validate(func(s *state, dot reflect.Value) reflect.Value { return p(s, dot) })
	case *parse.IdentifierNode:
		f := c.function(arg, arg, nil)
		return validate(func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, missingVal) })
	case *parse.ChainNode:
		f := c.chain(arg, nil)
		return validate(func(s *state, dot reflect.Value) reflect.Value { return f(s, dot, missingVal) })
	}
	if typ == nil {
		unsupported("%s: constant %s without a type", location(c.tree, n), n)
	}
	constant := func(v reflect.Value) argFn {
		return func(s *state, _ reflect.Value) reflect.Value {
			s.at(n)
			return v
		}
	}
	num, _ := n.(*parse.NumberNode)
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			return constant(reflect.ValueOf(b.True).Convert(typ))
		}
		return failing("expected bool; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if num != nil && num.IsComplex {
			return constant(reflect.ValueOf(num.Complex128).Convert(typ))
		}
		return failing("expected complex; found %s", n)
	case reflect.Float32, reflect.Float64:
		if num != nil && num.IsFloat {
			return constant(reflect.ValueOf(num.Float64).Convert(typ))
		}
		return failing("expected float; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num != nil && num.IsInt {
			return constant(reflect.ValueOf(num.Int64).Convert(typ))
		}
		return failing("expected integer; found %s", n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return c.emptyInterface(n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			f := c.emptyInterface(n)
			return func(s *state, dot reflect.Value) reflect.Value {
				return reflect.ValueOf(f(s, dot))
			}
		}
	case reflect.String:
		if str, ok := n.(*parse.StringNode); ok {
			return constant(reflect.ValueOf(str.Text).Convert(typ))
		}
		return failing("expected string; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num != nil && num.IsUint {
			return constant(reflect.ValueOf(num.Uint64).Convert(typ))
		}
		return failing("expected unsigned integer; found %s", n)
	}
	return failing("can't handle %s for arg of type %s", n, typ)
}

// emptyInterface compiles evalEmptyInterface for the constants evalArg
// leaves to it (the other nodes are handled by arg).
func (c *compiler) emptyInterface(n parse.Node) argFn {
	var v reflect.Value
	switch n := n.(type) {
	case *parse.BoolNode:
		v = reflect.ValueOf(n.True)
	case *parse.NumberNode:
		val, f := idealConstant(n)
		if f != nil {
			return func(s *state, _ reflect.Value) reflect.Value { f(s); return zero }
		}
		v = val
	case *parse.StringNode:
		v = reflect.ValueOf(n.Text)
	default:
		f := fail(n, "can't handle assignment of %s to empty interface argument", n)
		return func(s *state, _ reflect.Value) reflect.Value { f(s); return zero }
	}
	return func(s *state, _ reflect.Value) reflect.Value {
		s.at(n)
		return v
	}
}

func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// printValue writes v as text/template does: fmt.Fprint of its printable
// form.
func (s *state) printValue(n parse.Node, v reflect.Value) {
	s.at(n)
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.w.WriteString(v.String())
		return
	}
	iface, ok := printableValue(v)
	if !ok {
		s.errorf("can't print %s of type %s", n, v.Type())
	}
	fmt.Fprint(s.w, iface)
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
