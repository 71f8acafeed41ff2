// Package layouts embeds the default templates, so that `labo` can build a
// site folder that has none of its own. A site overrides a template by
// putting a file of the same path in its own layouts/ folder.
package layouts

import "embed"

// FS holds the default templates.
//
//go:embed *.html */*.html
var FS embed.FS
