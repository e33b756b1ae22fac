// Package policiestest embeds the Rego unit tests of the built-in policies so that `pushlint test` can run
// them from the binary; `go tool opa test policies policies_test` runs the same files from disk.
package policiestest

import "embed"

// FS holds every built-in *_test.rego file, rooted at this folder.
//
//go:embed config lib gate clients fixtures serverlog clientlog
var FS embed.FS
