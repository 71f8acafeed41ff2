// Package static embeds the default static files (CSS, scripts, vendored
// front-end libraries, fonts and pictograms). They are copied to the root of
// the built site; a site's own static/ folder adds files or overrides these.
package static

import "embed"

// FS holds the default static files.
//
//go:embed css js vendor
var FS embed.FS
