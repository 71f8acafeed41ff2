// Package htmlcheck runs the Nu HTML Checker (vnu.jar, from the npm package
// vnu-jar) over a whole built site folder in one Java process, and returns
// its errors with the file and position of each.
package htmlcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// JarPath is where scripts/install-test-deps.sh (npm ci) puts vnu.jar, from
// the repository root.
const JarPath = "node_modules/vnu-jar/build/dist/vnu.jar"

// Message is one error of the checker.
type Message struct {
	File    string // path relative to the checked folder, slash-separated
	Line    int
	Col     int
	Msg     string
	Extract string // the markup around the error
}

func (m Message) String() string {
	return fmt.Sprintf("%s:%d:%d: %s [%s]", m.File, m.Line, m.Col, m.Msg, strings.ReplaceAll(m.Extract, "\n", "⏎"))
}

// Check validates every HTML file under dir (other files are skipped) with
// `java -jar jar --errors-only --format json --skip-non-html dir` and returns
// the errors sorted by file and position. An error is returned only when
// the checker cannot run or its output cannot be read.
func Check(java, jar, dir string) ([]Message, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", "--stdout", abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return nil, fmt.Errorf("running the Nu HTML Checker: %w", runErr)
	}
	var out struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn, LastColumn    int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("reading the Nu HTML Checker output (%v): %s%s", err, stdout.String(), stderr.String())
	}
	var msgs []Message
	for _, m := range out.Messages {
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if rel, err := filepath.Rel(abs, u.Path); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		col := m.FirstColumn
		if col == 0 {
			col = m.LastColumn
		}
		msg := m.Message
		if m.Type != "error" {
			msg = m.Type + ": " + msg // "non-document-error": an I/O or internal failure
		}
		msgs = append(msgs, Message{File: file, Line: m.LastLine, Col: col, Msg: msg, Extract: m.Extract})
	}
	if runErr != nil && len(msgs) == 0 {
		return nil, fmt.Errorf("the Nu HTML Checker failed with no message: %v: %s", runErr, stderr.String())
	}
	slices.SortStableFunc(msgs, func(a, b Message) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return msgs, nil
}
