// Package diag collects input problems so that a build can report all of them
// at once, each pointing at a file, a line and a field.
//
// A problem prints as
//
//	data/lieux.csv:14: code_postal: expected 5 digits, found "6300"
//
// Line and field are omitted when unknown. Lists print sorted by file, line
// and column so that reports are stable across runs.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Problem is one input error.
type Problem struct {
	File  string // path relative to the site root, slash-separated
	Line  int    // 1-based; 0 when unknown
	Col   int    // 1-based; 0 when unknown
	Field string // column, key or front-matter field; "" when not applicable
	Msg   string // what was expected and what was found
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// List accumulates problems. The zero value is ready to use and safe for
// concurrent use.
type List struct {
	mu    sync.Mutex
	items []Problem
}

// Add records a problem.
func (l *List) Add(p Problem) {
	l.mu.Lock()
	l.items = append(l.items, p)
	l.mu.Unlock()
}

// Addf records a problem with a formatted message.
func (l *List) Addf(file string, line int, field, format string, args ...any) {
	l.Add(Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Len reports how many problems were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Problems returns the problems sorted by position.
func (l *List) Problems() []Problem {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Field, b.Field),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return out
}

// Err returns nil when the list is empty and an *Error otherwise.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Problems: l.Problems()}
}

// Error is returned by loaders when the input has problems.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
