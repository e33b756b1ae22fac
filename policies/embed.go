// Package policies embeds pushlint's built-in Rego policies, their library and their data files, so the
// binary carries them; --policy folders add to or replace them at run time.
package policies

import "embed"

// FS holds every built-in .rego and data file, rooted at this folder.
//
//go:embed main.rego lib config gate clients pushlint serverlog clientlog
var FS embed.FS
