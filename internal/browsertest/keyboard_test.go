package browsertest

import (
	"testing"
)

// TestKeyboard walks one page of every template with Tab only: skip link
// first and working, every interactive element reached, in view and with a
// visible focus indicator.
func TestKeyboard(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	for _, p := range Pages {
		t.Run(p.Kind, func(t *testing.T) {
			CheckKeyboard(t, ctx, base+p.Path)
		})
	}
}
