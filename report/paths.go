package report

import (
	"path/filepath"
	"strings"
)

// ciPath writes a file path for a CI format: relative to base, with forward slashes, when the file lies
// under base (relative reports true), or absolute when it lies outside (../other/ccm.log run from a
// checkout is not a file of the repository, and a relative path would point code scanning at the wrong
// file). Without a base, a path is written as given.
func ciPath(base, file string) (path string, relative bool) {
	if base == "" {
		p := strings.TrimPrefix(filepath.ToSlash(file), "./")
		return p, !filepath.IsAbs(file) && !isWindowsAbs(p)
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(base, file)
	}
	abs = filepath.Clean(abs)
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(rel), true
}

// isWindowsAbs reports whether a slash path is a Windows absolute path (C:/Logs/ccm.log), as found in
// evidence from logs collected on Windows.
func isWindowsAbs(p string) bool {
	return len(p) > 2 && p[1] == ':' && p[2] == '/' && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z')
}
