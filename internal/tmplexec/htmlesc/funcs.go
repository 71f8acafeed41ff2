// Package htmlesc holds the escapers html/template adds to the actions of
// a template (_html_template_htmlescaper…), copied from
// $GOROOT/src/html/template (Go 1.26) with the code they need, so that a
// template executed by package tmplexec escapes exactly as html/template.
// The Go licence is in ../LICENSE. The files keep their original names and
// code; this file only lists the escapers.
package htmlesc

import (
	"fmt"
	"strings"
)

// Funcs maps the names html/template gives its escapers to them.
var Funcs = map[string]func(args ...any) string{
	"_html_template_attrescaper":      attrEscaper,
	"_html_template_commentescaper":   commentEscaper,
	"_html_template_cssescaper":       cssEscaper,
	"_html_template_cssvaluefilter":   cssValueFilter,
	"_html_template_htmlnamefilter":   htmlNameFilter,
	"_html_template_htmlescaper":      htmlEscaper,
	"_html_template_jsregexpescaper":  jsRegexpEscaper,
	"_html_template_jsstrescaper":     jsStrEscaper,
	"_html_template_jstmpllitescaper": jsTmplLitEscaper,
	"_html_template_jsvalescaper":     jsValEscaper,
	"_html_template_nospaceescaper":   htmlNospaceEscaper,
	"_html_template_rcdataescaper":    rcdataEscaper,
	"_html_template_srcsetescaper":    srcsetFilterAndEscaper,
	"_html_template_urlescaper":       urlEscaper,
	"_html_template_urlfilter":        urlFilter,
	"_html_template_urlnormalizer":    urlNormalizer,
	"_eval_args_":                     evalArgs,
}

func evalArgs(args ...any) string {
	// Optimization for simple common case of a single string argument.
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	for i, arg := range args {
		args[i] = indirectToStringerOrError(arg)
	}
	return fmt.Sprint(args...)
}

// filterFailsafe is an innocuous word that is emitted in place of unsafe values
// by sanitizer functions. It is not a keyword in any programming language,
// contains no special characters, is not empty, and when it appears in output
// it is distinct enough that a developer can find the source of the problem
// via a search engine.
const filterFailsafe = "ZgotmplZ"

// delimEnds maps each delim to a string of characters that terminate it.
var delimEnds = [...]string{
	delimDoubleQuote: `"`,
	delimSingleQuote: "'",
	// Determined empirically by running the below in various browsers.
	// var div = document.createElement("DIV");
	// for (var i = 0; i < 0x10000; ++i) {
	//   div.innerHTML = "<span title=x" + String.fromCharCode(i) + "-bar>";
	//   if (div.getElementsByTagName("SPAN")[0].title.indexOf("bar") < 0)
	//     document.write("<p>U+" + i.toString(16));
	// }
	delimSpaceOrTagEnd: " \t\n\f\r>",
}

// StringFuncs are the escapers of Funcs for one argument of type string
// (plain text, as stringify sees it), without boxing the string: the same
// code as the escapers with the content type known.
var StringFuncs = map[string]func(s string) string{
	"_html_template_attrescaper":    plainHTML,
	"_html_template_htmlescaper":    plainHTML,
	"_html_template_rcdataescaper":  plainHTML,
	"_html_template_commentescaper": func(string) string { return "" },
	"_html_template_nospaceescaper": func(s string) string {
		if s == "" {
			return filterFailsafe
		}
		return htmlReplacer(s, htmlNospaceReplacementTable, false)
	},
	"_html_template_urlfilter": func(s string) string {
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	},
	"_html_template_urlescaper":    func(s string) string { return plainURL(s, false) },
	"_html_template_urlnormalizer": func(s string) string { return plainURL(s, true) },
}

func plainHTML(s string) string { return htmlReplacer(s, htmlReplacementTable, true) }

func plainURL(s string, norm bool) string {
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}
