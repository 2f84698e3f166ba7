// Package careprint embeds the built-in defaults: the sample content, the layouts and the
// fonts that make a handout print before a clinic has written any TOML.
package careprint

import "embed"

// Defaults holds content/, layouts/, fonts/ and i18n/ as they are in this repository.
//
//go:embed content/*.toml content/treatments content/conditions layouts fonts i18n
var Defaults embed.FS
