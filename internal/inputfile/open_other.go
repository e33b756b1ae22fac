//go:build !unix

package inputfile

import "os"

// openNonBlocking: opening a file on Windows does not wait for a writer.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
