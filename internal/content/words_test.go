package content

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// wordsAndText is the plain definition of Page.Words and Page.Text: words
// counted text node by text node, text the nodes joined (a space after line
// breaks, before paragraphs and list items) with runs of spaces squeezed.
func wordsAndText(body []byte) (int, string) {
	words := 0
	var txt strings.Builder
	_ = ast.Walk(parseMarkdown(body), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			seg := n.Segment.Value(body)
			words += len(strings.Fields(string(seg)))
			txt.Write(seg)
			if n.SoftLineBreak() || n.HardLineBreak() {
				txt.WriteByte(' ')
			}
		case *ast.Paragraph, *ast.ListItem:
			if txt.Len() > 0 {
				txt.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return words, strings.Join(strings.Fields(txt.String()), " ")
}

var bodies = []string{
	"",
	"Un mot.",
	"Des *mots* qui se touchent : mot*s*, **gras**ici, `code`collé.\n",
	"Ligne un\nligne deux  \nligne trois\\\nfin",
	"- un\n- deux\n  - trois\n\n1. a\n2. b\n",
	"Espace\u00a0insécable et\u2003cadratin, \u3000idéographique\u00a0\u00a0.",
	"## Titre *accentué* é\n\nTexte[^1].\n\n[^1]: Note *en* bas.\n",
	"| a | b |\n|---|---|\n| 1 | deux mots |\n",
	"Terme\n: définition\n",
	"Un [lien](@/guides/x.md#ancre) et ![image](a.png) et <https://exemple.fr>.",
	"&amp; &eacute;crit &#233; \\* échappé",
	"«\u00a0guillemets\u00a0» et l'apostrophe -- tiret --- long...",
}

func TestWordsAndText(t *testing.T) {
	for _, b := range bodies {
		checkWordsAndText(t, b)
	}
}

func checkWordsAndText(t *testing.T, body string) {
	t.Helper()
	p := &Page{source: []byte(body), bodyLine: 1}
	p.parseBody([]byte(body))
	words, text := wordsAndText([]byte(body))
	if p.Words != words || p.Text != text {
		t.Errorf("body %q: Words, Text = %d, %q; want %d, %q", body, p.Words, p.Text, words, text)
	}
}

func FuzzWordsAndText(f *testing.F) {
	for _, b := range bodies {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !strings.ContainsRune(body, '\uFFFD') && strings.ToValidUTF8(body, "") == body {
			checkWordsAndText(t, body)
		}
	})
}

func FuzzSqueezeSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "l'été\u00a0arrive\tvite\n", "a\u2003b\u3000c\u1680d\u0085e", "\xc2 \xe2\x80 \xc3\xa9\xc3", "ǅ ߿ ࠀ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, n := squeezeSpace([]byte(s))
		if want := strings.Fields(s); string(got) != strings.Join(want, " ") || n != len(want) {
			t.Errorf("squeezeSpace(%q) = %q, %d; want %q, %d", s, got, n, strings.Join(want, " "), len(want))
		}
	})
}
